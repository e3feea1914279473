// Check a returned file (async chunk): the application layer's check of its bytes (src/app/check.ts: the
// hostile-file safe reader, then the core validator), presented for the pane. A file that cannot be read at all is
// reported like any other problem, with the reader's code.
import { validateWorkbookBytes } from '../../app/check';
import { addAllNamespaces } from '../i18n';
import type { PaneReport } from '../operations';
import { readFileBytes } from './download';
import { toPaneReport } from './report';

export async function checkFile(file: File): Promise<PaneReport> {
  await addAllNamespaces();
  return toPaneReport(validateWorkbookBytes(await readFileBytes(file)), file.name);
}
