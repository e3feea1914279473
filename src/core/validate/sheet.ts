// Random access to one sheet's cells, and the search for the item table by its header texts.
import { COLUMNS, type CellValue, type ColumnKey } from '../plan/model';
import type { CellContent, SheetContents } from './grid';

export class SheetGrid {
  private readonly rows = new Map<number, Map<number, CellContent>>();
  readonly maxRow: number;

  constructor(readonly sheet: SheetContents) {
    let maxRow = 0;
    for (const cell of sheet.cells) {
      let row = this.rows.get(cell.row);
      if (!row) this.rows.set(cell.row, (row = new Map()));
      row.set(cell.col, cell);
      if (cell.row > maxRow) maxRow = cell.row;
    }
    this.maxRow = maxRow;
  }

  get(row: number, col: number): CellContent | undefined {
    return this.rows.get(row)?.get(col);
  }

  value(row: number, col: number): CellValue {
    return this.get(row, col)?.value ?? null;
  }

  /** Cells of a row, in column order. */
  row(row: number): CellContent[] {
    const cells = this.rows.get(row);
    return cells ? [...cells.values()].sort((a, b) => a.col - b.col) : [];
  }

  /**
   * The sheet's content as rows of values (1-based row r is index r-1), for metadata sheets; at most `maxRows`
   * rows and `maxCols` columns, so a far-away cell in a crafted file cannot make huge arrays.
   */
  toRows(maxRows = 5000, maxCols = 50): CellValue[][] {
    const out: CellValue[][] = [];
    for (let r = 1; r <= Math.min(this.maxRow, maxRows); r++) {
      const cells = this.rows.get(r);
      const row: CellValue[] = [];
      if (cells) for (const c of cells.values()) if (c.col <= maxCols) row[c.col - 1] = c.value;
      for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
      out.push(row);
    }
    return out;
  }
}

export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value.trim() : String(value);
}

export interface HeaderMatch {
  row: number;
  /** Column of each header text as found in the sheet (a column whose header is gone is absent). */
  columns: Partial<Record<ColumnKey, number>>;
}

/**
 * The header row: the first row holding 序号, 分值 and 自评得分 (other header texts may have been edited, which
 * integrity checks then report). Columns are taken from where their header text is, not from fixed letters.
 */
export function findHeader(grid: SheetGrid): HeaderMatch | undefined {
  const need = ['序号', '分值', '自评得分'];
  for (let r = 1; r <= Math.min(grid.maxRow, 200); r++) {
    const cells = grid.row(r);
    const texts = new Map<string, number>();
    for (const c of cells) {
      const t = cellText(c.value);
      if (t && !texts.has(t)) texts.set(t, c.col);
    }
    if (!need.every((h) => texts.has(h))) continue;
    const columns: Partial<Record<ColumnKey, number>> = {};
    for (const column of COLUMNS) {
      const col = texts.get(column.header);
      if (col !== undefined) columns[column.key] = col;
    }
    return { row: r, columns };
  }
  return undefined;
}
