// Test harness: re-save a workbook with LibreOffice Calc headless (open, save as .xlsx), the way a member of
// staff using LibreOffice would hand a master sheet back. (Only Calc is installed here and in CI, so .docx files
// cannot go through LibreOffice.) A fresh profile per run, a private copy of the input
// (no lock file beside it), a time limit, and a check that the output exists (soffice exits 0 even when it
// could not load the file). When soffice is missing this throws, so the test fails rather than skips.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SOFFICE = process.env.SOFFICE ?? 'soffice';

export function resaveWithLibreOffice(bytes: Uint8Array, timeoutSeconds = 120): Uint8Array {
  const work = mkdtempSync(path.join(os.tmpdir(), 'ts-master-lo-'));
  try {
    mkdirSync(path.join(work, 'profile/user'), { recursive: true });
    mkdirSync(path.join(work, 'in'));
    mkdirSync(path.join(work, 'out'));
    const input = path.join(work, 'in/master.xlsx');
    writeFileSync(input, bytes);
    let log = '';
    try {
      log = execFileSync(
        'timeout',
        ['-k', '10', String(timeoutSeconds), SOFFICE, `-env:UserInstallation=file://${work}/profile`, '--headless', '--invisible',
          '--norestore', '--nolockcheck', '--nologo', '--nodefault', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', path.join(work, 'out'), input],
        { env: { ...process.env, HOME: work }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
    } catch (error) {
      throw new Error(`LibreOffice (${SOFFICE}) failed: ${(error as Error).message}`);
    }
    const output = path.join(work, 'out/master.xlsx');
    if (!existsSync(output)) throw new Error(`LibreOffice wrote no file: ${log}`);
    return new Uint8Array(readFileSync(output));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
