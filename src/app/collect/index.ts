// 汇总, the use case both faces run: collect from any SharedFolder (a WebDAV share, a directory, or the files the
// user picked), and the summary's words. The summary goes out as a file (./summary-file.ts, ExcelJS: imported on
// its own) or, in Excel, into the workbook (src/office/summary.ts). Nothing here uses Node.
export { collect, listReturnedFiles, type CollectOptions, type CollectProgress, type CollectResult } from './collect';
export { pickedFilesFolder, type PickedFile } from './picked-files';
export { summaryTexts, summaryTextsFor } from './texts';
export { summaryToSheets, type SummaryWorkbook } from '../../core/collect/sheets';
export type { Summary, UnitSummary } from '../../core/collect/model';
