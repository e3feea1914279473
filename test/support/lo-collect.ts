// Test support for collect: let LibreOffice (headless, a second spreadsheet engine) open a summary, recalculate
// every formula and save it again, so a test can compare the recalculated cells with the core's numbers.
// A fresh profile that always recalculates on load (by default cached values are kept), a private copy of the
// input (no lock file beside it), a time limit, and a check that the output exists (soffice exits 0 on failure).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOFFICE = process.env.SOFFICE ?? 'soffice';

export function sofficeAvailable(): boolean {
  return spawnSync('sh', ['-c', `command -v ${SOFFICE}`]).status === 0;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** The .xlsx after LibreOffice opened it, recalculated it and saved it as .xlsx. Throws when it could not. */
export function recalculateWithLibreOffice(bytes: Uint8Array, timeoutSeconds = 120): Uint8Array {
  if (!sofficeAvailable()) throw new Error(`LibreOffice (${SOFFICE}) is not installed: it is needed to recalculate the summary`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-lo-'));
  try {
    mkdirSync(path.join(work, 'profile/user'), { recursive: true });
    mkdirSync(path.join(work, 'in'));
    mkdirSync(path.join(work, 'out'));
    writeFileSync(path.join(work, 'profile/user/registrymodifications.xcu'), RECALC_ALWAYS);
    const input = path.join(work, 'in/summary.xlsx');
    writeFileSync(input, bytes);
    let log = '';
    try {
      log = execFileSync(
        'timeout',
        ['-k', '10', String(timeoutSeconds), SOFFICE, `-env:UserInstallation=file://${work}/profile`, '--headless', '--invisible',
          '--norestore', '--nolockcheck', '--nologo', '--nodefault', '--convert-to', 'xlsx:Calc MS Excel 2007 XML',
          '--outdir', path.join(work, 'out'), input],
        { env: { ...process.env, HOME: work }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      throw new Error(`LibreOffice failed: ${(error as Error).message}`);
    }
    const output = path.join(work, 'out/summary.xlsx');
    if (!existsSync(output)) throw new Error(`LibreOffice wrote no file: ${log}`);
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
