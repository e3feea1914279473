// Test support for the validate corpus: re-save an .xlsx with LibreOffice headless (open, recalculate, save as
// xlsx), the way a unit using LibreOffice would send a sheet back. A fresh profile per run (recalculate on load),
// a private copy of the input (no lock file beside it), a time limit, and a check that the output exists
// (soffice exits 0 even when it failed).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOFFICE = process.env.SOFFICE ?? 'soffice';

export function libreOfficeAvailable(): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${SOFFICE}`]);
  return r.status === 0;
}

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Opens `bytes` in LibreOffice, recalculates, saves as .xlsx and returns the new file's bytes. */
export function resaveWithLibreOffice(bytes: Uint8Array, timeoutSeconds = 120): Uint8Array {
  const work = mkdtempSync(path.join(os.tmpdir(), 'ts-validate-lo-'));
  try {
    mkdirSync(path.join(work, 'profile/user'), { recursive: true });
    mkdirSync(path.join(work, 'in'));
    mkdirSync(path.join(work, 'out'));
    writeFileSync(path.join(work, 'profile/user/registrymodifications.xcu'), PROFILE);
    const input = path.join(work, 'in/returned.xlsx');
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
    const output = path.join(work, 'out/returned.xlsx');
    if (!existsSync(output)) throw new Error(`LibreOffice wrote no file: ${log}`);
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

