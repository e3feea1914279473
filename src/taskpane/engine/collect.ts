// 汇总 (async chunk): every returned sheet in the destination's <year>/returned/ — or in the files the user picked
// (a folder with its subfolders, or several files: src/app/collect/picked-files.ts) — is listed, read and validated
// (src/app/collect, a few files at a time; 取消 stops before the next file), the core builds the summary, and then
//   - in Excel the summary sheets and the chart of group averages are added to the open workbook
//     (src/office/summary.ts, nothing existing is replaced);
//   - in a plain browser the same summary is downloaded as an .xlsx (src/app/collect/summary-file.ts).
import { collect } from '../../app/collect/collect';
import { pickedFilesFolder } from '../../app/collect/picked-files';
import { summaryTextsFor } from '../../app/collect/texts';
import { summaryToSheets } from '../../core/collect/sheets';
import type { Summary } from '../../core/collect/model';
import type { SharedFolder } from '../../core/folders/folder';
import { normaliseLang } from '../../i18n';
import type { CollectOutcome, CollectRequest } from '../operations';

export interface CollectDeps {
  openFolder: () => Promise<SharedFolder>;
  output: 'workbook' | 'download';
  download: (bytes: Uint8Array, fileName: string) => void;
  /** Fixed document date for the downloaded file (tests). */
  date?: Date;
}

export function summaryFileName(year: number): string {
  return `${year}-summary.xlsx`;
}

function counts(summary: Summary): Omit<CollectOutcome, 'files' | 'output'> {
  return {
    units: summary.units.length,
    valid: summary.units.filter((u) => u.status === 'valid').length,
    invalid: summary.units.filter((u) => u.status === 'invalid').length,
    missing: summary.missing.map((u) => u.name),
  };
}

export async function collectIntoPane(request: CollectRequest, deps: CollectDeps): Promise<CollectOutcome> {
  const folder = request.picked
    ? pickedFilesFolder(request.picked.label, request.picked.files)
    : await deps.openFolder();
  let total = 0;
  const result = await collect(folder, {
    catalog: request.catalog,
    signal: request.signal,
    onListed: (count) => {
      total = count;
      request.onProgress({ done: 0, total: count, file: null });
    },
    onProgress: (p) => request.onProgress({ done: p.done, total: p.total, file: p.file }),
  });
  // A cancelled run adds and downloads nothing: a summary of half the files is easy to mistake for the whole.
  if (result.cancelled) return { files: result.files, ...counts(result.summary), output: { kind: 'cancelled' } };
  request.onProgress({ done: total, total, file: null });
  const book = summaryToSheets(result.summary, summaryTextsFor(normaliseLang(request.lang)));
  if (deps.output === 'workbook') {
    const { insertSummary } = await import(/* webpackChunkName: "engine-office" */ '../../office/summary');
    const inserted = await insertSummary(book);
    return {
      files: result.files,
      ...counts(result.summary),
      output: { kind: 'sheets', names: inserted.sheets, chart: inserted.chart },
    };
  }
  const { summaryFile } = await import(/* webpackChunkName: "engine-generate" */ '../../app/collect/summary-file');
  const bytes = await summaryFile(book, { date: deps.date });
  const fileName = summaryFileName(request.catalog.year);
  deps.download(bytes, fileName);
  return { files: result.files, ...counts(result.summary), output: { kind: 'download', fileName } };
}
