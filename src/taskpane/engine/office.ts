// The Excel side (async chunk): the src/office adapter behind the pane's operations. 生成 into the workbook inserts
// the application layer's plans (src/app/plan.ts); 检查 and the live panel are src/office/check.ts (the core
// validator on what the adapter reads, with the application layer's check options), their reports mapped for the
// pane.
import { checkOptions } from '../../app/check';
import { planUnits } from '../../app/plan';
import {
  checkOpenWorkbook as checkInExcel,
  insertPlans,
  selectCell as selectCellInExcel,
  startLiveCheck,
} from '../../office';
import { addAllNamespaces } from '../i18n';
import type { GenerateRequest, GenerateResult, LiveStop, PaneReport } from '../operations';
import { PaneError } from '../operations';
import { toPaneReport } from './report';

export async function insertIntoWorkbook(request: GenerateRequest): Promise<GenerateResult> {
  const plans = planUnits(request.catalog, request.units, { deadline: request.deadline });
  const result = await insertPlans(plans, { onProgress: request.onProgress, signal: request.signal });
  return { done: result.sheets.length, cancelled: result.cancelled, outputs: result.sheets.map((s) => s.sheetName) };
}

export async function checkOpenWorkbook(): Promise<PaneReport> {
  await addAllNamespaces();
  // No sheet named: the active unit's template and its own meta sheet (a workbook may hold several units).
  const { report } = await checkInExcel(checkOptions());
  return toPaneReport(report, null);
}

export async function startLive(onPass: (r: PaneReport) => void, onError: (e: unknown) => void): Promise<LiveStop> {
  await addAllNamespaces();
  // No sheet named: the adapter follows the active unit (its template and the meta sheet after it).
  const session = await startLiveCheck({
    validate: checkOptions(),
    onPass: (report) => onPass(toPaneReport(report, null)),
    onError,
  });
  return () => session.stop();
}

export async function selectCell(sheet: string, cell: string): Promise<void> {
  if (!sheet) throw new PaneError('notExcel');
  await selectCellInExcel(sheet, cell);
}
