// `target-sheets catalog [SOURCE] --xlsx FILE` and `catalog master.xlsx` / `catalog document.docx`, the CLI's own
// code in process, on real files in a temporary folder.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTargetsText } from '../../src/core/catalog/read-text';
import { cli, installedCli } from '../support/cli';
import { readWorkbook } from '../../src/xlsx/read';
import { EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { buildDocx } from '../docx/build-docx';

interface JsonCatalog {
  year: number;
  units: unknown[];
  diagnostics: Array<{ code: string; message: string }>;
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-master-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('catalog --xlsx: the targets exported to a master sheet and read back by the CLI', () => {
  test('exporting the embedded 2019 document writes the file and says so; reading it back lists the same units', async () => {
    const file = path.join(work, '2019 目标总表.xlsx');
    const exported = await cli('catalog', '--xlsx', file, '--json');
    // The 2019 document has targets without a weight: errors, exit 1, but the sheet is written.
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`已写出考核目标总表 ${file}`);
    const fromText = JSON.parse(exported.stdout) as JsonCatalog;
    expect(statSync(file).size).toBeGreaterThan(10_000);

    const read = await cli('catalog', file, '--json');
    const fromSheet = JSON.parse(read.stdout) as JsonCatalog;
    expect(read.code).toBe(1);
    expect(fromSheet.year).toBe(2019);
    expect(fromSheet.units).toEqual(fromText.units);
    expect(fromSheet.diagnostics.map((d) => d.code)).toContain('weight-missing');
    // Messages come from the locale, not the code.
    expect(fromSheet.diagnostics.every((d) => d.message !== d.code)).toBe(true);
  });

  test('the installed command (its bundled ExcelJS, whose zip reader loads on first use) reads the master sheet too', async () => {
    const file = path.join(work, 'bundled 目标总表.xlsx');
    const fromText = JSON.parse((await cli('catalog', '--xlsx', file, '--json')).stdout) as JsonCatalog;
    const run = installedCli(['catalog', file, '--json']);
    // Exit 1: the 2019 document's own errors (as in process); the JSON is complete.
    expect(run.code).toBe(1);
    const fromSheet = JSON.parse(run.stdout) as JsonCatalog;
    expect(fromSheet.units).toEqual(fromText.units);
    expect(fromSheet.diagnostics.map((d) => d.code)).toContain('weight-missing');
  });

  test('the exported file tells staff how to edit it, on a second sheet the reader leaves alone', async () => {
    const file = path.join(work, 'with-notes.xlsx');
    await cli('catalog', '--xlsx', file, '--lang', 'en');
    const read = readWorkbook(new Uint8Array(readFileSync(file)));
    if (!read.ok) throw new Error(read.failure.code);
    expect(read.contents.sheets.map((s) => s.name)).toEqual(['考核目标', '说明', '考核设置']);
    const notes = read.contents.sheets[1]!.cells.map((c) => String(c.value));
    expect(notes[0]).toMatch(/^1\. 本工作簿是考核目标总表/);
    expect(notes.some((line) => line.includes('（本组各单位）'))).toBe(true);
    const back = JSON.parse((await cli('catalog', file, '--json')).stdout) as JsonCatalog;
    expect(back.units).toHaveLength(52);
  });

  test('an existing file is never overwritten', async () => {
    const file = path.join(work, 'taken.xlsx');
    writeFileSync(file, 'somebody else’s file');
    const run = await cli('catalog', '--xlsx', file, '--lang', 'en');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`file already exists, not overwritten: ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('somebody else’s file');
  });

  test('a broken master sheet lists its problems with their rows', async () => {
    const file = path.join(work, 'broken.xlsx');
    await cli('catalog', '--xlsx', file);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    sheet.getCell('B40').value = '处室';
    await workbook.xlsx.writeFile(file);
    const run = await cli('catalog', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/分组“处室”无法识别.*（第 40 行）/);
  });
});

describe('catalog document.docx', () => {
  test('a Word document is read directly, to the same units as its text export', async () => {
    const file = path.join(work, '2019.docx');
    writeFileSync(file, await buildDocx(readTargetsText(EMBEDDED_SOURCE_TEXT).document));
    const fromDocx = JSON.parse((await cli('catalog', file, '--json')).stdout) as JsonCatalog;
    const fromText = JSON.parse((await cli('catalog', '--json')).stdout) as JsonCatalog;
    expect(fromDocx.units).toHaveLength(52);
    expect(fromDocx.units).toEqual(fromText.units);
  });

  test('a .docx that is not a Word document is an unreadable source (exit 2, the reason), not a crash nor a catalog', async () => {
    const file = path.join(work, 'fake.docx');
    writeFileSync(file, 'plain text');
    const run = await cli('catalog', file, '--lang', 'en');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`cannot open ${file}: not a Word document (.docx): the file cannot be unzipped`);
    expect(run.stdout).toBe('');
  });
});
