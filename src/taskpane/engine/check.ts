// Check a returned file (async chunk): bytes → workbook contents (src/xlsx/read, hostile-file safe) → the core
// validator. A file that cannot be read at all is reported like any other problem, with the reader's code.
import { validateWorkbookBytes } from '../../xlsx/read';
import { addAllNamespaces } from '../i18n';
import type { PaneReport } from '../operations';
import { readFileBytes } from './download';
import { toPaneReport } from './report';

export async function checkFile(file: File): Promise<PaneReport> {
  await addAllNamespaces();
  return toPaneReport(validateWorkbookBytes(await readFileBytes(file)), file.name);
}
