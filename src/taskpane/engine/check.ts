// Check a returned file (async chunk): the application layer's check of its bytes (src/app/check.ts: the
// hostile-file safe reader, then the validator of what the workbook's record says it is — a unit's sheet, a scoring
// workbook sent back by a scorer, a result copy), presented for the pane. A file that cannot be read at all is
// reported like any other problem, with the reader's code.
import { loadEmbeddedCatalog } from '../../app/catalog-source';
import { checkWorkbookBytes, validateWorkbookBytes } from '../../app/check';
import { createTranslator, normaliseLang } from '../../i18n';
import { addAllNamespaces } from '../i18n';
import type { ProblemList } from '../../app/problem-list';
import type { PaneReport } from '../operations';
import { downloadBytes, readFileBytes, XLSX_MIME } from './download';
import { checkedPaneReport } from './report';

export async function checkFile(file: File): Promise<PaneReport> {
  await addAllNamespaces();
  return checkedPaneReport(checkWorkbookBytes(await readFileBytes(file)), file.name);
}

/**
 * A file's 问题清单 as an .xlsx, downloaded: the problems worded in the pane's language, 序号 and 考核项目 from the
 * built-in targets (检查 has no catalog of its own; a unit not in them gets lines without 序号). The writer (ExcelJS)
 * loads only now, in the chunk the summary's download uses.
 */
export async function downloadProblemList(file: File, lang: string): Promise<string> {
  const [{ problemListFile }, list] = await Promise.all([
    import(/* webpackChunkName: "engine-generate" */ '../../app/problem-list'),
    problemListOf(file, lang),
  ]);
  const out = await problemListFile(list, createTranslator(normaliseLang(lang)));
  downloadBytes(out.bytes, out.name, XLSX_MIME);
  return out.name;
}

/** A file's 问题清单 as lines worded in `lang` (the print view), from the same use case as the .xlsx. */
export async function problemListOf(file: File, lang: string): Promise<ProblemList> {
  // The view words the columns from the validate namespace.
  await addAllNamespaces();
  const [{ problemList }, bytes] = await Promise.all([
    import(/* webpackChunkName: "engine-generate" */ '../../app/problem-list'),
    readFileBytes(file),
  ]);
  return problemList(
    validateWorkbookBytes(bytes),
    file.name,
    loadEmbeddedCatalog(),
    createTranslator(normaliseLang(lang)),
  );
}
