// The master sheet as an .xlsx file (ExcelJS): written from a catalog for staff to edit, read back into a
// catalog. The layout and every rule live in core/catalog/master.ts; this file only styles and moves values.
// The workbook also carries the year's rules as a 考核设置 sheet (core/results/settings-sheet.ts: rows written by
// settingsToRows, read back by settingsFromSheet — `collect --settings master.xlsx`); the catalog reader ignores it.
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import {
  catalogToMasterRows,
  hasMasterHeader,
  MASTER_COLUMN_WIDTHS,
  MASTER_COLUMNS,
  MASTER_HEADER_ROW,
  MASTER_SHEET_NAME,
  MASTER_TITLE_ROW,
  masterRowsToCatalog,
  masterSheetLayout,
  type MasterCell,
  type MasterColumn,
  type MasterReadOptions,
  type MasterRow,
  type MasterValidation,
} from '../core/catalog/master';
import { cellAddress, columnLetter } from '../core/address';
import { type Catalog } from '../core/catalog/model';
import { UnopenableCatalogFile } from '../core/catalog/file';
import { GuardedZip, ZipProblemError } from './read-zip';
import { writeZip } from './zip';
import type { Settings } from '../core/results/model';
import { SETTINGS_SHEET_NAME, settingsToRows } from '../core/results/settings-sheet';

export interface MasterWriteOptions {
  /** Stamped into the file's properties and zip entries; the same catalog and date give the same bytes. */
  createdAt?: Date;
  /** A second sheet telling staff how to edit the master sheet (texts from the catalog locale, masterSheet.*). */
  notes?: { sheetName: string; lines: readonly string[] };
  /** Written as the 考核设置 sheet (after the master sheet and the notes); none when not given. */
  settings?: Settings;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF9E9E9E' } };

/**
 * ExcelJS stamps each zip entry with the time it was written; re-packing with one fixed time (entries in the
 * order ExcelJS wrote them, stamped in UTC by writeZip) makes the file a pure function of the catalog and
 * `createdAt`, whatever the machine's time zone.
 */
function repackDeterministic(bytes: Uint8Array, when: Date): Uint8Array {
  return writeZip(Object.entries(unzipSync(bytes)), when);
}

/** The master sheet of a catalog as an .xlsx file: styled header, frozen and filtered, with validation lists. */
export async function writeMasterWorkbook(catalog: Catalog, options: MasterWriteOptions = {}): Promise<Uint8Array> {
  const when = options.createdAt ?? new Date(Date.UTC(catalog.year, 0, 1));
  const grid = catalogToMasterRows(catalog);
  const layout = masterSheetLayout(grid.length);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Target Sheets';
  workbook.lastModifiedBy = 'Target Sheets';
  workbook.created = when;
  workbook.modified = when;
  const sheet = workbook.addWorksheet(MASTER_SHEET_NAME, {
    views: [
      {
        state: 'frozen',
        xSplit: layout.freeze.cols,
        ySplit: layout.freeze.rows,
        activeCell: cellAddress(layout.freeze.rows + 1, 1),
      },
    ],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  sheet.columns = MASTER_COLUMNS.map((column) => ({ key: column, width: MASTER_COLUMN_WIDTHS[column] }));
  grid.forEach((values, index) => {
    sheet.getRow(index + 1).values = values;
  });

  const last = grid.length;
  sheet.mergeCells(layout.titleMerge);
  const title = sheet.getCell(`A${MASTER_TITLE_ROW}`);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(MASTER_TITLE_ROW).height = 26;

  const header = sheet.getRow(MASTER_HEADER_ROW);
  header.height = 20;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
  });
  sheet.autoFilter = layout.filter;

  const col = (column: MasterColumn): string => columnLetter(MASTER_COLUMNS.indexOf(column) + 1);
  for (let r = MASTER_HEADER_ROW + 1; r <= last; r++) {
    const row = sheet.getRow(r);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    });
    sheet.getCell(`${col('weight')}${r}`).alignment = { vertical: 'top', horizontal: 'center' };
  }
  // 分值's format on the whole column (the spare rows staff add included) and on each target's cell.
  const { weightFormat } = layout;
  sheet.getColumn(MASTER_COLUMNS.indexOf(weightFormat.column) + 1).numFmt = weightFormat.format;
  for (let r = MASTER_HEADER_ROW + 1; r <= last; r++)
    sheet.getCell(`${col(weightFormat.column)}${r}`).numFmt = weightFormat.format;

  // One rule per column range (ExcelJS supports range keys, its typings only per-cell rules): a short sqref
  // instead of thousands of cells, and it covers the empty rows staff add below.
  const validations = (
    sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }
  ).dataValidations;
  for (const rule of layout.validations) validations.add(rule.range, validationOf(rule));

  if (options.notes) {
    const notes = workbook.addWorksheet(options.notes.sheetName);
    notes.getColumn(1).width = 110;
    options.notes.lines.forEach((line, index) => {
      const cell = notes.getCell(`A${index + 1}`);
      cell.value = `${index + 1}. ${line}`;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  }

  if (options.settings) {
    const rules = workbook.addWorksheet(SETTINGS_SHEET_NAME);
    rules.columns = [{ width: 16 }, { width: 16 }, { width: 12 }];
    settingsToRows(options.settings).forEach((values, index) => {
      const row = rules.getRow(index + 1);
      row.values = values;
      if (index === 0) row.font = { bold: true };
    });
  }

  const written = new Uint8Array(await workbook.xlsx.writeBuffer());
  return repackDeterministic(written, when);
}

/** The core's validation rule as ExcelJS writes it: blanks allowed, an error shown for anything else. */
function validationOf(rule: MasterValidation): ExcelJS.DataValidation {
  if (rule.kind === 'list') {
    return { type: 'list', allowBlank: true, formulae: [`"${rule.values.join(',')}"`], showErrorMessage: true };
  }
  return {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [rule.min],
    showErrorMessage: true,
  };
}

/** A cell as the core expects it: rich text joined, a formula's stored result, errors as their text. */
function plainValue(value: ExcelJS.CellValue): MasterCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return null;
    if (typeof result === 'object' && 'error' in result) return String((result as { error: unknown }).error);
    return result instanceof Date ? result.toISOString() : (result as MasterCell);
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : null;
  }
  return null;
}

function sheetRows(sheet: ExcelJS.Worksheet): MasterRow[] {
  const rows: MasterRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    // row.values is 1-based and sparse; a merged cell's value is its top-left cell's (ExcelJS resolves it).
    const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => plainValue(values[i + 1]));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

function unreadable(reason: string): UnopenableCatalogFile {
  return new UnopenableCatalogFile('master-file-unreadable', { reason });
}

/**
 * Reads a master sheet file into a catalog. The sheet is the one named 考核目标, else the first sheet whose rows
 * hold the master header. A file that is not a readable workbook is not a catalog: it throws
 * UnopenableCatalogFile (master-file-unreadable, with the reason).
 */
export async function readMasterWorkbook(bytes: Uint8Array, options: MasterReadOptions): Promise<Catalog> {
  try {
    // Size, entry count and compression ratio are checked on the declared sizes before ExcelJS inflates anything.
    GuardedZip.open(bytes);
  } catch (error) {
    if (error instanceof ZipProblemError) throw unreadable(error.problem.code);
    throw error;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(error instanceof Error ? error.message : String(error));
  }
  const sheets = workbook.worksheets.map((sheet) => ({ name: sheet.name, rows: sheetRows(sheet) }));
  if (sheets.length === 0) throw unreadable('no worksheet');
  const chosen =
    sheets.find((s) => s.name === MASTER_SHEET_NAME && hasMasterHeader(s.rows)) ??
    sheets.find((s) => hasMasterHeader(s.rows)) ??
    sheets[0]!;
  return masterRowsToCatalog(chosen.rows, options);
}
