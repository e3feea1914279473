// Reads the targets document as Word exports it to text: every table cell is a line that starts with a TAB,
// text that wrapped inside a cell continues on lines without a tab, rows are separated by blank lines, and
// titles (section titles, unit names) are lines without a tab. Blank lines also occur inside a row (vertical
// labels, page breaks), so rows are cut by the column count of the table's header row, not by blank lines alone.
import type { TableBlock, TableRow, TargetsDocument } from './document';
import type { Diagnostic } from './model';
import { headerColumn, isCategoryHeader, matchKey, readWeight, type HeaderColumn } from './labels';

export interface ReadTextResult {
  document: TargetsDocument;
  /** What the reader had to guess at the text level (unit is filled in later by the builder). */
  diagnostics: Diagnostic[];
}

type LineKind = 'tab' | 'blank' | 'text';

interface SourceLine {
  no: number;
  kind: LineKind;
  /** tab: the cells on the line (usually one); text: the line itself. */
  pieces: string[];
}

interface OpenCell {
  line: number;
  parts: string[];
  /** A blank line inside the cell before more of its text (a page break in the middle of a cell). */
  gapAt: number | null;
}

interface OpenRow {
  line: number;
  cells: OpenCell[];
  /** Line of a blank-line gap between the content cell and the following cells. */
  splitAt: number | null;
}

const BLANK = /^\s*$/;
/** A header's first cell starts with 指 (指标类别, possibly wrapped or spaced); checked before the costlier match. */
const MAY_START_HEADER = /^[\s\u3000]*指/;

function classify(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A plain split is much cheaper than a regular expression on a whole document.
  const raw = body.includes('\r') ? body.split(/\r\n|\r|\n/) : body.split('\n');
  const lines: SourceLine[] = new Array(raw.length);
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index]!;
    const no = index + 1;
    const tab = line.indexOf('\t');
    if (tab === 0 && line.indexOf('\t', 1) < 0) {
      lines[index] = { no, kind: 'tab', pieces: [line.slice(1)] };
    } else if (tab >= 0) {
      const pieces = line.split('\t');
      // Text before the first TAB is a cell as well (exports that do not indent the first cell).
      lines[index] = { no, kind: 'tab', pieces: BLANK.test(pieces[0]!) ? pieces.slice(1) : pieces };
    } else if (BLANK.test(line)) {
      lines[index] = { no, kind: 'blank', pieces: [] };
    } else {
      lines[index] = { no, kind: 'text', pieces: [line] };
    }
  }
  return lines;
}

/**
 * A header row starts at a tab line whose cell reads 指标类别 — possibly wrapped over several lines
 * ("指标" / "类别") — and is followed by another header cell.
 */
function findHeaderStarts(lines: SourceLine[]): Set<number> {
  const starts = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'tab' || line.pieces.length === 0 || !MAY_START_HEADER.test(line.pieces[0]!)) continue;
    let cell = line.pieces[0]!;
    let j = i + 1;
    if (line.pieces.length === 1) {
      while (j < lines.length && lines[j]!.kind !== 'tab' && matchKey(cell).length < 4) {
        if (lines[j]!.kind === 'text') cell += lines[j]!.pieces[0]!;
        j++;
      }
      while (j < lines.length && lines[j]!.kind !== 'tab') j++;
    }
    if (!isCategoryHeader(cell)) continue;
    const next = line.pieces.length > 1 ? line.pieces[1] : lines[j]?.kind === 'tab' ? lines[j]!.pieces[0] : undefined;
    if (next !== undefined && headerColumn(next) !== null && headerColumn(next) !== 'category') starts.add(i);
  }
  return starts;
}

/**
 * Text lines before a header row are titles (the unit name, the section title above it), except a line glued
 * to the previous table's last cell without a blank line, which continues that cell.
 */
function findTitleLines(lines: SourceLine[], headerStarts: Set<number>): Set<number> {
  const titles = new Set<number>();
  for (const start of headerStarts) {
    const run: number[] = [];
    let j = start - 1;
    while (j >= 0 && lines[j]!.kind !== 'tab') {
      run.unshift(j);
      j--;
    }
    const afterTable = j >= 0;
    let seenBlank = !afterTable;
    for (const k of run) {
      const line = lines[k]!;
      if (line.kind === 'blank') seenBlank = true;
      else if (seenBlank) titles.add(k);
    }
  }
  return titles;
}

/** The next line that is not blank and not another title line starts a header row. */
function headerFollows(lines: SourceLine[], index: number, headerStarts: Set<number>): boolean {
  let j = index + 1;
  while (j < lines.length && lines[j]!.kind !== 'tab') j++;
  return headerStarts.has(j);
}

function cellText(cell: OpenCell): string {
  return cell.parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n');
}

export function readTargetsText(text: string): ReadTextResult {
  const lines = classify(text);
  const headerStarts = findHeaderStarts(lines);
  const titleLines = findTitleLines(lines, headerStarts);
  const blocks: TargetsDocument['blocks'] = [];
  const diagnostics: Diagnostic[] = [];

  let table: TableBlock | null = null;
  let columns: Array<HeaderColumn | null> | null = null; // null until the header row is complete
  let inHeader = false;
  let row: OpenRow | null = null;
  let blanks = 0;

  const report = (severity: Diagnostic['severity'], code: string, line: number, params: Diagnostic['params'] = {}) =>
    diagnostics.push({ severity, code, unit: null, line, params });

  const contentIndex = (): number => (columns ? columns.indexOf('content') : -1);

  const flushRow = (): void => {
    if (!row || !table) return;
    const finished: TableRow = { line: row.line, cells: row.cells.map(cellText) };
    table.rows.push(finished);
    if (inHeader) {
      columns = row.cells.map((c) => headerColumn(cellText(c)));
      inHeader = false;
    } else {
      const gap = row.splitAt ?? row.cells.find((c) => c.gapAt !== null)?.gapAt ?? null;
      if (gap !== null) report('info', 'row-split', gap, { row: row.line });
    }
    row = null;
  };

  const closeTable = (): void => {
    flushRow();
    if (table && table.rows.length > 0) blocks.push(table);
    table = null;
    columns = null;
    inHeader = false;
  };

  const lastCellIsWeight = (r: OpenRow): boolean => {
    const last = r.cells[r.cells.length - 1];
    if (last === undefined) return false;
    const kind = readWeight(cellText(last)).kind;
    return kind === 'number' || kind === 'sum';
  };

  const startCell = (line: number, piece: string, gapBefore: boolean): void => {
    if (!table) {
      // Cells before any header row: a table of unknown shape; the builder says so.
      table = { kind: 'table', rows: [] };
      columns = null;
      inHeader = false;
    }
    if (row && inHeader) {
      // Header cells follow each other line by line; the first row below comes after a blank line. A header
      // that already has its 分值 ends there; one that has not yet ends at the first cell that is no header label.
      const last = row.cells[row.cells.length - 1];
      const hasWeight = row.cells.some((c) => headerColumn(cellText(c)) === 'weight');
      const ends = gapBefore ? hasWeight || headerColumn(piece) === null : !hasWeight && headerColumn(piece) === null;
      if (last !== undefined && ends) flushRow();
    } else if (row) {
      const width = columns ? columns.length : null;
      if (width === null) {
        if (gapBefore) flushRow();
      } else if (row.cells.length >= width) {
        flushRow();
      } else if (gapBefore && row.cells.length >= 2 && lastCellIsWeight(row)) {
        // A row that already ended in a weight but has fewer cells than the header: keep it short rather than
        // shifting every following cell into the wrong column.
        flushRow();
      } else if (gapBefore && row.cells.length > contentIndex() && contentIndex() >= 0 && row.splitAt === null) {
        row.splitAt = line;
      }
    }
    if (!row) row = { line, cells: [], splitAt: null };
    row.cells.push({ line, parts: [piece], gapAt: null });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank') {
      blanks++;
      continue;
    }
    if (line.kind === 'text') {
      const width = columns ? (columns as Array<HeaderColumn | null>).length : null;
      const rowComplete = row !== null && width !== null && !inHeader && (row as OpenRow).cells.length >= width;
      // After a complete row, a line is a title when a blank line separates it or when a header row follows it.
      const isTitle =
        titleLines.has(i) ||
        table === null ||
        row === null ||
        (rowComplete && (blanks > 0 || headerFollows(lines, i, headerStarts)));
      if (isTitle) {
        closeTable();
        blocks.push({ kind: 'title', text: line.pieces[0]!.trim(), line: line.no });
      } else {
        const open = row as OpenRow;
        const cell = open.cells[open.cells.length - 1]!;
        const inContent = contentIndex() >= 0 && open.cells.length - 1 >= contentIndex();
        if (blanks > 0 && inContent && !inHeader && cell.gapAt === null && cellText(cell) !== '') cell.gapAt = line.no;
        cell.parts.push(line.pieces[0]!);
      }
      blanks = 0;
      continue;
    }
    if (headerStarts.has(i)) {
      closeTable();
      table = { kind: 'table', rows: [] };
      inHeader = true;
      row = { line: line.no, cells: [], splitAt: null };
    }
    line.pieces.forEach((piece, k) => startCell(line.no, piece, k === 0 && blanks > 0));
    blanks = 0;
  }
  closeTable();
  return { document: { blocks }, diagnostics };
}
