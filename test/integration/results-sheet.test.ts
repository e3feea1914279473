// The 考核结果 sheet of the summary, recalculated by LibreOffice, equals the core — for the whole 2019 catalog:
// 50 of its 52 units return a sheet (varied self and assessed totals, a few unassessed), every unit has survey votes
// (thirds and sevenths, so the survey and the composite need rounding), and the register holds bonuses (some over
// the cap), deductions (one larger than the score: final 0), and vetoes. The sheet's formulas (composite from the
// weights, bonus capped with MIN, deduction, final = MAX(0, …), each ROUNDed) are recalculated by LibreOffice
// (calculateAll after loading) and compared cell by cell with the JSON of the same run (the core's figures).
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Run } from '../support/cli';
import { probeWithLibreOffice, type LoFileResult } from '../support/libreoffice';
import type { CollectJson } from '../../src/cli/commands/collect';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { catalog2019 } from '../core/validate/fixture';
import { edit, template } from './validate-corpus';
import { scored, sheetFile } from '../support/results-fixtures';

const units = catalog2019.units;
const notReturned = new Set([units[7]!.name, units[30]!.name]);

let work: string;
let run: Run;
let json: CollectJson;
let lo: LoFileResult;
let written: ExcelJS.Workbook;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-results-sheet-'));
  const root = path.join(work, 'share');
  for (const [k, unit] of units.entries()) {
    if (notReturned.has(unit.name)) continue;
    const selfOff = (k % 7) * 0.5 + (k % 3) * 0.25;
    const assessedOff = k % 13 === 5 ? null : ((k * 3) % 11) * 0.25;
    // Version-1 templates, where 考核得分 was open in the unit's sheet (a v2 template locks it; scoring workbooks bring
    // it instead): the assessed totals come from the sheets here, as in test/cli/collect-results.test.ts.
    const bytes = await edit(await template(unit, 1), scored(selfOff, assessedOff));
    const rel = returnedPath(2019, unit.name, new Date('2020-01-05T09:00:00Z'), await sha256Hex(bytes));
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), bytes);
  }
  const entries: unknown[][] = [];
  units.forEach((u: Unit, k) => {
    if (k % 4 === 0) entries.push([u.name, '加分', 1.5, '获省级表彰']);
    if (k % 8 === 0) entries.push([u.name, '加分', 2, '获国家级表彰']);
    if (k % 5 === 1) entries.push([u.name, '扣分', 0.75, '信息报送迟报']);
    if (k % 17 === 3) entries.push([u.name, '一票否决', null, '发生重大安全生产事故']);
    if (k === 11) entries.push([u.name, '扣分', 150, '严重违纪']);
  });
  writeFileSync(path.join(work, 'register.xlsx'), await sheetFile([['单位', '类型', '分值', '事由'], ...entries]));
  writeFileSync(
    path.join(work, 'survey.xlsx'),
    await sheetFile([
      ['单位', '优秀', '良好', '一般', '差'],
      ...units.map((u, k) => [u.name, 5 + (k % 7), k % 5, k % 3, k % 2]),
    ]),
  );
  writeFileSync(
    path.join(work, 'settings.json'),
    JSON.stringify({
      weights: { self: 20, assessed: 60, survey: 20 },
      grades: [
        { name: '优秀', min: 95 },
        { name: '良好', min: 90 },
        { name: '合格', min: 80 },
        { name: '不合格', min: 0 },
      ],
      quota: { grade: '优秀', share: 0.3 },
      bonusCap: 3,
    }),
  );
  const out = path.join(work, 'summary.xlsx');
  run = await cli(
    'collect',
    root,
    '--out',
    out,
    '--json',
    '--created-at',
    '2020-01-15T08:00:00Z',
    '--settings',
    path.join(work, 'settings.json'),
    '--register',
    path.join(work, 'register.xlsx'),
    '--survey',
    path.join(work, 'survey.xlsx'),
  );
  json = JSON.parse(run.stdout) as CollectJson;
  // A cell far right of the table is written so that the probe recalculates everything (calculateAll).
  [lo] = await probeWithLibreOffice([{ path: out, sheet: '考核结果', fill: { Z1: 'x' } }]);
  written = new ExcelJS.Workbook();
  await written.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const GRADES = new Set(['优秀', '良好', '合格', '不合格', '待定']);

/** The unit rows of 考核结果 as LibreOffice computed them: [名次, 单位, 自评, 考核, 测评, 综合, 加分, 扣分, 最终得分, 等次]. */
function unitRows(values: (string | number)[][]): (string | number)[][] {
  return values
    .map((r) => r.slice(0, 10))
    .filter((r) => typeof r[1] === 'string' && units.some((u) => u.name === r[1]) && GRADES.has(String(r[9])));
}

describe('the 考核结果 sheet recalculated by LibreOffice', () => {
  test('collect succeeds, with every unit in the result', () => {
    expect(run.code).toBe(0);
    expect(json.units).toHaveLength(52);
    expect(unitRows(lo.filledValues!)).toHaveLength(52);
  });

  test('every figure equals the core’s (rank, self, assessed, survey, composite, bonus, deduction, final, grade)', () => {
    const blank = (n: number | null | undefined): number | string => (n === null || n === undefined ? '' : n);
    const expected = new Map(
      json.units.map((u) => [
        u.name,
        [
          blank(u.rank),
          u.name,
          blank(u.self),
          blank(u.assessed),
          blank(u.survey),
          blank(u.composite),
          blank(u.bonus),
          blank(u.deduction),
          blank(u.final),
          u.grade ?? (u.pending ? '待定' : ''),
        ],
      ]),
    );
    for (const row of unitRows(lo.filledValues!)) expect(row).toEqual(expected.get(String(row[1])));
  });

  test('the figures are formulas, not copied values: composite, bonus (MIN with the cap), deduction, final (MAX 0)', () => {
    const rows = lo.formulas.filter((r) => units.some((u) => u.name === r[1]));
    const withFinal = rows.filter((r) => r[8] !== '');
    expect(withFinal.length).toBeGreaterThan(40);
    for (const r of withFinal) {
      expect(r[5]).toMatch(/^=ROUND\(\(C\d+\*\$B\$3\+D\d+\*\$D\$3\+E\d+\*\$F\$3\)\/100;2\)$/);
      expect(r[6]).toMatch(/^=ROUND\(MIN\(SUMIFS\(.*;\$H\$3\);2\)$/);
      expect(r[7]).toMatch(/^=ROUND\(SUMIFS\(/);
      expect(r[8]).toMatch(/^=ROUND\(MAX\(0;F\d+\+G\d+-H\d+\);2\)$/);
    }
  });

  test('the cases that matter are in it: a capped bonus, a final of 0, a veto ranked last, pending units, a survey in thirds', () => {
    expect(json.units.some((u) => u.bonus === 3)).toBe(true);
    expect(json.units.find((u) => u.name === units[11]!.name)!.final).toBe(0);
    expect(json.units.filter((u) => u.veto).length).toBeGreaterThan(1);
    expect(json.units.filter((u) => u.pending).length).toBeGreaterThan(2);
    expect(json.units.some((u) => u.survey !== null && Math.round(u.survey! * 100) % 10 !== 0)).toBe(true);
  });

  test('A4 landscape, fitted to the page width, with the title and the date', () => {
    const ws = written.getWorksheet('考核结果')!;
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.getCell('A1').value).toBe('2019年度目标考核结果');
    expect(ws.getCell('A2').value).toBe('制表日期：2020-01-15');
    expect(written.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '考核结果',
      ...written.worksheets.slice(2, -1).map((w) => w.name),
      '加减分明细',
    ]);
  });
});
