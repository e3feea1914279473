// What the register and the survey readers share: finding a table's header row by its texts, and matching a 单位
// cell to the catalog's units (by name, exactly, after trimming both).
import { cellText, type SheetGrid } from '../validate/sheet';
import type { ResultUnit } from './model';

/** Rows searched for the header, as the validator searches a template's. */
const HEADER_SEARCH_ROWS = 200;

/** The first row holding every required header text (any order; other cells ignored), or undefined. */
export function findTableHeader<K extends string>(
  grid: SheetGrid,
  headers: Readonly<Record<K, string>>,
  required: readonly K[],
): { row: number; columns: Partial<Record<K, number>> } | undefined {
  for (let r = 1; r <= Math.min(grid.maxRow, HEADER_SEARCH_ROWS); r++) {
    const at = new Map<string, number>();
    for (const c of grid.row(r)) {
      const t = cellText(c.value);
      if (t && !at.has(t)) at.set(t, c.col);
    }
    if (!required.every((k) => at.has(headers[k]))) continue;
    const columns: Partial<Record<K, number>> = {};
    for (const key of Object.keys(headers) as K[]) {
      const col = at.get(headers[key]);
      if (col !== undefined) columns[key] = col;
    }
    return { row: r, columns };
  }
  return undefined;
}

export type UnitMatch = { kind: 'unit'; unit: ResultUnit } | { kind: 'unknown' } | { kind: 'ambiguous' };

/** A 单位 text → the catalog unit of that name (trimmed, exact); two catalog units of one name are ambiguous. */
export function unitMatcher(units: readonly ResultUnit[]): (text: string) => UnitMatch {
  const byName = new Map<string, ResultUnit[]>();
  for (const unit of units) {
    const name = unit.name.trim();
    const same = byName.get(name);
    if (same) same.push(unit);
    else byName.set(name, [unit]);
  }
  return (text) => {
    const found = byName.get(text.trim());
    if (!found) return { kind: 'unknown' };
    return found.length === 1 ? { kind: 'unit', unit: found[0]! } : { kind: 'ambiguous' };
  };
}
