// How a unit's sheet looks: column widths, the named cell styles the plan's cells refer to, and row heights that
// let wrapped target texts show whole. Data only: both renderers apply them as given.
import type { Item } from '../catalog/model';
import type { CellStyle, ColumnKey } from './model';

export const COLUMN_WIDTHS: Record<ColumnKey, number> = {
  seq: 6,
  category: 10,
  item: 14,
  content: 52,
  weight: 7,
  completion: 30,
  selfScore: 9,
  deductionReason: 22,
  assessedScore: 9,
  evidence: 18,
};

/** Heights of the rows that hold no target text. */
export const ROW_HEIGHTS = {
  title: 32,
  info: 20,
  status: 20,
  header: 24,
  subtotal: 20,
  total: 22,
  // The signature block: room for a signature and, on the unit's row, the seal.
  signatureFirst: 40,
  signature: 28,
  notesTitle: 30,
} as const;

/** The 填报说明 sheet's one column, in characters. */
export const NOTES_WIDTH = 100;

const FONT = '宋体';

/** 小计 and 合计 rows: their labels; their sums are the same with a number format. */
const SUM_LABEL: CellStyle = {
  font: { name: FONT, size: 10, bold: true },
  fill: 'F2F2F2',
  border: 'thin',
  alignment: { horizontal: 'center', vertical: 'middle' },
};
const TOTAL_LABEL: CellStyle = {
  font: { name: FONT, size: 11, bold: true },
  fill: 'E2EFDA',
  border: 'thin',
  alignment: { horizontal: 'center', vertical: 'middle' },
};

export const STYLES: Record<string, CellStyle> = {
  title: { font: { name: FONT, bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  info: { font: { name: FONT, size: 11 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  status: {
    font: { name: FONT, size: 11, bold: true, color: '1F4E79' },
    alignment: { horizontal: 'left', vertical: 'middle' },
  },
  header: {
    font: { name: FONT, bold: true, size: 11 },
    fill: 'D9E1F2',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  seq: { font: { name: FONT, size: 10 }, border: 'thin', alignment: { horizontal: 'center', vertical: 'middle' } },
  label: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    numberFormat: '@',
  },
  text: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
    numberFormat: '@',
  },
  weight: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  input: {
    font: { name: FONT, size: 10 },
    fill: 'FFFBEA',
    border: 'thin',
    alignment: { horizontal: 'left', vertical: 'top', wrapText: true },
  },
  score: {
    font: { name: FONT, size: 10 },
    fill: 'FFFBEA',
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  // 考核得分 in a unit's template (v2): the assessors' column, locked, so without the inputs' fill.
  assessed: {
    font: { name: FONT, size: 10 },
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle' },
    numberFormat: 'General',
  },
  sumLabel: SUM_LABEL,
  sum: { ...SUM_LABEL, numberFormat: 'General' },
  totalLabel: TOTAL_LABEL,
  total: { ...TOTAL_LABEL, numberFormat: 'General' },
  signLabel: {
    font: { name: FONT, size: 10, bold: true },
    border: 'thin',
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  signInput: {
    font: { name: FONT, size: 10 },
    fill: 'FFFBEA',
    border: 'thin',
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
    numberFormat: '@',
  },
  signDate: {
    font: { name: FONT, size: 10 },
    fill: 'FFFBEA',
    border: 'thin',
    alignment: { horizontal: 'left', vertical: 'middle' },
    numberFormat: 'yyyy-mm-dd',
  },
  notesTitle: { font: { name: FONT, size: 14, bold: true }, alignment: { horizontal: 'left', vertical: 'middle' } },
  notesText: { font: { name: FONT, size: 11 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  // Conditional formats (font colour and fill only).
  problem: { font: { color: '9C0006' }, fill: 'FFC7CE' },
  missing: { font: { color: '9C5700' }, fill: 'FFEB9C' },
};

/** Display width of text in Excel column units: CJK and full-width characters count two. */
function displayWidth(text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wide =
      (c >= 0x1100 && c <= 0x11ff) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1.1;
  }
  return w;
}

function linesNeeded(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** A row of the 填报说明 sheet tall enough for its wrapped line (11-point text), in points. */
export function notesRowHeight(text: string): number {
  return Math.round((linesNeeded(text, NOTES_WIDTH) * 15 + 6) * 4) / 4;
}

/** A row tall enough for each text wrapped in its column width (two lines at least), in points. */
export function wrappedRowHeight(cells: readonly { text: string; width: number }[]): number {
  const lines = Math.max(2, ...cells.map((c) => linesNeeded(c.text, c.width)));
  return Math.round((lines * 13.5 + 6) * 4) / 4;
}

/** An item row tall enough for its wrapped 指标类别, 考核项目 and 考核内容 (two lines at least), in points. */
export function itemRowHeight(item: Pick<Item, 'category' | 'item' | 'content'>): number {
  return wrappedRowHeight([
    { text: item.category, width: COLUMN_WIDTHS.category },
    { text: item.item, width: COLUMN_WIDTHS.item },
    { text: item.content, width: COLUMN_WIDTHS.content },
  ]);
}
