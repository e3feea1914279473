// How a score cell's content is read: one rule, used by the validator for files and by the task pane live.
import type { CellValue } from '../plan/model';

/**
 * - `number`: a real number in the cell.
 * - `numeric-text`: text that is exactly a plain number (" 8.5 ", "8"): accepted with a warning, because the value
 *   is unambiguous (a cell formatted as text, or a value typed with a leading apostrophe) but it will not be
 *   counted by the sheet's own SUM formulas until it is re-entered as a number.
 * - `empty`: nothing, or only spaces.
 * - `invalid`: anything else ("8分", full-width "８", "八", TRUE, a formula error); `read` says what was there.
 */
export type ParsedScore =
  | { kind: 'number'; value: number }
  | { kind: 'numeric-text'; value: number; read: string }
  | { kind: 'empty' }
  | { kind: 'invalid'; read: string; reason: 'full-width-digits' | 'text' | 'boolean' | 'not-finite' };

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const FULL_WIDTH = /[０-９．]/;

export function parseScore(value: CellValue | undefined): ParsedScore {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? { kind: 'number', value }
      : { kind: 'invalid', read: String(value), reason: 'not-finite' };
  }
  if (typeof value === 'boolean') return { kind: 'invalid', read: value ? 'TRUE' : 'FALSE', reason: 'boolean' };
  const trimmed = value.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
  if (trimmed === '') return { kind: 'empty' };
  if (PLAIN_NUMBER.test(trimmed)) return { kind: 'numeric-text', value: Number(trimmed), read: value };
  if (FULL_WIDTH.test(trimmed)) return { kind: 'invalid', read: value, reason: 'full-width-digits' };
  return { kind: 'invalid', read: value, reason: 'text' };
}

/** More than two decimals, allowing for binary floating point (8.15 * 100 = 815.0000000000001). */
export function hasMoreThanTwoDecimals(value: number): boolean {
  const scaled = value * 100;
  return Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled));
}
