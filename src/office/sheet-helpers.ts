// What every sheet the Office adapter writes shares, whatever it holds (a unit's template, the summary, the
// 考核目标 master sheet): the one sheet-name picker, the one guard for text Excel would coerce, the one translation
// of a core CellStyle, and how panes are frozen and columns sized. Queued calls only: the caller syncs.
import { BORDER_COLOR, type CellStyle, type CellValue } from '../core/plan/model';
import { columnLetter, rangeAddress, type Rect } from '../core/address';
import { OfficeAdapterError } from './excel-api';

const INVALID_NAME = /[[\]:*?/\\]/;
const MAX_NAME = 31;

/**
 * A sheet name not in `taken` (names in any letter case, compared case-insensitively as Excel does): the name,
 * else "name (2)", "name (3)", … within 31 characters. A name Excel refuses (empty, one of []:*?/\, a leading
 * or trailing apostrophe, "History") is an error: names come from the plan, the core or the locale files and
 * are never silently changed. The one picker of the adapter (sheets, meta sheets, summary sheets, 考核目标).
 */
export function freeSheetName(wanted: string, taken: Iterable<string>): string {
  const name = wanted.trim();
  if (
    name === '' ||
    INVALID_NAME.test(name) ||
    name.startsWith("'") ||
    name.endsWith("'") ||
    name.toLowerCase() === 'history'
  ) {
    throw new OfficeAdapterError('sheet-name-invalid', { name: wanted });
  }
  const lower = new Set<string>();
  for (const n of taken) lower.add(n.toLowerCase());
  const base = name.slice(0, MAX_NAME);
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, MAX_NAME - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * Text that Excel might turn into something else when written (a formula, a number, a date or time, a
 * currency, a boolean, an error) gets the text prefix "'", which Excel keeps out of the cell's value. The test
 * is deliberately broad (anything starting with a digit, a sign or a currency symbol, full-width ones too):
 * a needless prefix is invisible in the cell, a missing one changes the content.
 */
export function excelInput(value: CellValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return value;
  const t = value.trim();
  const coerced = /^[=+\-@'(#$¥€£.,0-9\uFF10-\uFF19\uFF0B\uFF0D\uFF1D\uFFE5]/.test(t) || /^(true|false)$/i.test(t);
  return coerced ? `'${value}` : value;
}

/** Excel column width in points from the plan's width in characters (7 px per character + 5 px padding). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;
const THIN_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

/**
 * Queues a core CellStyle on a range covering `rect`: font (bold, size, color, name), fill, alignment, wrap,
 * thin borders in the plan's BORDER_COLOR (the inside edges only where the rectangle has more than one row/column;
 * without a colour Excel draws them black, the files grey). The adapter's one
 * style translation (sheet plans, the summary).
 */
export function applyStyle(range: Excel.Range, style: CellStyle, rect: Rect): void {
  const format = range.format;
  if (style.font) {
    if (style.font.bold !== undefined) format.font.bold = style.font.bold;
    if (style.font.size !== undefined) format.font.size = style.font.size;
    if (style.font.color !== undefined) format.font.color = `#${style.font.color}`;
    if (style.font.name !== undefined) format.font.name = style.font.name;
  }
  if (style.fill) format.fill.color = `#${style.fill}`;
  if (style.alignment) {
    if (style.alignment.horizontal) format.horizontalAlignment = H_ALIGN[style.alignment.horizontal];
    if (style.alignment.vertical) format.verticalAlignment = V_ALIGN[style.alignment.vertical];
    if (style.alignment.wrapText !== undefined) format.wrapText = style.alignment.wrapText;
  }
  if (style.border === 'thin') {
    const edges: ((typeof THIN_EDGES)[number] | 'InsideHorizontal' | 'InsideVertical')[] = [...THIN_EDGES];
    if (rect.bottom > rect.top) edges.push('InsideHorizontal');
    if (rect.right > rect.left) edges.push('InsideVertical');
    for (const edge of edges) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.weight = 'Thin';
      border.color = `#${BORDER_COLOR}`;
    }
  }
}

/**
 * Freezes the top `rows` rows and left `cols` columns (nothing when both are 0): freezeAt for both, else
 * freezeRows or freezeColumns (ExcelApi 1.7). Every sheet the adapter writes freezes its panes through here.
 */
export function applyFreeze(sheet: Excel.Worksheet, freeze: { rows: number; cols: number }): void {
  const { rows, cols } = freeze;
  if (rows > 0 && cols > 0) sheet.freezePanes.freezeAt(rangeAddress({ top: 1, left: 1, bottom: rows, right: cols }));
  else if (rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (cols > 0) sheet.freezePanes.freezeColumns(cols);
}

/**
 * Column i + 1 gets `widths[i]` (characters, as the core and the file writers give them), in points by
 * columnWidthPoints. Every sheet the adapter writes sets its column widths through here.
 */
export function setColumnWidths(sheet: Excel.Worksheet, widths: readonly number[]): void {
  widths.forEach((width, i) => {
    const letter = columnLetter(i + 1);
    sheet.getRange(`${letter}:${letter}`).format.columnWidth = columnWidthPoints(width);
  });
}
