// The item table's columns by key: 1-based numbers and letters, from COLUMNS' order (./model).
import { columnLetter } from '../address';
import { COLUMNS, type ColumnKey } from './model';

export const COLUMN_NUMBER = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i + 1])) as Record<ColumnKey, number>;
export const COLUMN_LETTER = Object.fromEntries(COLUMNS.map((c, i) => [c.key, columnLetter(i + 1)])) as Record<
  ColumnKey,
  string
>;
export const LAST_COLUMN_LETTER = columnLetter(COLUMNS.length);
