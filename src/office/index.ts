// The Office.js adapter: what the task pane may call inside Excel. React never touches `Excel`; it receives
// these as operations.
//
//   insertPlans(plans, {password, onProgress, signal})  add one protected sheet (+ very hidden meta sheet) per
//                                                       plan; ≤ 2 syncs per batch of sheets; never replaces a sheet
//   readWorkbookContents({sheets?})                     the open workbook as the validator's WorkbookContents
//   readTemplateContents(sheet?)                        one unit's template + meta sheet (the active unit by default);
//                                                       a scoring workbook whole (wholeWorkbookSheets), one sync more
//   startLiveValidation({sheet, validate, onPass})      debounced re-validation on edits, one sync per pass (a scoring
//                                                       workbook: every sheet watched and read)
//   checkOpenWorkbook({texts, catalog?, sheet?})        检查 of a unit's sheet by the unit validator (two syncs)
//   startLiveCheck({validate, onPass, sheet?})          the live panel with the unit validator (the pane checks either
//                                                       kind through src/app/check's checkWorkbookContents instead)
//   selectCell(sheet, address)                          activate the sheet and select the cell (one sync)
//   markCells(sheet, addresses) / clearMarks(marks)     在表中标出问题 and 清除标记: a fill on the problem cells through the
//                                                       sheet's protection, the fills before given back (two syncs each)
//   detectOfficeHost() / requirementSupport()           host, platform and requirement sets (safe without Office)
//   OfficeAdapterError                                  failures with a stable `code` and `params`
// Imported from their own modules, so that each loads with the pane chunk that needs it: master-sheet.ts (the
// 考核目标 sheet written and read back, two syncs each), push-record.ts (a push recorded in Workbook.settings),
// summary.ts (汇总's sheets and chart); sheet-helpers.ts is what every sheet the adapter writes shares.
export { insertPlans, DEFAULT_MAX_REQUEST_BYTES } from './render-plan';
export type { InsertOptions, InsertProgress, InsertResult, InsertedSheet, InsertNote } from './render-plan';
export { readTemplateContents, readWorkbookContents } from './read-workbook';
export { startLiveValidation, DEFAULT_DEBOUNCE_MS } from './live';
export type { LiveOptions, LiveSession } from './live';
export { selectCell } from './navigate';
export { markCells, clearMarks, MARK_FILL } from './marks';
export type { SheetMarks, CellFill, MarkOptions } from './marks';
export { checkOpenWorkbook, startLiveCheck } from './check';
export type { LiveCheckOptions, OpenWorkbookCheck } from './check';
export { detectOfficeHost, requirementSupport, isSetSupported } from './host';
export type { OfficeHostInfo, RequirementSupport } from './host';
export { OfficeAdapterError, syncCounter } from './excel-api';
export { OFFICE_ERROR_CODES, type OfficeErrorCode } from './error-codes';
