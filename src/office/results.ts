// Adds the final result to the open workbook: the summary's sheets with 考核结果 right after 汇总 and 加减分明细 last
// (the book src/app/results.ts's withResultSheets makes; layout, formulas and cached figures are the core's,
// src/core/results/sheet.ts). Guarantees, as for the summary (./summary.ts, whose writer this shares):
//  - nothing existing is replaced: a taken name gets " (2)", …, and the formulas that refer to a renamed sheet
//    (考核结果's SUMIFS over 加减分明细) follow it;
//  - two context.sync() calls whatever the number of units: the sheet names are read, then everything is written;
//  - 考核结果 is printed A4 landscape, one page wide, its title rows repeated (pageLayout, ExcelApi 1.9), and is
//    the sheet shown afterwards.
// (Not verified in a real Excel host: only in the Office stand-in, whose HyperFormula calculates the formulas.)
import { insertBook, type InsertSummaryResult, type PrintableWorkbook } from './summary';

export async function insertResults(book: PrintableWorkbook, resultsSheet: string): Promise<InsertSummaryResult> {
  const index = book.sheets.findIndex((s) => s.name === resultsSheet);
  return insertBook(book, Math.max(0, index));
}
