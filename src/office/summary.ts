// Adds the collected summary (the core's SummaryWorkbook) to the open workbook: one new sheet per summary sheet
// and a clustered column chart of the group averages on 汇总. Layout, formulas and styles come from
// src/core/collect/sheets.ts; this only translates them into Office.js calls, in two syncs:
//   sync 1: list the existing sheet names (so nothing existing is replaced: a taken name gets " (2)", …, by the
//           adapter's one freeSheetName; the names come from the locale files and are valid sheet names);
//   sync 2: add the sheets, write each as number formats then one 2-D `formulas` array, styles per rectangle
//           (sheet-helpers' applyStyle, as for the generated sheets), column widths, freeze panes, the chart;
//           activate 汇总.
// Unit texts (names, file names, deduction reasons) must stay text: their cells get the text format "@" before
// the values are written, and a text Excel might coerce (a formula, number, date, boolean, error: the adapter's
// excelInput) is written with a leading apostrophe, which Excel takes as "this is text" and does not show.
// (Not verified in a real Excel host: only in office-addin-mock.)
import type { SummaryCell, SummarySheet, SummaryWorkbook } from '../core/collect/sheets';
import { rangeAddress, rectanglesOf } from '../core/address';
import type { PlanPrint } from '../core/plan/model';
import { runExcel } from './excel-api';
import { applyFreeze, applyStyle, excelInput, freeSheetName, setColumnWidths } from './sheet-helpers';

export interface InsertSummaryResult {
  /** Names the sheets got, in the summary's order. */
  sheets: string[];
  chart: boolean;
}

/** What goes into the `formulas` array for a cell: text through the adapter's one excelInput guard. */
export function formulaInput(cell: SummaryCell | undefined): string | number | boolean {
  if (!cell) return '';
  switch (cell.kind) {
    case 'text':
      return excelInput(cell.value);
    case 'number':
      return cell.value;
    case 'formula':
      return `=${cell.formula}`;
    case 'empty':
      return '';
  }
}

/**
 * Queues one summary sheet's contents on a new worksheet (no sync): number formats, then one 2-D `formulas` array,
 * styles per rectangle, column widths, freeze panes and the filter. Shared by insertSummary and insertResults.
 */
export function writeSummarySheet(ws: Excel.Worksheet, sheet: SummarySheet, styles: SummaryWorkbook['styles']): void {
  const cols = sheet.columns.length;
  const rows = sheet.rows.length;
  if (rows > 0 && cols > 0) {
    const all = ws.getRange(rangeAddress({ top: 1, left: 1, bottom: rows, right: cols }));
    // Number formats first, so the text cells are text before anything is written into them.
    all.numberFormat = sheet.rows.map((row) =>
      Array.from({ length: cols }, (_, c) => styles[row[c]?.style ?? '']?.numberFormat ?? 'General'),
    );
    all.formulas = sheet.rows.map((row) => Array.from({ length: cols }, (_, c) => formulaInput(row[c])));
    const byStyle = new Map<string, Array<{ row: number; col: number }>>();
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell.style) return;
        const list = byStyle.get(cell.style) ?? [];
        list.push({ row: r + 1, col: c + 1 });
        byStyle.set(cell.style, list);
      }),
    );
    for (const [key, cells] of byStyle) {
      const style = styles[key];
      if (!style) continue;
      for (const rect of rectanglesOf(cells)) applyStyle(ws.getRange(rangeAddress(rect)), style, rect);
    }
  }
  // Widths in characters, converted to points as for the generated sheets.
  setColumnWidths(
    ws,
    sheet.columns.map((c) => c.width),
  );
  applyFreeze(ws, sheet.freeze);
  // As in the summary file: the core's filter over each table (its header row to its last row).
  if (sheet.filter) ws.autoFilter.apply(ws.getRange(sheet.filter));
}

export async function insertSummary(book: SummaryWorkbook): Promise<InsertSummaryResult> {
  return insertBook(book, 0);
}

/** A sheet with the page setup of a printed table (the 考核结果 sheet), applied through pageLayout. */
export type PrintableSheet = SummarySheet & {
  print?: Pick<PlanPrint, 'orientation' | 'paperSize' | 'fitToWidth' | 'fitToHeight' | 'titleRows'>;
};

/** `'name'!` as the core writes a reference to another sheet (always quoted, quotes doubled). */
function quotedRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/**
 * A sheet whose name was taken got another one: formulas that refer to it by its planned name follow, as Excel's
 * own rename would make them (else 考核结果's SUMIFS would read the workbook's older 加减分明细).
 */
function followRenames(sheet: SummarySheet, renamed: ReadonlyMap<string, string>): SummarySheet {
  if (renamed.size === 0) return sheet;
  const rewrite = (formula: string): string => {
    let out = formula;
    for (const [from, to] of renamed) out = out.split(quotedRef(from)).join(quotedRef(to));
    return out;
  };
  return {
    ...sheet,
    rows: sheet.rows.map((row) =>
      row.map((cell) => (cell.kind === 'formula' ? { ...cell, formula: rewrite(cell.formula) } : cell)),
    ),
  };
}

export interface PrintableWorkbook extends SummaryWorkbook {
  sheets: PrintableSheet[];
}

const ORIENTATION = { landscape: 'Landscape', portrait: 'Portrait' } as const;

/**
 * Adds every sheet of the book (free names, references following a rename), the chart, a printed sheet's page
 * setup, and activates the sheet at `activate`; two syncs whatever the number of rows.
 */
export async function insertBook(book: PrintableWorkbook, activate: number): Promise<InsertSummaryResult> {
  return runExcel(async (context) => {
    const existing = context.workbook.worksheets;
    existing.load('items/name');
    await context.sync();
    const taken = new Set(existing.items.map((s) => s.name));
    const names: string[] = [];
    const renamed = new Map<string, string>();
    for (const sheet of book.sheets) {
      const name = freeSheetName(sheet.name, taken);
      taken.add(name);
      names.push(name);
      if (name !== sheet.name) renamed.set(sheet.name, name);
    }
    let activeSheet: Excel.Worksheet | undefined;
    let chartAdded = false;

    for (const [index, planned] of book.sheets.entries()) {
      const name = names[index]!;
      const sheet = followRenames(planned, renamed);
      const ws = context.workbook.worksheets.add(name);
      if (index === activate) activeSheet = ws;
      writeSummarySheet(ws, sheet, book.styles);
      if (planned.print) {
        const p = planned.print;
        const page = ws.pageLayout;
        page.orientation = ORIENTATION[p.orientation];
        page.paperSize = p.paperSize;
        // "As many pages tall as needed" is the absence of verticalFitToPages (as for the generated sheets).
        const fitToHeight = p.fitToHeight as number;
        page.zoom =
          fitToHeight > 0
            ? { horizontalFitToPages: p.fitToWidth, verticalFitToPages: fitToHeight }
            : { horizontalFitToPages: p.fitToWidth };
        page.setPrintTitleRows(`$${p.titleRows[0]}:$${p.titleRows[1]}`);
      }
      if (book.chart && book.chart.sheet === sheet.name) {
        const chartSpec = book.chart;
        const first = chartSpec.series[0]!.values.split(':')[0]!;
        const last = chartSpec.series[chartSpec.series.length - 1]!.values.split(':')[1]!;
        // The series' values side by side (F:G) as the source, by columns; the group names as the x axis.
        const chart = ws.charts.add('ColumnClustered', ws.getRange(`${first}:${last}`), 'Columns');
        chart.title.text = chartSpec.title;
        chartSpec.series.forEach((s, i) => {
          const series = chart.series.getItemAt(i);
          series.name = s.name;
          series.setXAxisValues(ws.getRange(chartSpec.categories));
        });
        chart.setPosition(chartSpec.anchor);
        chartAdded = true;
      }
    }
    activeSheet?.activate();
    await context.sync();
    return { sheets: names, chart: chartAdded };
  });
}
