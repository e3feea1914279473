// The pane's 检查 and live panel (src/taskpane/engine/office.ts) run src/office/check.ts — the functions
// test/office/check.test.ts holds against the CLI — and only map its report for the pane. Excel is the
// office-addin-mock stand-in of test/office/excel-mock.ts, which recalculates; the pause runs on jest's fake clock.
import type { WorkbookContents } from '../../src/core/validate/grid';
import { validateWorkbook } from '../../src/core/validate/validate';
import { createI18n } from '../../src/i18n';
import {
  checkOpenWorkbook,
  clearProblemMarks,
  currentMarks,
  markProblems,
  startLive,
} from '../../src/taskpane/engine/office';
import { MARK_FILL } from '../../src/office/marks';
import { parseCell } from '../../src/core/address';
import { insertPlans } from '../../src/office/render-plan';
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

test('在表中标出问题 after 检查 in the pane marks the problem cells of the unit’s sheet, remembers them, and 清除标记 gives every fill back', async () => {
  const fake = excel.install();
  const { sheets } = await insertPlans([plan]);
  const sheetName = sheets[0]!.sheetName;
  for (let i = 0; i < plan.layout.itemRows.length; i++) {
    await fake.edit(sheetName, cell('completion', i), '已完成');
    await fake.edit(sheetName, selfScoreCell(i), i < 3 ? weight(i) + 1 : weight(i));
  }
  const sheet = fake.sheet(sheetName);
  const fills = new Map(sheet.fills);
  const options = sheet.protectOptions;
  const report = await checkOpenWorkbook();
  expect(report.issues.map((i) => i.cell)).toEqual([0, 1, 2].map(selfScoreCell));

  const syncs = fake.syncs;
  expect(await markProblems()).toEqual({ sheet: sheetName, count: 3 });
  expect(fake.syncs - syncs).toBe(2);
  expect(currentMarks()).toEqual({ sheet: sheetName, count: 3 });
  const marked = [...sheet.fills]
    .filter(([key, fill]) => JSON.stringify(fills.get(key)) !== JSON.stringify(fill))
    .map(([key]) => key);
  const keyOf = (address: string) => `${parseCell(address).row},${parseCell(address).col}`;
  expect(marked).toEqual([0, 1, 2].map((i) => keyOf(selfScoreCell(i))));
  expect(marked.every((key) => sheet.fills.get(key)!.color === MARK_FILL)).toBe(true);
  expect(sheet.protected).toBe(true);
  expect(sheet.protectOptions).toEqual(options);
  // Checked again with the marks on: the same report (fills are not what the validator reads).
  expect(shownIssues(await checkOpenWorkbook())).toEqual(shownIssues(report));
  // Marked again: the marks already there go first, so 清除标记 still gives back the fills of 生成.
  expect(await markProblems()).toEqual({ sheet: sheetName, count: 3 });

  await clearProblemMarks();
  expect(currentMarks()).toBeNull();
  expect(sheet.fills).toEqual(fills);
  expect(sheet.protected).toBe(true);
  expect(sheet.protectOptions).toEqual(options);
});

function shownIssues(report: PaneReport) {
  return shown(report).issues;
}

test('检查 of a unit’s sheet renamed since it was made (人事处 (2), as a second 生成 names it) points its problems at the sheet as it is named now', async () => {
  const contents = await returnedContents();
  const renamed = `${plan.sheetName} (2)`;
  const fake = excel.install();
  fake.load({ sheets: contents.sheets.map((s, i) => (i === 0 ? { ...s, name: renamed } : s)) });
  const report = await checkOpenWorkbook();
  expect(report.issues.map((i) => [i.code, i.sheet, i.cell])).toEqual([
    ['sheet-not-filled', renamed, cell('completion', 0)],
  ]);
});
