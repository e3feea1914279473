// The 考核目标 master sheet in the open workbook: write a catalog as a master sheet, or read the master rows back
// from one of the workbook's sheets. Layout and reading rules are the core's (src/core/catalog/master.ts); this
// only moves the grid in and out through Office.js, in two syncs each way.
import type { Catalog } from '../core/catalog/model';
import {
  catalogToMasterRows,
  fillMergedAreas,
  MASTER_COLUMN_WIDTHS,
  MASTER_COLUMNS,
  MASTER_HEADER_ROW,
  MASTER_SHEET_NAME,
  masterSheetLayout,
  type MasterCell,
  type MasterRow,
  type MasterValidation,
  type MergedArea,
} from '../core/catalog/master';
import { parseRange, rangeAddress, splitSheetAddress } from '../core/address';
import { runExcel } from './excel-api';
import { isSetSupported } from './host';
import { applyFreeze, excelInput, freeSheetName, setColumnWidths } from './sheet-helpers';

/** The core's validation rule as Office.js takes it (ExcelApi 1.8): a drop-down list, or a decimal ≥ min. */
export function dataValidationRule(rule: MasterValidation): Excel.DataValidationRule {
  if (rule.kind === 'list') return { list: { inCellDropDown: true, source: rule.values.join(',') } };
  // 'GreaterThanOrEqualTo' is Excel.DataValidationOperator.greaterThanOrEqualTo's value (as render-plan's 'Between').
  return { decimal: { formula1: rule.min, operator: 'GreaterThanOrEqualTo' } };
}

/**
 * Adds the catalog as a new master sheet (named 考核目标, or 考核目标 (2)… if taken); returns its name. Two syncs.
 * The layout is the core's masterSheetLayout, as in the .xlsx master file: the title merged across the columns,
 * the title and header rows and 单位 frozen, the autofilter over the header and the targets, 分值's number format,
 * and the 分组 / 板块 drop-downs and 分值 ≥ 0 over the targets and the spare rows below.
 */
export async function writeMasterSheet(catalog: Catalog): Promise<string> {
  const grid = catalogToMasterRows(catalog);
  const cols = grid[0]!.length;
  const layout = masterSheetLayout(grid.length);
  const weightRange = parseRange(layout.weightFormat.range);
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const name = freeSheetName(
      MASTER_SHEET_NAME,
      sheets.items.map((s) => s.name),
    );
    const ws = sheets.add(name);
    const all = ws.getRange(rangeAddress({ top: 1, left: 1, bottom: grid.length, right: cols }));
    // Text cells get the text format before anything is written, so a target such as "1-3月…" or "=…" stays text;
    // 分值's cells below the header get the core's weight format (as the file's), the text ones too (a weight the
    // document gave in words stays text: excelInput guards any text Excel might coerce).
    all.numberFormat = grid.map((row, r) =>
      row.map((v, c) => {
        const inWeight = c + 1 === weightRange.left && r + 1 >= weightRange.top;
        if (inWeight) return layout.weightFormat.format;
        return typeof v === 'number' ? 'General' : '@';
      }),
    );
    // …and a text Excel might coerce anyway gets the leading apostrophe (the adapter's one excelInput guard).
    all.values = grid.map((row) => row.map((v) => excelInput(v)));
    all.format.wrapText = true;
    all.format.verticalAlignment = 'Top';
    // 分值's spare rows below the targets get the weight format too, for the weights staff add (as the file's column).
    if (weightRange.bottom > grid.length) {
      const spare = { ...weightRange, top: grid.length + 1 };
      ws.getRange(rangeAddress(spare)).numberFormat = Array.from({ length: spare.bottom - spare.top + 1 }, () => [
        layout.weightFormat.format,
      ]);
    }
    const title = ws.getRange(layout.titleMerge);
    title.merge(false);
    title.format.font.bold = true;
    title.format.font.size = 14;
    title.format.wrapText = false;
    title.format.horizontalAlignment = 'Center';
    title.format.verticalAlignment = 'Center';
    ws.getRange(
      rangeAddress({ top: MASTER_HEADER_ROW, left: 1, bottom: MASTER_HEADER_ROW, right: cols }),
    ).format.font.bold = true;
    // The core's widths (characters, as the .xlsx master file), in points as for the generated sheets.
    setColumnWidths(
      ws,
      MASTER_COLUMNS.map((column) => MASTER_COLUMN_WIDTHS[column]),
    );
    ws.autoFilter.apply(ws.getRange(layout.filter));
    for (const rule of layout.validations) {
      const range = ws.getRange(rule.range);
      range.dataValidation.ignoreBlanks = true;
      range.dataValidation.rule = dataValidationRule(rule);
    }
    applyFreeze(ws, layout.freeze);
    ws.activate();
    await context.sync();
    return name;
  });
}

/** The used range's values as master rows (sheet row numbers; cells indexed from column A). */
export function rowsFromRange(address: string, values: unknown[][]): MasterRow[] {
  const rect = parseRange(splitSheetAddress(address).range);
  const pad: MasterCell[] = Array.from({ length: rect.left - 1 }, () => null);
  return values.map((row, i) => ({
    row: rect.top + i,
    cells: [
      ...pad,
      ...row.map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null)),
    ],
  }));
}

/** Merged areas' addresses as the core's MergedArea (sheet rows, 0-based cell indexes). */
export function mergedAreasFrom(addresses: string[]): MergedArea[] {
  return addresses.map((a) => {
    const r = parseRange(splitSheetAddress(a).range);
    return { top: r.top, bottom: r.bottom, left: r.left - 1, right: r.right - 1 };
  });
}

/**
 * The master rows of the open workbook: the sheet named 考核目标 when there is one, else the active sheet. Merged
 * cells (指标类别 merged over several rows by staff) count for every row they cover; Office.js gives their value
 * only in the top-left cell, so the merged areas are read too (ExcelApi 1.13; without it merges are not filled).
 * Two syncs either way: one to pick the sheet, one that reads its used range and (1.13) its merged areas. The
 * used range is getUsedRange, never a null object (a blank sheet gives A1), so the merged areas can be queued on
 * it in the same batch; nothing is chained on a null object.
 */
export async function readMasterSheet(): Promise<{ sheetName: string; rows: MasterRow[] }> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const active = sheets.getActiveWorksheet();
    active.load('name');
    await context.sync();
    const name = sheets.items.some((s) => s.name === MASTER_SHEET_NAME) ? MASTER_SHEET_NAME : active.name;
    const used = sheets.getItem(name).getUsedRange(true);
    used.load('address, values');
    const merged = isSetSupported('ExcelApi', '1.13') ? used.getMergedAreasOrNullObject() : null;
    merged?.load('areas/items/address');
    await context.sync();
    const areas = merged && !merged.isNullObject ? merged.areas.items.map((a) => a.address) : [];
    return {
      rows: fillMergedAreas(rowsFromRange(used.address, used.values as unknown[][]), mergedAreasFrom(areas)),
      sheetName: name,
    };
  });
}
