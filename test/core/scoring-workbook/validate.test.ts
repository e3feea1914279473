// A scoring workbook checked as what it is: rendered by the writer, read back by the reader, then scored or
// tampered with in its cells. Issue 13's four findings — locked content changed, a score above 分值 or negative, a
// missing reason, text in a score cell — each at its sheet and cell; and a unit-sheet check that is handed a
// scoring workbook says so instead of calling it foreign.
import { checkWorkbookContents } from '../../../src/app/check';
import { catalogIdentity } from '../../../src/core/plan/fingerprint';
import { buildScoringWorkbook, scoringInputs, type ScoringWorkbookPlan } from '../../../src/core/scoring-workbook';
import { validateScoringWorkbook } from '../../../src/core/scoring-workbook/validate';
import type { CellContent, SheetContents, WorkbookContents } from '../../../src/core/validate/grid';
import type { CellValue } from '../../../src/core/plan/model';
import { validateWorkbook } from '../../../src/core/validate/validate';
import { allScoringTexts, scoringTexts } from '../../../src/i18n/scoring-texts';
import { allSheetTexts } from '../../../src/i18n/sheet-texts';
import { readWorkbook } from '../../../src/xlsx/read';
import { renderWorkbookToXlsx } from '../../../src/xlsx/render';
import { catalog2019, CREATED_AT } from '../plan/catalog-2019';

let plan: ScoringWorkbookPlan;
let pristine: WorkbookContents;

beforeAll(async () => {
  const catalog = catalog2019();
  // The 信息中心 workbook: one row for each of the 40 units, on two sheets (厅机关处室, 厅直属单位).
  const input = scoringInputs(catalog, catalogIdentity(catalog), new Map()).find((i) => i.scorer.kind === 'text')!;
  plan = buildScoringWorkbook(input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') });
  const read = readWorkbook(await renderWorkbookToXlsx(plan));
  if (!read.ok) throw new Error(read.failure.code);
  pristine = read.contents;
});

const copy = (): WorkbookContents => structuredClone(pristine);
const check = (contents: WorkbookContents) => validateScoringWorkbook(contents, { texts: allScoringTexts() });

function set(sheet: SheetContents, row: number, col: number, value: CellValue): void {
  const address = `${String.fromCharCode(64 + col)}${row}`;
  const at = sheet.cells.findIndex((c) => c.row === row && c.col === col);
  const cell: CellContent = { address, row, col, value };
  if (at >= 0) sheet.cells[at] = cell;
  else sheet.cells.push(cell);
}

/** Scores every row of every sheet (score(i, weight) for the i-th row of a sheet) and stores the sums as computed. */
function score(contents: WorkbookContents, scoreOf: (i: number, weight: number) => [CellValue, string]): void {
  for (const sheetPlan of plan.sheets) {
    const sheet = contents.sheets.find((s) => s.name === sheetPlan.sheetName)!;
    let i = 0;
    const subtotals: number[] = [];
    for (const u of sheetPlan.layout.units) {
      let sum = 0;
      for (const r of u.rows) {
        const weight = plan.input.units.find((x) => x.unitId === u.unitId)!.rows[r.rowIndex]!.weight;
        const [value, reason] = scoreOf(i++, weight);
        set(sheet, r.row, 11, value);
        if (reason) set(sheet, r.row, 12, reason);
        if (typeof value === 'number') sum += value;
      }
      const cell = sheet.cells.find((c) => c.row === u.subtotalRow && c.col === 11)!;
      cell.value = Math.round(sum * 100) / 100;
      subtotals.push(cell.value);
    }
    const total = sheet.cells.find((c) => c.row === sheetPlan.layout.totalRow && c.col === 11)!;
    total.value = Math.round(subtotals.reduce((a, b) => a + b, 0) * 100) / 100;
  }
}

test('as written: valid, each row not scored yet counted in one warning', () => {
  const report = check(copy());
  expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
  expect(report.status).toBe('valid');
  expect(report.issues.map((i) => [i.code, i.params])).toEqual([['scoring-unscored', { count: 40, total: 40 }]]);
  expect(report.identity?.scorerName).toBe('信息中心');
  expect(report.totals).toEqual({ items: 40, scored: 0, weight: 80, self: 0, assessed: null });
});

test('scored, with reasons where below full marks: valid, the entries are the scores written', () => {
  const contents = copy();
  score(contents, (i, w) => (i % 3 === 0 ? [w - 0.5, '资料不全'] : [w, '']));
  const report = check(contents);
  expect(report.issues).toEqual([]);
  expect(report.entries!.filter((e) => e.assessedScore === 1.5)).toHaveLength(14);
  expect(report.totals!.assessed).toBe(80 - 14 * 0.5);
  expect(report.units).toHaveLength(40);
});

test('a score above 分值, a negative one, text in a score cell, a missing reason: errors at their cells', () => {
  const contents = copy();
  score(contents, (i, w) =>
    i === 0 ? [w + 1, ''] : i === 1 ? [-1, '扣完'] : i === 2 ? ['满分', ''] : i === 3 ? [w - 1, ''] : [w, ''],
  );
  const report = check(contents);
  const sheet = plan.sheets[0]!;
  const rows = sheet.layout.units.flatMap((u) => u.rows.map((r) => r.row));
  const errors = report.issues.filter((i) => i.severity === 'error');
  expect(errors.map((i) => [i.code, i.sheet, i.cell])).toEqual(
    expect.arrayContaining([
      ['assessed-score-above-weight', sheet.sheetName, `K${rows[0]}`],
      ['assessed-score-negative', sheet.sheetName, `K${rows[1]}`],
      ['assessed-score-not-a-number', sheet.sheetName, `K${rows[2]}`],
      ['assessed-reason-missing', sheet.sheetName, `L${rows[3]}`],
    ]),
  );
  expect(report.status).toBe('invalid');
});

test('locked content changed: a 分值, a unit text, a formula — invalid, named at the cell, fingerprint broken', () => {
  const sheetPlan = plan.sheets[1]!;
  const row = sheetPlan.layout.units[0]!.rows[0]!.row;
  const weight = copy();
  set(
    weight.sheets.find((s) => s.name === sheetPlan.sheetName)!,
    row,
    6,
    5,
  );
  const w = check(weight);
  expect(w.status).toBe('invalid');
  expect(w.issues.map((i) => [i.code, i.cell])).toEqual(
    expect.arrayContaining([
      ['weight-changed', `F${row}`],
      ['fingerprint-mismatch', null],
    ]),
  );

  const text = copy();
  set(
    text.sheets.find((s) => s.name === sheetPlan.sheetName)!,
    row,
    7,
    '已完成',
  );
  expect(check(text).issues.map((i) => [i.code, i.cell])).toEqual(
    expect.arrayContaining([['text-changed', `G${row}`]]),
  );

  const formula = copy();
  const subtotal = formula.sheets
    .find((s) => s.name === sheetPlan.sheetName)!
    .cells.find((c) => c.row === sheetPlan.layout.units[0]!.subtotalRow && c.col === 11)!;
  subtotal.formula = 'SUM(K1:K2)';
  expect(check(formula).issues.map((i) => i.code)).toContain('formula-changed');
});

test('the record edited (a 分值 in the rows table) no longer matches its fingerprint', () => {
  const contents = copy();
  const meta = contents.sheets.find((s) => s.visibility === 'veryHidden')!;
  const weightCell = meta.cells.find((c) => c.col === 10 && typeof c.value === 'number')!;
  weightCell.value = 9;
  const report = check(contents);
  expect(report.status).toBe('invalid');
  expect(report.issues.map((i) => i.code)).toContain('metadata-mismatch');
});

test('the unit-sheet validator recognises a scoring workbook; the application dispatches on the record’s kind', () => {
  const asSheet = validateWorkbook(copy(), { texts: allSheetTexts() });
  expect(asSheet.status).toBe('unreadable');
  expect(asSheet.issues.map((i) => i.code)).toEqual(['is-scoring-workbook']);
  const checked = checkWorkbookContents(copy());
  expect(checked.kind).toBe('scoring');
  expect(checked.report.status).toBe('valid');
});
