// The Excel side (async chunk): the src/office adapter behind the pane's operations. 检查 and the live panel are
// src/office/check.ts (the core validator on what the adapter reads), their reports mapped for the pane.
import {
  checkOpenWorkbook as checkInExcel,
  insertPlans,
  selectCell as selectCellInExcel,
  startLiveCheck,
} from '../../office';
import { addAllNamespaces } from '../i18n';
import type { GenerateRequest, GenerateResult, LiveStop, PaneReport } from '../operations';
import { PaneError } from '../operations';
import { catalogIdentity, planFor, runTimestamp, validateOptions } from './plans';
import { toPaneReport } from './report';

export async function insertIntoWorkbook(request: GenerateRequest): Promise<GenerateResult> {
  const identity = catalogIdentity(request.catalog);
  const createdAt = runTimestamp();
  const plans = request.units.map((unit) => planFor(unit, identity, createdAt));
  const result = await insertPlans(plans, { onProgress: request.onProgress, signal: request.signal });
  return { done: result.sheets.length, cancelled: result.cancelled, outputs: result.sheets.map((s) => s.sheetName) };
}

export async function checkOpenWorkbook(): Promise<PaneReport> {
  await addAllNamespaces();
  // No sheet named: the active unit's template and its own meta sheet (a workbook may hold several units).
  const { report } = await checkInExcel(validateOptions());
  return toPaneReport(report, null);
}

export async function startLive(onPass: (r: PaneReport) => void, onError: (e: unknown) => void): Promise<LiveStop> {
  await addAllNamespaces();
  // No sheet named: the adapter follows the active unit (its template and the meta sheet after it).
  const session = await startLiveCheck({
    validate: validateOptions(),
    onPass: (report) => onPass(toPaneReport(report, null)),
    onError,
  });
  return () => session.stop();
}

export async function selectCell(sheet: string, cell: string): Promise<void> {
  if (!sheet) throw new PaneError('notExcel');
  await selectCellInExcel(sheet, cell);
}
