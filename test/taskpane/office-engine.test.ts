// The pane's 检查 and live panel (src/taskpane/engine/office.ts) run src/office/check.ts — the functions
// test/office/check.test.ts holds against the CLI — and only map its report for the pane. Excel is the
// office-addin-mock stand-in of test/office/excel-mock.ts, which recalculates; the pause runs on jest's fake clock.
import type { WorkbookContents } from '../../src/core/validate/grid';
import { validateWorkbook } from '../../src/core/validate/validate';
import { createI18n } from '../../src/i18n';
import { checkOpenWorkbook, startLive } from '../../src/taskpane/engine/office';
import { checkOptions } from '../../src/app/check';
import { toPaneReport } from '../../src/taskpane/engine/report';
import type { PaneReport } from '../../src/taskpane/operations';
import { DEFAULT_DEBOUNCE_MS } from '../../src/office/live';
import { useFakeExcel } from '../office/excel-mock';
import { passRecorder, useFakeClock } from '../office/passes';
import { plans2019 } from '../office/real-plans';
import { returnedUnit } from '../office/returned';

const excel = useFakeExcel();

const plan = plans2019()[0]!;
const t = createI18n('zh-CN').t;

// The unit's returned file as the CLI reads it, and as Excel saves it after the unit's edits (shared with
// test/office/check.test.ts).
const { contents: returnedContents, cell, weight, unlocked, saved } = returnedUnit(plan);
const selfScoreCell = (itemIndex: number) => cell('selfScore', itemIndex);

/** A pane report with its messages rendered, so that two reports compare by what the pane shows. */
function shown(report: PaneReport) {
  return { ...report, issues: report.issues.map((issue) => ({ ...issue, message: issue.message(t) })) };
}

function expected(contents: WorkbookContents) {
  return shown(toPaneReport(validateWorkbook(contents, checkOptions()), null));
}

test("检查 in the pane is src/office/check.ts's report for the active unit, mapped for the pane, in two syncs", async () => {
  const contents = await returnedContents();
  const fake = excel.install();
  fake.load(contents);
  const report = await checkOpenWorkbook();
  expect(fake.syncs).toBe(2);
  expect(report.valid).toBe(false);
  // An untouched sheet: one line, at the first 完成情况 cell.
  expect(report.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([
    ['sheet-not-filled', plan.sheetName, cell('completion', 0)],
  ]);
  expect(shown(report)).toEqual(expected(contents));
});

describe('the live panel in the pane', () => {
  useFakeClock();

  test('reports on start and, after the pause, in one sync: the edited score is no longer a problem, Excel’s totals hold', async () => {
    const contents = await returnedContents();
    const fake = excel.install();
    fake.load(contents, { unlocked });
    const reports = passRecorder<PaneReport>();
    const errors: unknown[] = [];
    const stop = await startLive(reports.add, (e) => errors.push(e));
    expect(reports.all.map(shown)).toEqual([expected(contents)]);

    const syncsBefore = fake.syncs;
    const next = reports.next();
    await fake.edit(plan.sheetName, selfScoreCell(0), weight(0));
    await fake.edit(plan.sheetName, cell('completion', 0), '已完成');
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
    const after = shown(await next);
    expect(fake.syncs - syncsBefore).toBe(1);
    expect(reports.all).toHaveLength(2);
    expect(after.issues.map((i) => [i.code, i.cell])).toEqual(
      plan.layout.itemRows.slice(1).map((_, i) => ['self-score-missing', selfScoreCell(i + 1)]),
    );
    expect(after.total?.self).toBe(weight(0));
    expect(after).toEqual(expected(await saved(fake)));
    expect(errors).toEqual([]);
    await stop();
  });
});
