// The validator's neutral input: what is in a workbook's cells, as plain data. Both edges can produce it —
// src/xlsx/read.ts from a file, the Office.js adapter from a live workbook (values + formulas 2-D arrays of each
// sheet's used range, plus visibility and protection/protected) — so the same rules run on both.
import { cellAddress } from '../address';
import type { CellValue } from '../plan/model';

/** A1 addresses are written in core/address.ts; re-exported for the validator's callers. */
export { cellAddress };

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface CellContent {
  /** A1-style address, e.g. "G12". */
  address: string;
  /** 1-based. */
  row: number;
  /** 1-based. */
  col: number;
  /**
   * What the cell shows: a constant, or a formula's last computed result (null when none was stored).
   * Dates are given as text (ISO 8601); errors (#REF!, #VALUE!) as their text.
   */
  value: CellValue;
  /** Formula text as the host stores it, with or without the leading '='; absent for constants. */
  formula?: string;
}

export interface SheetContents {
  name: string;
  visibility: SheetVisibility;
  /** Worksheet protection is on (a password, if any, is not needed to tell). */
  protected: boolean;
  /** Sparse: only non-empty cells (a value that is not null/'' or a formula), in any order. */
  cells: CellContent[];
}

export interface WorkbookContents {
  /** In workbook order. */
  sheets: SheetContents[];
}

/** Builds sheet contents from 2-D arrays as Office.js returns them (`range.values` / `range.formulas`),
 *  where (startRow, startCol) is the used range's top-left cell (1-based). */
export function cellsFromGrid(
  values: CellValue[][],
  formulas: (string | number | boolean | null)[][] | undefined,
  startRow = 1,
  startCol = 1,
): CellContent[] {
  const cells: CellContent[] = [];
  for (let r = 0; r < values.length; r++) {
    const rowValues = values[r] ?? [];
    for (let c = 0; c < rowValues.length; c++) {
      const raw = rowValues[c];
      const value: CellValue = raw === undefined || raw === '' ? null : raw;
      const f = formulas?.[r]?.[c];
      // Office.js gives a constant in `formulas` as itself, so a text that merely starts with '=' ("=按时完成",
      // stored as text) would look like a formula; a real formula's value is its result, never its own text.
      const formula = typeof f === 'string' && f.startsWith('=') && f !== raw ? f : undefined;
      if (value === null && formula === undefined) continue;
      const row = startRow + r;
      const col = startCol + c;
      const cell: CellContent = { address: cellAddress(row, col), row, col, value };
      if (formula !== undefined) cell.formula = formula;
      cells.push(cell);
    }
  }
  return cells;
}
