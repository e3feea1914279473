// Shared formulas: Excel stores a formula once ("master", with t="shared" si="N") and lets the other cells of the
// range refer to it. A follower's formula is the master's with its relative references moved by the offset.

function colToNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
function numberToCol(n: number): string {
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// String literals are matched first so that references inside them are left alone; a name followed by "(" is a
// function, not a reference.
const TOKEN = /"(?:[^"]|"")*"|(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(])/g;

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  return formula.replace(TOKEN, (match, colAbs: string | undefined, col: string | undefined, rowAbs: string | undefined, row: string | undefined, offset: number) => {
    if (col === undefined || row === undefined) return match;
    const before = offset > 0 ? formula[offset - 1]! : '';
    if (/[A-Za-z0-9_.]/.test(before)) return match;
    const c = colAbs ? colToNumber(col) : colToNumber(col) + dCol;
    const r = rowAbs ? Number(row) : Number(row) + dRow;
    if (c < 1 || r < 1) return '#REF!';
    return `${colAbs}${numberToCol(c)}${rowAbs}${r}`;
  });
}

export function parseAddress(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]+)$/.exec(address.toUpperCase());
  if (!m) return undefined;
  return { col: colToNumber(m[1]!), row: Number(m[2]) };
}
