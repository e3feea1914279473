// Writes the collected summary (the core's SummaryWorkbook) to an .xlsx file with ExcelJS. Layout, formulas and
// styles come from src/core/collect/sheets.ts; this only translates them. Text cells are written as strings
// (shared strings), so a unit's "=HYPERLINK(…)" stays text; formulas are only the core's own.
// ExcelJS cannot write charts: the chart of totals by group is added by the Office adapter in the task pane.
import type ExcelJSNamespace from 'exceljs';
import type { SummaryWorkbook } from '../core/collect/sheets';
import { exceljs, toExcelStyle, workbookParts } from './style';
import { writeZip } from './zip';

export interface SummaryXlsxOptions {
  /** The document dates and zip timestamps (default: now); the same summary and date give the same bytes. */
  date?: Date;
}

export async function renderSummaryToXlsx(
  book: SummaryWorkbook,
  options: SummaryXlsxOptions = {},
): Promise<Uint8Array> {
  const ExcelJS = exceljs();
  const workbook = new ExcelJS.Workbook();
  const date = options.date ?? new Date();
  workbook.created = date;
  workbook.modified = date;
  workbook.creator = 'Target Sheets';
  const styles = new Map(Object.entries(book.styles).map(([k, v]) => [k, toExcelStyle(v)]));
  for (const sheet of book.sheets) {
    const ws = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows }],
    });
    ws.columns = sheet.columns.map((c) => ({ width: c.width }));
    sheet.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        const target = ws.getCell(r + 1, c + 1);
        switch (cell.kind) {
          case 'text':
            // A string value is stored as a string (never parsed as a formula), whatever it starts with.
            target.value = cell.value;
            break;
          case 'number':
            target.value = cell.value;
            break;
          case 'formula':
            target.value = (
              cell.result === null ? { formula: cell.formula } : { formula: cell.formula, result: cell.result }
            ) as ExcelJSNamespace.CellFormulaValue;
            break;
          case 'empty':
            break;
        }
        const style = cell.style ? styles.get(cell.style) : undefined;
        if (style) target.style = { ...style };
      });
    });
    if (sheet.filter) ws.autoFilter = sheet.filter;
  }
  return writeZip(await workbookParts(workbook), date);
}
