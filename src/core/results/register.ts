// The register (加减分台账) read from a sheet's cells: any sheet with the header row 单位 | 类型 | 分值 | 事由
// (文号 and 日期 too when present; the header may sit under a title, columns in any order, other columns ignored).
// Every row below the header that holds anything is either an entry or left out with every reason it was refused,
// each naming its cell — never guessed:
//  - 单位 empty, unknown (matched with the catalog's unit names exactly, after trimming) or naming two units;
//  - 类型 empty or not one of 加分 / 扣分 / 一票否决;
//  - 分值 missing for 加分 / 扣分, given for 一票否决 (even 0: a veto has no points, and a value there may mean the
//    row was meant as 扣分), text (a number stored as text too: re-entered as a number it would count), negative,
//    or with more than two decimals;
//  - 事由 empty (an entry must say why);
//  - 日期 a number that is no date, or TRUE/FALSE.
// A unit may have any number of entries.
import { cellAddress, type SheetContents } from '../validate/grid';
import { hasMoreThanTwoDecimals, parseScore } from '../validate/score';
import { cellText, SheetGrid } from '../validate/sheet';
import type { CellValue } from '../plan/model';
import type { EntryKind, RegisterEntry, ResultIssue, ResultIssueCode, ResultUnit } from './model';
import { findTableHeader, unitMatcher } from './table';

export const REGISTER_HEADERS = {
  unit: '单位',
  kind: '类型',
  points: '分值',
  reason: '事由',
  document: '文号',
  date: '日期',
} as const;
export type RegisterColumn = keyof typeof REGISTER_HEADERS;
export const REGISTER_COLUMNS: readonly RegisterColumn[] = ['unit', 'kind', 'points', 'reason', 'document', 'date'];
const REQUIRED: readonly RegisterColumn[] = ['unit', 'kind', 'points', 'reason'];

/** The 类型 texts (a file contract). */
export const ENTRY_KIND_LABELS: Readonly<Record<EntryKind, string>> = {
  bonus: '加分',
  deduction: '扣分',
  veto: '一票否决',
};

export interface RegisterRead {
  entries: RegisterEntry[];
  /** Every refused row's reasons, in row order; a file-level problem (no header) has no cell. */
  issues: ResultIssue[];
}

/** Excel's serial day number → yyyy-mm-dd (the 1900 date system; 60 is Excel's 1900-02-29). */
export function serialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const day = Math.floor(serial);
  if (day === 60) return '1900-02-29';
  const epoch = Date.UTC(1899, 11, day < 60 ? 31 : 30);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

function dateText(value: CellValue): string | null {
  if (value === null) return '';
  if (typeof value === 'number') return serialDate(value);
  if (typeof value === 'boolean') return null;
  return value.trim();
}

export function readRegister(sheet: SheetContents, units: readonly ResultUnit[]): RegisterRead {
  const grid = new SheetGrid(sheet);
  const header = findTableHeader(grid, REGISTER_HEADERS, REQUIRED);
  if (!header) {
    const headers = REGISTER_COLUMNS.map((c) => REGISTER_HEADERS[c]).join(' | ');
    return { entries: [], issues: [{ code: 'register-header-missing', field: null, cell: null, params: { headers } }] };
  }
  const match = unitMatcher(units);
  const kinds = new Map(Object.entries(ENTRY_KIND_LABELS).map(([kind, label]) => [label, kind as EntryKind]));
  const entries: RegisterEntry[] = [];
  const issues: ResultIssue[] = [];
  const columns = header.columns;

  for (let r = header.row + 1; r <= grid.maxRow; r++) {
    const value = (c: RegisterColumn): CellValue => {
      const col = columns[c];
      return col === undefined ? null : grid.value(r, col);
    };
    if (REGISTER_COLUMNS.every((c) => cellText(value(c)) === '')) continue;
    const rowIssues: ResultIssue[] = [];
    const refuse = (c: RegisterColumn, code: ResultIssueCode, params: Record<string, string | number> = {}): void => {
      rowIssues.push({ code, field: null, cell: cellAddress(r, columns[c]!), params });
    };

    const unitText = cellText(value('unit'));
    let unitId: string | null = null;
    if (unitText === '') refuse('unit', 'register-unit-missing');
    else {
      const found = match(unitText);
      if (found.kind === 'unit') unitId = found.unit.id;
      else
        refuse('unit', found.kind === 'unknown' ? 'register-unit-unknown' : 'register-unit-ambiguous', {
          unit: unitText,
        });
    }

    const kindText = cellText(value('kind'));
    const kind = kinds.get(kindText) ?? null;
    if (kindText === '') refuse('kind', 'register-type-missing');
    else if (kind === null) refuse('kind', 'register-type-unknown', { read: kindText });

    const parsed = parseScore(value('points'));
    let points: number | null = null;
    if (kind === 'veto') {
      if (parsed.kind !== 'empty') refuse('points', 'register-points-for-veto', { read: cellText(value('points')) });
    } else if (parsed.kind === 'empty') {
      if (kind !== null) refuse('points', 'register-points-missing');
    } else if (parsed.kind === 'invalid') refuse('points', 'register-points-not-a-number', { read: parsed.read });
    else if (parsed.kind === 'numeric-text') refuse('points', 'register-points-numeric-text', { read: parsed.read });
    else if (parsed.value < 0) refuse('points', 'register-points-negative', { value: parsed.value });
    else if (hasMoreThanTwoDecimals(parsed.value))
      refuse('points', 'register-points-too-many-decimals', { value: parsed.value });
    else points = parsed.value;

    const reason = cellText(value('reason'));
    if (reason === '') refuse('reason', 'register-reason-missing');

    const date = dateText(value('date'));
    if (date === null) refuse('date', 'register-date-invalid', { read: cellText(value('date')) });

    if (rowIssues.length > 0 || unitId === null || kind === null) {
      issues.push(...rowIssues);
      continue;
    }
    entries.push({ row: r, unitId, kind, points, reason, document: cellText(value('document')), date: date ?? '' });
  }
  return { entries, issues };
}
