// `register --out F.xlsx` and `survey --out F.xlsx`: the empty input workbooks of the final result, opened by
// LibreOffice (sheets, header, protection with only the input cells unlocked, the drop-downs and number
// validations), never written over an existing file, and read back by collect's readers once filled in.
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRegisterFile, readSurveyFile, resultUnits } from '../../src/app/results';
import { cli, type Run } from '../support/cli';
import { expandRanges, probeWithLibreOffice, type LoFileResult } from '../support/libreoffice';
import { catalog2019 } from '../core/validate/fixture';

let work: string;
let registerRun: Run;
let surveyRun: Run;
let registerLo: LoFileResult;
let surveyLo: LoFileResult;
const file = (name: string): string => path.join(work, name);
const units = catalog2019.units;
const last = 2 + units.length;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-results-inputs-'));
  registerRun = await cli('register', '--out', file('register.xlsx'), '--created-at', '2019-12-01T00:00:00Z');
  surveyRun = await cli('survey', '--out', file('survey.xlsx'), '--created-at', '2019-12-01T00:00:00Z');
  [registerLo, surveyLo] = (await probeWithLibreOffice([
    { path: file('register.xlsx') },
    { path: file('survey.xlsx') },
  ])) as [LoFileResult, LoFileResult];
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The format ranges of the probed sheet, without the sheet name, each with its validation (type, operator, formula1). */
function validations(r: LoFileResult): Array<[string, string, string, string]> {
  return r.formatRanges
    .filter((f) => f.validation)
    .map((f) => [f.ranges.replace(/^[^.]*\./, ''), f.validation!.type, f.validation!.operator, f.validation!.formula1]);
}

function unlocked(r: LoFileResult): string[] {
  return r.formatRanges
    .filter((f) => !f.locked)
    .flatMap((f) => f.ranges.split(',').map((x) => x.replace(/^[^.]*\./, '')))
    .flatMap((x) => expandRanges(x, 1100, 10))
    .sort();
}

describe('register --out', () => {
  test('writes the file and says so', () => {
    expect(registerRun.code).toBe(0);
    expect(registerRun.stderr).toBe(
      `target-sheets register: 已写入 2019 年度加减分台账 ${file('register.xlsx')}（下拉列表含 52 个单位）\n`,
    );
  });

  test('LibreOffice opens it: a protected register with its title and header, and the protected list of units', () => {
    expect(registerLo.error).toBeUndefined();
    expect(registerLo.sheets).toEqual([
      { name: '加减分台账', visible: true, protected: true },
      { name: '单位名单', visible: true, protected: true },
    ]);
    expect(registerLo.values[0]![0]).toBe('2019年度加减分台账');
    expect(registerLo.values[1]).toEqual(['单位', '类型', '分值', '事由', '文号', '日期']);
  });

  test('only the 1,000 entry rows are unlocked; the title and header are locked', () => {
    expect(unlocked(registerLo)).toEqual(expandRanges('A3:F1002', 1100, 10).sort());
  });

  test('drop-downs of the catalog units and of the three types, and 分值 a number ≥ 0', () => {
    expect(validations(registerLo)).toEqual([
      ['A3:A1002', 'LIST', 'BETWEEN', '$单位名单.$A$2:$A$53'],
      ['B3:B1002', 'LIST', 'BETWEEN', '"加分";"扣分";"一票否决"'],
      ['C3:C1002', 'DECIMAL', 'GREATER_EQUAL', '0'],
    ]);
    for (const f of registerLo.formatRanges.filter((x) => x.validation))
      expect(f.validation).toMatchObject({ showError: true, errorStyle: 'STOP', ignoreBlank: true });
  });

  test('an existing file is never written over', async () => {
    const before = readFileSync(file('register.xlsx'));
    const again = await cli('register', '--out', file('register.xlsx'));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在，未覆盖');
    expect(readFileSync(file('register.xlsx')).equals(before)).toBe(true);
  });

  test('filled in, it is read back by collect’s register reader', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('register.xlsx'));
    const ws = wb.worksheets[0]!;
    ws.getRow(3).values = [units[0]!.name, '加分', 2, '获省级表彰', '某发〔2019〕1号'];
    ws.getRow(4).values = [units[1]!.name, '一票否决', null, '发生重大安全生产事故'];
    writeFileSync(file('register-filled.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
    const read = readRegisterFile(new Uint8Array(readFileSync(file('register-filled.xlsx'))), resultUnits(catalog2019));
    expect(read).toEqual({
      ok: true,
      issues: [],
      value: [
        expect.objectContaining({ row: 3, unitId: units[0]!.id, kind: 'bonus', points: 2 }),
        expect.objectContaining({ row: 4, unitId: units[1]!.id, kind: 'veto', points: null }),
      ],
    });
  });
});

describe('survey --out', () => {
  test('writes the file and says so', () => {
    expect(surveyRun.code).toBe(0);
    expect(surveyRun.stderr).toContain('已写入 2019 年度民主测评票数统计表');
  });

  test('LibreOffice opens it: title, header, one row per catalog unit in catalog order, protected', () => {
    expect(surveyLo.error).toBeUndefined();
    expect(surveyLo.sheets).toEqual([{ name: '民主测评', visible: true, protected: true }]);
    expect(surveyLo.values[0]![0]).toBe('2019年度民主测评票数统计');
    expect(surveyLo.values[1]).toEqual(['单位', '优秀', '良好', '一般', '差']);
    expect(surveyLo.values.slice(2).map((r) => r[0])).toEqual(units.map((u) => u.name));
  });

  test('only the vote counts are unlocked, each a whole number ≥ 0', () => {
    expect(unlocked(surveyLo)).toEqual(expandRanges(`B3:E${last}`, 1100, 10).sort());
    expect(validations(surveyLo)).toEqual([[`B3:E${last}`, 'WHOLE', 'GREATER_EQUAL', '0']]);
  });

  test('filled in, it is read back by collect’s survey reader', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('survey.xlsx'));
    const ws = wb.worksheets[0]!;
    ws.getCell('B3').value = 8;
    ws.getCell('C3').value = 2;
    writeFileSync(file('survey-filled.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
    const read = readSurveyFile(new Uint8Array(readFileSync(file('survey-filled.xlsx'))), resultUnits(catalog2019));
    expect(read).toEqual({
      ok: true,
      issues: [],
      value: [{ row: 3, unitId: units[0]!.id, votes: { excellent: 8, good: 2, fair: 0, poor: 0 } }],
    });
  });
});
