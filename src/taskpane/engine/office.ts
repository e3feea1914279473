// The Excel side (async chunk): the src/office adapter behind the pane's operations. 生成 into the workbook inserts
// the application layer's plans (src/app/plan.ts); 检查 and the live panel read the open workbook through the
// adapter (the active unit's sheet and its record, or a scoring workbook whole) and check it with the application
// layer's checkWorkbookContents — a unit's sheet by the unit validator, a scoring workbook (评分表) by the scoring
// validator, as 检查 and validate do with a file — their reports mapped for the pane.
import { checkWorkbookContents } from '../../app/check';
import { planUnits } from '../../app/plan';
import type { WorkbookContents } from '../../core/validate/grid';
import { insertPlans, readTemplateContents, selectCell as selectCellInExcel, startLiveValidation } from '../../office';
import { addAllNamespaces } from '../i18n';
import type { GenerateRequest, GenerateResult, LiveStop, PaneReport } from '../operations';
import { PaneError } from '../operations';
import { checkedPaneReport } from './report';

export async function insertIntoWorkbook(request: GenerateRequest): Promise<GenerateResult> {
  const plans = planUnits(request.catalog, request.units, { deadline: request.deadline });
  const result = await insertPlans(plans, { onProgress: request.onProgress, signal: request.signal });
  return { done: result.sheets.length, cancelled: result.cancelled, outputs: result.sheets.map((s) => s.sheetName) };
}

const paneReportOf = (contents: WorkbookContents): PaneReport =>
  checkedPaneReport(checkWorkbookContents(contents), null);

export async function checkOpenWorkbook(): Promise<PaneReport> {
  await addAllNamespaces();
  // No sheet named: the active unit's template and its own meta sheet (a workbook may hold several units).
  const { contents } = await readTemplateContents();
  return paneReportOf(contents);
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
