// What the task pane's 汇总 view needs, in one place: collect from any SharedFolder (a WebDAV share, or the files
// the user picked), the summary's words, and (from src/office/summary.ts) insertSummary to add it to the workbook.
// Nothing here uses Node: it runs in the browser as well as in the CLI.
export { collect, listReturnedFiles, type CollectOptions, type CollectProgress, type CollectResult } from './collect';
export { pickedFilesFolder, type PickedFile } from './picked-files';
export { summaryTexts, summaryTextsFor } from './texts';
export { summaryToSheets, type SummaryWorkbook } from '../core/collect/sheets';
export type { Summary, UnitSummary } from '../core/collect/model';
