// 评分 (async chunk, with the ExcelJS writer): the scoring workbooks of the assessment round, one per scorer (each
// item's owner and the 考核组), made by the application layer's review (src/app/review.ts) — the same use case as
// the CLI's `review` — from the configured shared folder or from files the user picked (src/app/collect/
// picked-files.ts), and handed over as one zip download, in Excel as in a browser: the workbooks are separate files
// for the scorers, not sheets of the open workbook. The scorers are listed first (./scorers.ts), so the user can
// make only some; 取消 stops between files and between workbooks, and then nothing is downloaded.
import { zipSync } from 'fflate';
import { pickedFilesFolder } from '../../app/collect/picked-files';
import { review, scoringZipName } from '../../app/review';
import type { SharedFolder } from '../../core/folders/folder';
import type { ReviewOutcome, ReviewRequest } from '../operations';
import { nextFrame } from './download';

export interface ReviewDeps {
  openFolder: () => Promise<SharedFolder>;
  download: (bytes: Uint8Array, fileName: string) => void;
  /** The workbooks' recorded time (tests fix it); default now. */
  now?: () => Date;
}

export async function reviewIntoPane(request: ReviewRequest, deps: ReviewDeps): Promise<ReviewOutcome> {
  const folder = request.picked
    ? pickedFilesFolder(request.picked.label, request.picked.files)
    : await deps.openFolder();
  const result = await review(folder, {
    catalog: request.catalog,
    createdAt: (deps.now ?? (() => new Date()))().toISOString(),
    signal: request.signal,
    ...(request.scorers ? { scorers: request.scorers } : {}),
    onListed: (total) => request.onProgress({ phase: 'reading', done: 0, total, current: null }),
    onProgress: (p) => request.onProgress({ phase: 'reading', done: p.done, total: p.total, current: p.file }),
    onWorkbook: async (p) => {
      request.onProgress({ phase: 'writing', done: p.done, total: p.total, current: p.scorer });
      // A workbook of the 考核组 takes a moment: the page repaints and takes a click on 取消 in between.
      await nextFrame();
    },
  });
  const units = result.summary.units;
  const counts = {
    files: result.files,
    units: units.length,
    returned: units.filter((u) => u.status === 'valid').length,
    // Rows of these units say 未提交 in every workbook: no valid returned sheet (none, or only invalid ones).
    notReturned: units.filter((u) => u.status !== 'valid').map((u) => u.name),
    workbooks: result.workbooks.map((w) => ({ name: w.name, scorer: w.scorer, units: w.units, items: w.items })),
  };
  if (result.cancelled || result.workbooks.length === 0) return { ...counts, output: { kind: 'cancelled' } };
  const fileName = scoringZipName(request.catalog.year, result.workbooks.length);
  // Already-compressed xlsx files: stored as they are, as 生成's zip does.
  const zip = zipSync(Object.fromEntries(result.workbooks.map((w) => [w.name, [w.bytes, { level: 0 }]])));
  deps.download(zip, fileName);
  return { ...counts, output: { kind: 'download', fileName } };
}
