// Check a returned file (async chunk): bytes → workbook contents → the core validator.
import type { PaneReport } from '../operations';
import { PaneError } from '../operations';

export async function checkFile(file: File): Promise<PaneReport> {
  void file;
  throw new PaneError('notReady', { what: 'validateWorkbook' });
}
