// 回传评分结果 (async chunk): from the shared folder or the files the user picked, every unit's result copy
// (评分结果: its latest valid returned sheet with 考核得分 and 考核扣分说明 from the merged scoring workbooks, locked;
// src/app/result-copies.ts), downloaded as one zip in the browser and in Excel alike (the copies are files for the
// units, not sheets of the open workbook). 取消 stops before the next file: nothing is downloaded.
import { zipSync } from 'fflate';
import { pickedFilesFolder } from '../../app/collect/picked-files';
import { resultCopies } from '../../app/result-copies';
import type { SharedFolder } from '../../core/folders/folder';
import { createTranslator, normaliseLang } from '../../i18n';
import { scoringTexts } from '../../i18n/scoring-texts';
import { sheetTexts } from '../../i18n/sheet-texts';
import type { ResultCopiesOutcome, ResultCopiesRequest } from '../operations';

export interface ResultCopiesDeps {
  openFolder: () => Promise<SharedFolder>;
  download: (bytes: Uint8Array, fileName: string) => void;
  /** The copies' recorded time (tests); now otherwise. */
  createdAt?: string;
}

export async function resultCopiesIntoPane(
  request: ResultCopiesRequest,
  deps: ResultCopiesDeps,
): Promise<ResultCopiesOutcome> {
  const folder = request.picked
    ? pickedFilesFolder(request.picked.label, request.picked.files)
    : await deps.openFolder();
  const lang = normaliseLang(request.lang);
  const t = createTranslator(lang);
  let total = 0;
  const result = await resultCopies(folder, {
    catalog: request.catalog,
    createdAt: deps.createdAt ?? new Date().toISOString(),
    texts: sheetTexts(lang),
    teamName: scoringTexts(lang).team,
    fileStem: (unit) => t('scoring:results.fileStem', { unit }),
    signal: request.signal,
    onListed: (count) => {
      total = count;
      request.onProgress({ done: 0, total: count, file: null });
    },
    onProgress: (p) => request.onProgress({ done: p.done, total: p.total, file: p.file }),
  });
  const skipped = result.skipped.map((s) => ({ unit: s.unit, reason: s.reason }));
  if (result.cancelled) return { files: result.files, copies: 0, skipped, output: { kind: 'cancelled' } };
  request.onProgress({ done: total, total, file: null });
  if (result.copies.length === 0) return { files: result.files, copies: 0, skipped, output: { kind: 'none' } };
  const fileName = t('scoring:results.zipName', { year: request.catalog.year, count: result.copies.length });
  // Already-compressed xlsx files: stored as they are (as 生成's zip).
  const zip = zipSync(Object.fromEntries(result.copies.map((c) => [c.name, [c.bytes, { level: 0 }]])));
  deps.download(zip, fileName);
  return { files: result.files, copies: result.copies.length, skipped, output: { kind: 'download', fileName } };
}
