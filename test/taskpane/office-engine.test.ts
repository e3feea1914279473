// The pane's 检查 and live panel (src/taskpane/engine/office.ts) run src/office/check.ts — the functions
// test/office/check.test.ts holds against the CLI — and only map its report for the pane. Excel is the
// office-addin-mock stand-in of test/office/excel-mock.ts.
import type { WorkbookContents } from '../../src/core/validate/grid';
import { validateWorkbook } from '../../src/core/validate/validate';
import { createI18n } from '../../src/i18n';
import { checkOpenWorkbook, startLive } from '../../src/taskpane/engine/office';
import { checkOptions } from '../../src/app/check';
import { toPaneReport } from '../../src/taskpane/engine/report';
import type { PaneReport } from '../../src/taskpane/operations';
import { useFakeExcel } from '../office/excel-mock';
import { plans2019 } from '../office/real-plans';
import { returnedUnit } from '../office/returned';

const excel = useFakeExcel();

const plan = plans2019()[0]!;
const t = createI18n('zh-CN').t;

// The unit's returned file as the CLI reads it, and filled in (shared with test/office/check.test.ts).
const { contents: returnedContents, cell, weight, filled } = returnedUnit(plan);
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
  expect(report.issues.map((i) => [i.sheet, i.cell])).toEqual(
    plan.layout.itemRows.map((_, i) => [plan.sheetName, selfScoreCell(i)]),
  );
  expect(shown(report)).toEqual(expected(contents));
});

test('the live panel in the pane reports on start and, in one sync, after an edit', async () => {
  const contents = await returnedContents();
  const fake = excel.install();
  fake.load(contents);
  const reports: PaneReport[] = [];
  const errors: unknown[] = [];
  const stop = await startLive(
    (r) => reports.push(r),
    (e) => errors.push(e),
  );
  expect(reports.map(shown)).toEqual([expected(contents)]);

  const syncsBefore = fake.syncs;
  await fake.edit(plan.sheetName, selfScoreCell(0), weight(0));
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(fake.syncs - syncsBefore).toBe(1);
  expect(reports).toHaveLength(2);
  expect(reports[1]!.issues.map((i) => i.cell)).not.toContain(selfScoreCell(0));
  expect(shown(reports[1]!)).toEqual(expected(filled(contents, [[selfScoreCell(0), weight(0)]])));
  expect(errors).toEqual([]);
  await stop();
});
