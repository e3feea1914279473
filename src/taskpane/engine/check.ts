// Check a returned file (async chunk): bytes → workbook contents (src/xlsx/read, hostile-file safe) → the core
// validator. A file that cannot be read at all is reported like any other problem, with the reader's code.
import { unreadableReport, validateWorkbook } from '../../core/validate/validate';
import type { ValidationReport } from '../../core/validate/validate';
import { readWorkbook } from '../../xlsx/read';
import { addAllNamespaces } from '../i18n';
import type { PaneReport } from '../operations';
import { readFileBytes } from './download';
import { validateOptions } from './plans';
import { toPaneReport } from './report';

export async function checkFile(file: File): Promise<PaneReport> {
  await addAllNamespaces();
  const bytes = await readFileBytes(file);
  const read = readWorkbook(bytes);
  if (!read.ok) {
    return toPaneReport(unreadableReport(read.failure), file.name);
  }
  return toPaneReport(validateWorkbook(read.contents, validateOptions()), file.name);
}
