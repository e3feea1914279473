// Generate as files (async chunk): one .xlsx per unit, one zip for many.
import type { GenerateRequest, GenerateResult } from '../operations';
import { PaneError } from '../operations';

export async function generateFiles(request: GenerateRequest): Promise<GenerateResult> {
  void request;
  throw new PaneError('notReady', { what: 'buildSheetPlan / renderPlansToXlsx' });
}
