// The Excel side (async chunk): the src/office adapter behind the pane's operations. 生成 into the workbook inserts
// the application layer's plans (src/app/plan.ts); 检查 and the live panel read the open workbook through the
// adapter (the active unit's sheet and its record, or a scoring workbook whole) and check it with the application
// layer's checkWorkbookContents — a unit's sheet by the unit validator, a scoring workbook (评分表) by the scoring
// validator, as 检查 and validate do with a file — their reports mapped for the pane. 在表中标出问题 fills the problem
// cells of the unit's sheet last checked here (src/office/marks.ts); what they had before stays in this module
// (the pane's memory, whatever tab is shown) until 清除标记 gives it back.
import { checkWorkbookContents } from '../../app/check';
import { planUnits } from '../../app/plan';
import type { WorkbookContents } from '../../core/validate/grid';
import {
  clearMarks as clearMarksInExcel,
  insertPlans,
  markCells,
  readTemplateContents,
  selectCell as selectCellInExcel,
  startLiveValidation,
  type SheetMarks,
} from '../../office';
import { addAllNamespaces } from '../i18n';
import type { CellMarks, GenerateRequest, GenerateResult, LiveStop, PaneReport } from '../operations';
import { PaneError } from '../operations';
import { checkedPaneReport } from './report';

export async function insertIntoWorkbook(request: GenerateRequest): Promise<GenerateResult> {
  const plans = planUnits(request.catalog, request.units, { deadline: request.deadline });
  const result = await insertPlans(plans, { onProgress: request.onProgress, signal: request.signal });
  return { done: result.sheets.length, cancelled: result.cancelled, outputs: result.sheets.map((s) => s.sheetName) };
}

const paneReportOf = (contents: WorkbookContents): PaneReport =>
  checkedPaneReport(checkWorkbookContents(contents), null);

/** The unit's sheet 检查 last read (its name now, which may differ from the one its record gives) and its report. */
let lastChecked: { sheetName: string; report: PaneReport } | null = null;
/** The marks in the workbook now, and each marked cell's fill before: what 清除标记 gives back. */
let marked: SheetMarks | null = null;

export async function checkOpenWorkbook(): Promise<PaneReport> {
  await addAllNamespaces();
  // No sheet named: the active unit's template and its own meta sheet (a workbook may hold several units).
  const { sheetName, contents } = await readTemplateContents();
  const report = paneReportOf(contents);
  lastChecked = { sheetName, report };
  return report;
}

/**
 * The cells 在表中标出问题 would mark in the last checked sheet: every cell a problem names, once. None for a
 * scoring workbook (its problems lie on several sheets; the unit's sheet is what a unit gets back).
 */
function problemCells(checked: { report: PaneReport }): string[] {
  if (checked.report.scoring) return [];
  return [...new Set(checked.report.issues.flatMap((issue) => (issue.cell ? [issue.cell] : [])))];
}

const summary = (marks: SheetMarks): CellMarks => ({ sheet: marks.sheetName, count: marks.cells.length });

/** 在表中标出问题 after 检查 of the open workbook; marks already there are cleared first (two syncs each). */
export async function markProblems(): Promise<CellMarks | null> {
  if (!lastChecked) return null;
  const cells = problemCells(lastChecked);
  if (cells.length === 0) return null;
  // Marking over marks would keep our fill as a cell's "before": the old marks go first.
  await clearProblemMarks();
  marked = await markCells(lastChecked.sheetName, cells);
  return summary(marked);
}

/** 清除标记: every marked cell gets its fill back; nothing else changes. */
export async function clearProblemMarks(): Promise<void> {
  if (!marked) return;
  await clearMarksInExcel(marked);
  marked = null;
}

/** The marks this pane put in the workbook and has not cleared yet. */
export function currentMarks(): CellMarks | null {
  return marked ? summary(marked) : null;
}

export async function startLive(onPass: (r: PaneReport) => void, onError: (e: unknown) => void): Promise<LiveStop> {
  await addAllNamespaces();
  // No sheet named: the adapter follows the active unit (its template and the meta sheet after it).
  const session = await startLiveValidation({
    validate: paneReportOf,
    onPass,
    onError,
  });
  return () => session.stop();
}

export async function selectCell(sheet: string, cell: string): Promise<void> {
  if (!sheet) throw new PaneError('notExcel');
  await selectCellInExcel(sheet, cell);
}
