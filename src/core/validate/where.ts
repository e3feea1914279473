// Where an issue is, in the words of the sheet: each issue at a cell of the table gets the params that name its row —
// `seq` and `item` (序号 and 考核项目, or the 考核内容's start for an item without a name) on an item row, `rowLabel`
// (and a subtotal's block) elsewhere — so that every line of a report can say which target it is about.
import { cellOf } from '../address';
import type { Block } from '../catalog/model';
import type { IssueCode, RowLabel, ValidationIssue } from './issues';

export type RowLocation =
  { seq: number | string; item: string } | { rowLabel: RowLabel; block?: Block; blockName?: string };

/** The location of a row of the returned sheet, or undefined where it is none of the sheet's rows. */
export type RowLocator = (row: number) => RowLocation | undefined;

/** Codes whose message names its row itself, or speaks of the whole sheet. */
const PLACED_BY_MESSAGE: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'row-moved',
  'row-deleted',
  'row-inserted',
  'rows-inserted',
  'sheet-not-filled',
]);

/** How much of a 考核项目 (or 考核内容) a line quotes. */
const MAX_ITEM_CHARS = 16;

function shorten(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > MAX_ITEM_CHARS ? `${chars.slice(0, MAX_ITEM_CHARS).join('')}…` : chars.join('');
}

/** Adds the row's location to every issue at a cell whose message does not place it itself (in place). */
export function annotateRows(issues: ValidationIssue[], locate: RowLocator): void {
  for (const issue of issues) {
    if (!issue.cell || PLACED_BY_MESSAGE.has(issue.code)) continue;
    const cell = cellOf(issue.cell);
    const where = cell ? locate(cell.row) : undefined;
    if (!where) continue;
    if ('seq' in where) issue.params = { ...issue.params, seq: where.seq, item: shorten(where.item) };
    else {
      const extra: Record<string, string> = { rowLabel: where.rowLabel };
      if (where.block) extra.block = where.block;
      if (where.blockName) extra.blockName = where.blockName;
      issue.params = { ...issue.params, ...extra };
    }
  }
}
