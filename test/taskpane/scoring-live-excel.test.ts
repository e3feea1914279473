// A scoring workbook (评分表) open in Excel with the pane: 检查 and the live panel of 填报 read it whole (every group
// sheet and its record) and check it with the scoring validator — the same report `validate` gives for the file —
// showing per unit the rows scored and the 考核得分 so far. Excel is the office-addin-mock stand-in
// (test/office/excel-mock.ts), which recalculates; the pause runs on jest's fake clock. The syncs of a live pass do
// not grow with the workbook: the smallest owner's workbook and the 考核组's (every unit, most rows) cost the same.
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { checkWorkbookContents } from '../../src/app/check';
import { planScoringWorkbooks, renderScoringWorkbooks } from '../../src/app/review';
import type { ScoringWorkbookPlan } from '../../src/core/scoring-workbook';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { createI18n } from '../../src/i18n';
import { DEFAULT_DEBOUNCE_MS } from '../../src/office/live';
import { checkOpenWorkbook, startLive } from '../../src/taskpane/engine/office';
import { checkedPaneReport } from '../../src/taskpane/engine/report';
import type { PaneReport } from '../../src/taskpane/operations';
import { readWorkbook } from '../../src/xlsx/read';
import { useFakeExcel } from '../office/excel-mock';
import { passRecorder, useFakeClock } from '../office/passes';

const excel = useFakeExcel();
const t = createI18n('zh-CN').t;
const catalog = loadEmbeddedCatalog();
// No unit returned a sheet: every row says 未提交 and can still be scored.
const plans = planScoringWorkbooks(catalog, new Map(), { createdAt: '2019-12-25T00:00:00.000Z' });
const rowsOf = (p: ScoringWorkbookPlan) => p.input.units.reduce((n, u) => n + u.rows.length, 0);
const bySize = [...plans].sort((a, b) => rowsOf(a) - rowsOf(b));
const small = bySize[0]!;
const large = bySize[bySize.length - 1]!;

interface Opened {
  plan: ScoringWorkbookPlan;
  contents: WorkbookContents;
  unlocked: Record<string, string[]>;
}

/** The workbook as the CLI writes it and reads it back, with its input cells (the reader does not report locking). */
async function opened(plan: ScoringWorkbookPlan): Promise<Opened> {
  const [file] = await renderScoringWorkbooks([plan]);
  const read = readWorkbook(file!.bytes);
  if (!read.ok) throw new Error(read.failure.code);
  const unlocked = Object.fromEntries(
    plan.sheets.map((s) => [s.sheetName, s.cells.filter((c) => !c.locked).map((c) => c.address)]),
  );
  return { plan, contents: read.contents, unlocked };
}

/** A pane report with its messages rendered, so that two reports compare by what the pane shows. */
function shown(report: PaneReport) {
  return { ...report, issues: report.issues.map((issue) => ({ ...issue, message: issue.message(t) })) };
}

const fileReport = (contents: WorkbookContents) => shown(checkedPaneReport(checkWorkbookContents(contents), null));

/** The 考核得分 cell and 分值 of a unit's first row on its sheet. */
function firstRow(plan: ScoringWorkbookPlan, sheetIndex = 0) {
  const sheet = plan.sheets[sheetIndex]!;
  const unit = sheet.layout.units[0]!;
  const row = unit.rows[0]!;
  const input = plan.input.units.find((u) => u.unitId === unit.unitId)!;
  const col = sheet.layout.columns.assessedScore;
  const address = sheet.cells.find((c) => c.row === row.row && c.col === col)!.address;
  const reason = sheet.cells.find((c) => c.row === row.row && c.col === sheet.layout.columns.assessedReason)!.address;
  return { sheet: sheet.sheetName, address, reason, unit: input.unitName, weight: input.rows[row.rowIndex]!.weight };
}

test('the two workbooks differ in size as the test needs: an owner’s few rows, the 考核组’s many', () => {
  expect(small.input.scorer.kind).not.toBe('team');
  expect(large.input.scorer.kind).toBe('team');
  expect(rowsOf(large)).toBeGreaterThan(20 * rowsOf(small));
});

test('检查 of an open scoring workbook is the scoring validator’s report on the whole workbook, in three syncs', async () => {
  const { contents, unlocked } = await opened(small);
  const fake = excel.install();
  fake.load(contents, { unlocked });
  const report = await checkOpenWorkbook();
  // Find the sheets, read the sheet in front and its record, then (a scoring workbook) every sheet.
  expect(fake.syncs).toBe(3);
  expect(report.unitName).toBe(small.metadata.scorerName);
  expect(report.issues.map((i) => i.code)).toEqual(['scoring-unscored']);
  expect(report.scoring?.units.map((u) => [u.name, u.scored, u.items])).toEqual(
    small.input.units.map((u) => [u.unitName, 0, u.rows.length]),
  );
  expect(shown(report)).toEqual(fileReport(contents));
});

describe('the live panel on a scoring workbook', () => {
  useFakeClock();

  test.each([
    ['an owner’s workbook', () => small],
    ['the 考核组’s workbook', () => large],
  ])(
    '%s: a score typed is counted for its unit after the pause, in one sync; a score above 分值 and a missing reason are problems at their cells',
    async (_name, which) => {
      const plan = which();
      const { contents, unlocked } = await opened(plan);
      const fake = excel.install();
      fake.load(contents, { unlocked });
      const reports = passRecorder<PaneReport>();
      const errors: unknown[] = [];
      const stop = await startLive(reports.add, (e) => errors.push(e));
      // Find the sheets; register the handler and read the sheet in front with its record; every sheet watched, read.
      expect(fake.syncs).toBe(3);
      expect(reports.all.map(shown)).toEqual([fileReport(contents)]);
      expect(reports.all[0]!.scoring?.units).toHaveLength(plan.input.units.length);

      // A full score on the first sheet.
      const first = firstRow(plan);
      let syncs = fake.syncs;
      let next = reports.next();
      await fake.edit(first.sheet, first.address, first.weight);
      await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
      let report = await next;
      expect(fake.syncs - syncs).toBe(1);
      const unit = report.scoring!.units.find((u) => u.name === first.unit)!;
      expect([unit.scored, unit.assessed]).toEqual([1, first.weight]);
      expect(report.filled).toEqual({ done: 1, total: rowsOf(plan) });

      // On the last sheet: above 分值, then below it without a reason.
      const last = firstRow(plan, plan.sheets.length - 1);
      syncs = fake.syncs;
      next = reports.next();
      await fake.edit(last.sheet, last.address, last.weight + 1);
      await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
      report = await next;
      expect(fake.syncs - syncs).toBe(1);
      expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.sheet, i.cell])).toEqual([
        ['assessed-score-above-weight', last.sheet, last.address],
      ]);

      next = reports.next();
      await fake.edit(last.sheet, last.address, last.weight / 2);
      await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
      report = await next;
      expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.sheet, i.cell])).toEqual([
        ['assessed-reason-missing', last.sheet, last.reason],
      ]);
      expect(report.valid).toBe(false);
      expect(errors).toEqual([]);
      await stop();
    },
    60_000,
  );

  test('a pass costs one sync whatever the size of the workbook', async () => {
    const costs: number[] = [];
    for (const plan of [small, large]) {
      const { contents, unlocked } = await opened(plan);
      const fake = excel.install();
      fake.load(contents, { unlocked });
      const reports = passRecorder<PaneReport>();
      const stop = await startLive(reports.add, () => {});
      const first = firstRow(plan);
      const syncs = fake.syncs;
      const next = reports.next();
      await fake.edit(first.sheet, first.address, first.weight);
      await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
      await next;
      costs.push(fake.syncs - syncs);
      await stop();
    }
    expect(costs).toEqual([1, 1]);
  }, 60_000);
});
