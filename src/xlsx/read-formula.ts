// Shared formulas: Excel stores a formula once ("master", with t="shared" si="N") and lets the other cells of the
// range refer to it. A follower's formula is the master's with its relative references moved by the offset.
import { cellOf, columnLetter, columnNumber } from '../core/address';

// String literals are matched first so that references inside them are left alone; a name followed by "(" is a
// function, not a reference.
const TOKEN = /"(?:[^"]|"")*"|(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(])/g;

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula.replace(
    TOKEN,
    (
      match,
      colAbs: string | undefined,
      col: string | undefined,
      rowAbs: string | undefined,
      row: string | undefined,
      offset: number,
    ) => {
      if (col === undefined || row === undefined) return match;
      const before = offset > 0 ? formula[offset - 1]! : '';
      if (/[A-Za-z0-9_.]/.test(before)) return match;
      const c = colAbs ? columnNumber(col) : columnNumber(col) + dCol;
      const r = rowAbs ? Number(row) : Number(row) + dRow;
      if (c < 1 || r < 1) return '#REF!';
      return `${colAbs}${columnLetter(c)}${rowAbs}${r}`;
    },
  );
}

/** A cell's r attribute ("G7", either case) as row and column; undefined when it is no cell address. */
export function parseAddress(address: string): { row: number; col: number } | undefined {
  return cellOf(address.toUpperCase());
}
