// Writes the collected summary (the core's SummaryWorkbook) to an .xlsx file with ExcelJS. Layout, formulas and
// styles come from src/core/collect/sheets.ts; this only translates them. Text cells are written as strings
// (shared strings), so a unit's "=HYPERLINK(…)" stays text; formulas are only the core's own.
// The same writer writes the input workbooks of the final result (the empty register and survey: an InputSheet
// adds data validations and protection, every cell locked but the `unlocked` ranges) and sheets with a print
// setup (the 考核结果 sheet): what a sheet does not say is not written.
// ExcelJS cannot write charts: the chart of totals by group is added by the Office adapter in the task pane.
import type ExcelJSNamespace from 'exceljs';
import { columnNumber } from '../core/address';
import type { SummarySheet, SummaryWorkbook } from '../core/collect/sheets';
import type { PlanPrint } from '../core/plan/model';
import type { InputSheet, SheetValidation } from '../core/results/workbooks';
import { exceljs, toExcelStyle, workbookParts } from './style';
import { writeZip } from './zip';

export interface SummaryXlsxOptions {
  /** The document dates and zip timestamps (default: now); the same summary and date give the same bytes. */
  date?: Date;
}

/** A sheet the writer takes: the summary's, with an input sheet's validations and protection, and a print setup. */
export type WritableSheet = SummarySheet &
  Partial<Pick<InputSheet, 'validations' | 'protection'>> & {
    /** Page setup; the title rows repeat on every printed page. */
    print?: Pick<PlanPrint, 'orientation' | 'paperSize' | 'fitToWidth' | 'fitToHeight' | 'titleRows'>;
  };

export interface WritableWorkbook extends SummaryWorkbook {
  sheets: WritableSheet[];
}

function dataValidation(v: SheetValidation): ExcelJSNamespace.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorStyle: 'stop', error: v.error } as const;
  switch (v.kind) {
    case 'list':
      // A typed list is one quoted text, comma-separated (the values hold no comma or quote: 加分/扣分/一票否决).
      return { ...common, type: 'list', formulae: [`"${v.values.join(',')}"`] };
    case 'list-range':
      return { ...common, type: 'list', formulae: [v.source] };
    case 'decimal-min':
      return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [v.min] };
    case 'whole-min':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [v.min] };
  }
}

/** Every cell address of an A1 range ("A3:F1002"). */
function cellsOf(range: string): Array<[number, number]> {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m) throw new RangeError(`not an A1 range: ${range}`);
  const [c1, r1] = [columnNumber(m[1]!), Number(m[2])];
  const [c2, r2] = m[3] ? [columnNumber(m[3]), Number(m[4])] : [c1, r1];
  const out: Array<[number, number]> = [];
  for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.push([r, c]);
  return out;
}

export async function renderSummaryToXlsx(
  book: WritableWorkbook,
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
    for (const v of sheet.validations ?? [])
      // ExcelJS's typings leave out dataValidations, which it supports (ranges included).
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJSNamespace.DataValidation): void } }
      ).dataValidations.add(v.range, dataValidation(v));
    if (sheet.protection) {
      for (const range of sheet.protection.unlocked)
        for (const [r, c] of cellsOf(range)) {
          const cell = ws.getCell(r, c);
          cell.style = { ...cell.style, protection: { locked: false } };
        }
      // No password: the protection keeps the header as the readers need it, it is no lock against the user.
      type Protected = { sheetProtection: Record<string, string | number | boolean> };
      (ws as unknown as Protected).sheetProtection = { sheet: true, ...sheet.protection.options };
    }
    if (sheet.print) {
      const p = sheet.print;
      ws.pageSetup = {
        ...ws.pageSetup,
        orientation: p.orientation,
        paperSize: 9, // A4
        fitToPage: true,
        fitToWidth: p.fitToWidth,
        fitToHeight: p.fitToHeight,
        printTitlesRow: `${p.titleRows[0]}:${p.titleRows[1]}`,
      };
    }
  }
  return writeZip(await workbookParts(workbook), date);
}
