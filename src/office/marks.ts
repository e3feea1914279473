// 在表中标出问题 / 清除标记: the problem cells of a unit's sheet get a light red fill (Excel's own "bad" fill), and
// clearing gives every marked cell back exactly the fill it had (its colour and pattern, or no fill at all).
//
// Guarantees:
// - Two syncs to mark and two to clear, however many cells: one to read the protection state and options (and,
//   when marking, the fills being covered), one to write.
// - A protected sheet is unprotected, formatted and protected again in the same request, with the options it had
//   (read back, not assumed) and the password given. Protection state is loaded first: protect() and unprotect()
//   throw when the sheet is already in that state (office-js-notes.md §0.4). An unprotected sheet stays so.
// - Only fills change: values and formulas are untouched, so the validator (and the fingerprint, which covers
//   values) reports exactly what it reported before.
// - What was there before is returned to the caller (the pane keeps it): clearing restores that and nothing else.
// Fill only, no cell notes: Worksheet.notes needs ExcelApi 1.18 and a note already on a cell could not be told
// from ours; the problems themselves are listed in the pane and in the 问题清单.
import { OfficeAdapterError, runExcel } from './excel-api';

/** The fill a mark gives a problem cell: Excel's "Light Red Fill" (the fill of its "Bad" cell style). */
export const MARK_FILL = '#FFC7CE';

/** A cell's fill as RangeFill reports it: `pattern` "None" is no fill at all (`color` then reads #FFFFFF). */
export interface CellFill {
  color: string;
  pattern: Excel.FillPattern | `${Excel.FillPattern}`;
}

/** What marking added to one sheet, and what each marked cell had before. */
export interface SheetMarks {
  sheetName: string;
  cells: { address: string; before: CellFill }[];
}

export interface MarkOptions {
  /** The sheet protection password, when the sheet was protected with one. */
  password?: string;
}

/**
 * One request that formats `sheetName` through its protection: `read` queues the loads of sync 1, `write` the
 * formatting of sync 2, between unprotect and protect (with the options read in sync 1) when the sheet is protected.
 */
async function formatThroughProtection<T>(
  sheetName: string,
  password: string | undefined,
  read: (sheet: Excel.Worksheet) => T,
  write: (sheet: Excel.Worksheet, loaded: T) => void,
): Promise<T> {
  return runExcel(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.protection.load('protected, options');
    const loaded = read(sheet);
    try {
      await context.sync();
    } catch (error) {
      throw new OfficeAdapterError('sheet-missing', { sheet: sheetName }, { cause: error });
    }
    const wasProtected = sheet.protection.protected;
    const options = wasProtected ? { ...sheet.protection.options } : undefined;
    if (wasProtected) sheet.protection.unprotect(password);
    write(sheet, loaded);
    if (wasProtected) sheet.protection.protect(options, password);
    try {
      await context.sync();
    } catch (error) {
      throw new OfficeAdapterError('marks-failed', { sheet: sheetName }, { cause: error });
    }
    return loaded;
  });
}

/** Marks the cells (A1 addresses, each once) of `sheetName`; returns what clearMarks needs to undo it. Two syncs. */
export async function markCells(
  sheetName: string,
  addresses: readonly string[],
  options: MarkOptions = {},
): Promise<SheetMarks> {
  const unique = [...new Set(addresses)];
  const fills = await formatThroughProtection(
    sheetName,
    options.password,
    (sheet) =>
      unique.map((address) => {
        const fill = sheet.getRange(address).format.fill;
        fill.load('color, pattern');
        return { address, fill };
      }),
    (sheet, loaded) => {
      for (const { address } of loaded) sheet.getRange(address).format.fill.color = MARK_FILL;
    },
  );
  return {
    sheetName,
    cells: fills.map(({ address, fill }) => ({ address, before: { color: fill.color, pattern: fill.pattern } })),
  };
}

/** Gives every marked cell back the fill it had before markCells. Two syncs. */
export async function clearMarks(marks: SheetMarks, options: MarkOptions = {}): Promise<void> {
  await formatThroughProtection(
    marks.sheetName,
    options.password,
    () => undefined,
    (sheet) => {
      for (const { address, before } of marks.cells) {
        const fill = sheet.getRange(address).format.fill;
        if (before.pattern === 'None') {
          fill.clear();
        } else {
          fill.color = before.color;
          // Setting a colour makes the fill solid: any other pattern is set again after it.
          if (before.pattern !== 'Solid') fill.pattern = before.pattern;
        }
      }
    },
  );
}
