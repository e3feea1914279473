// Headless LibreOffice for the tests: one private soffice per call (fresh profile that recalculates on load, its
// own pipe), driven through python3-uno by lo_probe.py, so that many workbooks cost one LibreOffice start.
// LibreOffice missing is a failure, never a skip (README, Tests): the evidence this harness gives cannot be faked.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellAddress, columnNumber } from '../../src/core/address';

export type LoValue = string | number;

export interface LoValidation {
  type: string;
  /** Only for type ANY (an input message without a rule). */
  inputTitle?: string;
  inputMessage?: string;
  operator: string;
  formula1: string;
  formula2: string;
  showError: boolean;
  errorStyle: string;
  errorTitle: string;
  errorMessage: string;
  ignoreBlank: boolean;
}

export interface LoFileResult {
  path: string;
  error?: string;
  sheets: { name: string; visible: boolean; protected: boolean }[];
  properties: Record<string, string>;
  /** Used range of the probed sheet, as LibreOffice computed it on load (row-major, '' for empty). */
  values: LoValue[][];
  formulas: string[][];
  /** Ranges of uniform cell format ("Sheet.A5:A12,Sheet.E5:E12") with their protection and validation. */
  formatRanges: { ranges: string; locked: boolean; validation?: LoValidation }[];
  conditionalFormats: { range: string; entries: { formula1: string; style: string }[] }[];
  metaValues?: LoValue[][];
  /** Values after the fill and calculateAll(). */
  filledValues?: LoValue[][];
  emptyPasswordAccepted?: boolean;
  /** After the empty password: whether unprotect(job.password) unprotected the sheet. */
  passwordAccepted?: boolean;
}

export interface LoJob {
  path: string;
  /** Sheet to probe (default: the first). */
  sheet?: string;
  metaSheet?: string;
  /** Values written into cells before recalculating (numbers with setValue, text with setString). */
  fill?: Record<string, LoValue>;
  tryEmptyPassword?: boolean;
  /** A password to try after the empty one. */
  password?: string;
  /** Where to save the workbook as .xlsx after the fill and the recalculation (LibreOffice's own export). */
  saveAs?: string;
  /** Export the document, as loaded (before the fill), to this PDF file. */
  pdf?: string;
}

const PYTHON = '/usr/bin/python3';
const PROBE = path.join(__dirname, 'lo_probe.py');

/** Throws (failing the test) when LibreOffice or python3-uno is missing. */
export function requireLibreOffice(): void {
  const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  if (soffice.status !== 0) throw new Error('LibreOffice (soffice) is missing: apt-get install libreoffice-calc-nogui');
  if (!existsSync(PYTHON) || spawnSync(PYTHON, ['-c', 'import uno'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('python3-uno is missing: apt-get install python3-uno (used through /usr/bin/python3)');
  }
}

export function probeWithLibreOffice(jobs: LoJob[], timeoutMs = 300_000): Promise<LoFileResult[]> {
  requireLibreOffice();
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [PROBE], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      reject(new Error(`LibreOffice probe timed out after ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`LibreOffice probe exited ${code}: ${stderr}`));
      try {
        const files = (JSON.parse(stdout) as { files: LoFileResult[] }).files;
        const failed = files.find((f) => f.error);
        if (failed) return reject(new Error(`LibreOffice could not load ${failed.path}: ${failed.error}`));
        resolve(files);
      } catch (e) {
        reject(new Error(`LibreOffice probe printed no JSON (${(e as Error).message}): ${stderr}`));
      }
    });
    child.stdin.end(JSON.stringify({ files: jobs }));
  });
}

/** Every cell address ("G5") in a LibreOffice range list ("Sheet.G5:G12,Sheet.G14"), up to maxRow. */
export function expandRanges(ranges: string, maxRow = 10_000, maxCol = 50): string[] {
  const out: string[] = [];
  for (const part of ranges.split(',')) {
    const ref = part.slice(part.lastIndexOf('.') + 1).replace(/\$/g, '');
    const [a, b = a] = ref.split(':') as [string, string?];
    const m1 = /^([A-Z]+)(\d+)$/.exec(a)!;
    const m2 = /^([A-Z]+)(\d+)$/.exec(b!)!;
    for (let r = Number(m1[2]); r <= Math.min(Number(m2[2]), maxRow); r++) {
      for (let c = columnNumber(m1[1]!); c <= Math.min(columnNumber(m2[1]!), maxCol); c++) {
        out.push(cellAddress(r, c));
      }
    }
  }
  return out;
}

/** LibreOffice's API formula grammar separates arguments with ';': back to the file's ',' (outside strings). */
export function fromLoFormula(formula: string): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/;/g, ',')))
    .join('');
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Files converted by one headless LibreOffice run (`soffice --convert-to TARGET file…`, which takes many files, so
 * that converting fifty costs one start): `target` is soffice's "extension:filter" (e.g. "docx:MS Word 2007 XML").
 * A fresh profile that always recalculates on load (by default cached values are kept), private copies of the
 * inputs (no lock file beside them), a time limit, and a check that every output exists (soffice exits 0 even when
 * it could not load a file). Returns the outputs in the order of `files`. Throws when LibreOffice (or the module the
 * filter needs, named in `missingHint`) is missing or fails.
 */
export function convertWithLibreOffice(
  files: readonly { name: string; bytes: Uint8Array }[],
  target: string,
  options: { timeoutSeconds?: number; missingHint?: string } = {},
): Uint8Array[] {
  if (spawnSync('sh', ['-c', 'command -v soffice']).status !== 0) {
    throw new Error(
      `LibreOffice (soffice) is missing: apt-get install ${options.missingHint ?? 'libreoffice-calc-nogui'}`,
    );
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'ts-lo-convert-'));
  try {
    mkdirSync(path.join(work, 'profile/user'), { recursive: true });
    mkdirSync(path.join(work, 'in'));
    mkdirSync(path.join(work, 'out'));
    writeFileSync(path.join(work, 'profile/user/registrymodifications.xcu'), RECALC_ALWAYS);
    // Inputs are named by their position: unique, plain ASCII, and the output keeps the stem.
    const inputs = files.map((f, i) => {
      const input = path.join(work, 'in', `${i}${path.extname(f.name)}`);
      writeFileSync(input, f.bytes);
      return input;
    });
    const run = spawnSync(
      'timeout',
      [
        '-k',
        '10',
        String(options.timeoutSeconds ?? 120),
        'soffice',
        `-env:UserInstallation=file://${work}/profile`,
        '--headless',
        '--invisible',
        '--norestore',
        '--nolockcheck',
        '--nologo',
        '--nodefault',
        '--convert-to',
        target,
        '--outdir',
        path.join(work, 'out'),
        ...inputs,
      ],
      { env: { ...process.env, HOME: work }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const extension = target.split(':')[0]!;
    return files.map((f, i) => {
      const output = path.join(work, 'out', `${i}.${extension}`);
      if (run.status !== 0 || !existsSync(output)) {
        throw new Error(
          `LibreOffice wrote no ${extension} for ${f.name} (exit ${run.status}` +
            `${options.missingHint ? `; is ${options.missingHint} installed?` : ''}): ${run.stdout}${run.stderr}`,
        );
      }
      return new Uint8Array(readFileSync(output));
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The workbook after LibreOffice opened it, recalculated every formula and saved it again as .xlsx — the way a
 * unit using LibreOffice sends a sheet back.
 */
export function resaveWithLibreOffice(bytes: Uint8Array, timeoutSeconds = 120): Uint8Array {
  return convertWithLibreOffice([{ name: 'workbook.xlsx', bytes }], 'xlsx:Calc MS Excel 2007 XML', {
    timeoutSeconds,
  })[0]!;
}
