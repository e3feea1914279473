// The Excel side (async chunk): the src/office adapter behind the pane's operations.
import type { GenerateRequest, GenerateResult, LiveStop, PaneReport } from '../operations';
import { PaneError } from '../operations';

export async function insertIntoWorkbook(request: GenerateRequest): Promise<GenerateResult> {
  void request;
  throw new PaneError('notReady', { what: 'insertPlans' });
}
export async function checkOpenWorkbook(): Promise<PaneReport> {
  throw new PaneError('notReady', { what: 'readWorkbookContents' });
}
export async function startLive(onPass: (r: PaneReport) => void, onError: (e: unknown) => void): Promise<LiveStop> {
  void onPass; void onError;
  throw new PaneError('notReady', { what: 'startLiveValidation' });
}
export async function selectCell(sheet: string, cell: string): Promise<void> {
  void sheet; void cell;
  throw new PaneError('notReady', { what: 'selectCell' });
}
