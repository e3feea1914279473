// A1 addresses: the small arithmetic of column letters and cell addresses, written once here for the core, the
// Office adapter and the file reader and writers (cells, ranges, and the plan's cells as few rectangular ranges).

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column letters of a 1-based column number: 1 → "A", 26 → "Z", 27 → "AA". */
export function columnLetter(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** 1-based column number of column letters (either case): "A" → 1, "AA" → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "G12" from 1-based row and column. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row}`;
}

/** "G7" → {row: 7, col: 7}; "$G$7" too; undefined when the text (taken as it is, untrimmed) is no cell address. */
export function cellOf(address: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]!) } : undefined;
}

/** "G7" → {row: 7, col: 7}; "$G$7" and " G7 " too; throws on anything else. */
export function parseCell(address: string): { row: number; col: number } {
  const cell = cellOf(address.trim());
  if (!cell) throw new Error(`not a cell address: ${address}`);
  return cell;
}

/** "G7:H30" or "G7" → rectangle (1-based, inclusive). */
export function parseRange(address: string): Rect {
  const [a, b] = address.split(':');
  const start = parseCell(a!);
  const end = b === undefined ? start : parseCell(b);
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

export function rangeAddress(rect: Rect): string {
  const start = cellAddress(rect.top, rect.left);
  return rect.top === rect.bottom && rect.left === rect.right
    ? start
    : `${start}:${cellAddress(rect.bottom, rect.right)}`;
}

/** Splits Excel's "'Sheet name'!A1:J40" into sheet name and range part. */
export function splitSheetAddress(address: string): { sheet: string | null; range: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: null, range: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

/**
 * Covers a set of cells with few rectangles: maximal runs per row, then runs with the same columns on
 * consecutive rows joined. One range per rectangle keeps the number of queued format calls small.
 */
export function rectanglesOf(cells: Iterable<{ row: number; col: number }>): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const cols = byRow.get(row);
    if (cols) cols.push(col);
    else byRow.set(row, [col]);
  }
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  for (const row of rows) {
    const cols = [...new Set(byRow.get(row))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const col of cols) {
      const last = runs[runs.length - 1];
      if (last && last[1] === col - 1) last[1] = col;
      else runs.push([col, col]);
    }
    const next = new Map<string, Rect>();
    for (const [left, right] of runs) {
      const key = `${left}:${right}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        next.set(key, prev);
        open.delete(key);
      } else {
        next.set(key, { top: row, left, bottom: row, right });
      }
    }
    done.push(...open.values());
    open = next;
  }
  done.push(...open.values());
  return done.sort((a, b) => a.top - b.top || a.left - b.left);
}
