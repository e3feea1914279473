// Locked content: the returned sheet's cells against the plan rebuilt from the template's recorded items.
// Rows are matched by their text (not by position), so an inserted, deleted or moved row is named as such and
// a changed weight or text is named at its exact cell, even when rows around it moved.
import { sameFormula } from '../plan/formula';
import { COLUMNS, type CellValue, type ColumnKey, type PlanCell, type SheetPlan } from '../plan/model';
import { cellAddress } from './grid';
import type { ValidationIssue } from './issues';
import { cellText, type HeaderMatch, type SheetGrid } from './sheet';

export interface RowPair {
  planRow: number;
  actualRow: number;
}

export interface StructureResult {
  issues: ValidationIssue[];
  /** Plan row → actual row, for every plan row still present. */
  rowMap: Map<number, number>;
  /** Column of each key in the returned sheet. */
  columns: Record<ColumnKey, number>;
  /** Rows and columns are exactly where the plan put them. */
  intact: boolean;
}

type Issue = Omit<ValidationIssue, 'unit'>;

const KEY_COLUMNS: ColumnKey[] = ['seq', 'category', 'item', 'content'];
/** Rows beyond the template's that are matched one by one; more are reported together. */
export const MAX_EXTRA_ROWS = 200;
const INPUT_KEYS = new Set<ColumnKey>(COLUMNS.filter((c) => c.input).map((c) => c.key));

function isPlainNumberText(s: string): boolean {
  return /^[0-9]+(\.[0-9]+)?$/.test(s);
}

/** What identifies a row regardless of its position: its locked texts, without 序号 numbers and 分值. */
function rowKey(get: (key: ColumnKey) => CellValue): string {
  return KEY_COLUMNS.map((k) => {
    const t = cellText(get(k));
    return k === 'seq' && isPlainNumberText(t) ? '' : t;
  }).join('\u0001');
}

function lcs(a: string[], b: string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const dp: Uint16Array[] = [];
  for (let i = 0; i <= n; i++) dp.push(new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

function display(value: CellValue | undefined): string {
  return cellText(value ?? null);
}

function valuesEqual(expected: CellValue | undefined, actual: CellValue | undefined): boolean {
  const e = expected ?? null;
  const a = actual ?? null;
  if (typeof e === 'number') {
    const n = typeof a === 'number' ? a : typeof a === 'string' && a.trim() !== '' ? Number(a.trim()) : NaN;
    return Math.abs(n - e) < 1e-9;
  }
  return cellText(e) === cellText(a);
}

/** `totalLabels`: the first text of the 合计 row in each language a template may have been made in. */
export function compareStructure(
  plan: SheetPlan,
  grid: SheetGrid,
  header: HeaderMatch,
  totalLabels: readonly string[],
): StructureResult {
  const totals = new Set(totalLabels.map((l) => l.replace(/\s+/g, '')));
  const issues: Issue[] = [];
  const layout = plan.layout;
  const planCells = new Map<number, Map<number, PlanCell>>();
  for (const c of plan.cells) {
    let row = planCells.get(c.row);
    if (!row) planCells.set(c.row, (row = new Map()));
    row.set(c.col, c);
  }
  const columns = { ...layout.columns };
  for (const col of COLUMNS) {
    const found = header.columns[col.key];
    if (found !== undefined) columns[col.key] = found;
  }
  const planColToKey = new Map<number, ColumnKey>();
  for (const col of COLUMNS) planColToKey.set(layout.columns[col.key], col.key);
  const actualCol = (planCol: number): number => {
    const key = planColToKey.get(planCol);
    return key ? columns[key] : planCol;
  };
  const itemPlanRows = new Set(layout.itemRows.map((r) => r.row));
  const planValue = (row: number, key: ColumnKey): CellValue =>
    planCells.get(row)?.get(layout.columns[key])?.value ?? null;

  // The table's rows: after the header, down to the 合计 row.
  const planRows: number[] = [];
  for (let r = layout.headerRow + 1; r <= layout.totalRow; r++) planRows.push(r);
  let actualEnd = grid.maxRow;
  for (let r = header.row + 1; r <= grid.maxRow; r++) {
    const first = grid.row(r).find((c) => typeof c.value === 'string' && c.value.trim() !== '');
    if (first && totals.has(cellText(first.value).replace(/\s+/g, ''))) {
      actualEnd = r;
      break;
    }
  }
  // Row matching is quadratic: a sheet with far more rows than its template is cut off (the rest is reported as
  // inserted in one issue), so a crafted file cannot make it slow.
  const maxRows = planRows.length + MAX_EXTRA_ROWS;
  const lastMatched = Math.min(actualEnd, header.row + maxRows);
  const actualRows: number[] = [];
  for (let r = header.row + 1; r <= lastMatched; r++) actualRows.push(r);

  const planKeys = planRows.map((r) => rowKey((k) => planValue(r, k)));
  const actualKeys = actualRows.map((r) => rowKey((k) => grid.value(r, columns[k])));
  const anchors = lcs(planKeys, actualKeys);

  const pairs: RowPair[] = [];
  const moved: Array<{ planIndex: number; actualIndex: number }> = [];
  const inserted: number[] = [];
  const deleted: number[] = [];
  let pi = 0;
  let ai = 0;
  const gapsPlan: number[][] = [];
  const gapsActual: number[][] = [];
  for (const [p, a] of [...anchors, [planRows.length, actualRows.length] as [number, number]]) {
    const gp: number[] = [];
    const ga: number[] = [];
    for (; pi < p; pi++) gp.push(pi);
    for (; ai < a; ai++) ga.push(ai);
    gapsPlan.push(gp);
    gapsActual.push(ga);
    if (p < planRows.length) pairs.push({ planRow: planRows[p]!, actualRow: actualRows[a]! });
    pi = p + 1;
    ai = a + 1;
  }
  // A row whose text is found elsewhere was moved; what is left in a gap was changed in place (paired in order)
  // or inserted / deleted.
  const leftPlan = new Set(gapsPlan.flat());
  const leftActual = new Set(gapsActual.flat());
  for (const a of [...leftActual]) {
    const key = actualKeys[a]!;
    if (key.replace(/\u0001/g, '') === '') continue;
    const p = [...leftPlan].find((i) => planKeys[i] === key);
    if (p === undefined) continue;
    leftPlan.delete(p);
    leftActual.delete(a);
    moved.push({ planIndex: p, actualIndex: a });
  }
  for (let g = 0; g < gapsPlan.length; g++) {
    const gp = gapsPlan[g]!.filter((i) => leftPlan.has(i));
    const ga = gapsActual[g]!.filter((i) => leftActual.has(i));
    const n = Math.min(gp.length, ga.length);
    for (let k = 0; k < n; k++) pairs.push({ planRow: planRows[gp[k]!]!, actualRow: actualRows[ga[k]!]! });
    for (let k = n; k < ga.length; k++) inserted.push(actualRows[ga[k]!]!);
    for (let k = n; k < gp.length; k++) deleted.push(planRows[gp[k]!]!);
  }
  for (const m of moved) pairs.push({ planRow: planRows[m.planIndex]!, actualRow: actualRows[m.actualIndex]! });

  const seqOf = (planRow: number): string => display(planValue(planRow, 'seq'));
  const itemOf = (planRow: number): string =>
    display(planValue(planRow, 'item')) || display(planValue(planRow, 'content'));
  if (header.row !== layout.headerRow) {
    const more = header.row > layout.headerRow;
    issues.push({
      severity: 'error',
      code: more ? 'row-inserted' : 'row-deleted',
      cell: cellAddress(more ? layout.headerRow : header.row, 1),
      params: more ? { row: layout.headerRow, text: '' } : { row: layout.headerRow - 1, seq: '', item: '' },
    });
  }
  if (lastMatched < actualEnd) {
    issues.push({
      severity: 'error',
      code: 'rows-inserted',
      cell: cellAddress(lastMatched + 1, 1),
      params: { row: lastMatched + 1, count: actualEnd - lastMatched },
    });
  }
  for (const r of inserted) {
    const text = grid
      .row(r)
      .map((c) => cellText(c.value))
      .filter(Boolean)
      .join(' ')
      .slice(0, 40);
    issues.push({ severity: 'error', code: 'row-inserted', cell: cellAddress(r, 1), params: { row: r, text } });
  }
  for (const r of deleted) {
    issues.push({
      severity: 'error',
      code: 'row-deleted',
      cell: null,
      params: { row: r, seq: seqOf(r), item: itemOf(r) },
    });
  }
  for (const m of moved) {
    const from = planRows[m.planIndex]!;
    const to = actualRows[m.actualIndex]!;
    // Matched out of order but back in its own row (the other row of a swap): not a move by itself.
    if (from === to) continue;
    issues.push({
      severity: 'error',
      code: 'row-moved',
      cell: cellAddress(to, 1),
      params: { seq: seqOf(from), item: itemOf(from), from, to },
    });
  }

  const sameColumns = COLUMNS.every((c) => columns[c.key] === layout.columns[c.key]);
  const intact =
    lastMatched === actualEnd &&
    inserted.length === 0 &&
    deleted.length === 0 &&
    moved.length === 0 &&
    header.row === layout.headerRow &&
    sameColumns &&
    pairs.every((p) => p.planRow === p.actualRow);

  const rowMap = new Map<number, number>();
  for (const p of pairs) rowMap.set(p.planRow, p.actualRow);
  // Rows above the table (title, unit, status, header) are compared in place whenever the header is where the
  // plan put it — so a sheet carrying another unit's record is caught at its title even if its rows differ.
  if (header.row === layout.headerRow) for (let r = 1; r <= layout.headerRow; r++) rowMap.set(r, r);
  else rowMap.set(layout.headerRow, header.row);

  for (const [planRow, actualRow] of [...rowMap].sort((a, b) => a[0] - b[0])) {
    compareRow(planRow, actualRow);
  }

  function compareRow(planRow: number, actualRow: number): void {
    const cells = planCells.get(planRow);
    const seen = new Set<number>();
    for (const pc of cells?.values() ?? []) {
      if (!pc.locked) continue;
      const col = actualCol(pc.col);
      seen.add(col);
      const actual = grid.get(actualRow, col);
      const address = cellAddress(actualRow, col);
      const key = planColToKey.get(pc.col);
      if (pc.formula !== undefined) {
        if (actual?.formula === undefined) {
          issues.push({
            severity: 'error',
            code: 'formula-replaced',
            cell: address,
            params: { expected: pc.formula, actual: display(actual?.value) },
          });
        } else if (intact && !sameFormula(pc.formula, actual.formula, plan.sheetName)) {
          issues.push({
            severity: 'error',
            code: 'formula-changed',
            cell: address,
            params: { expected: pc.formula, actual: actual.formula.replace(/^=/, '') },
          });
        }
        continue;
      }
      if (actual?.formula !== undefined || !valuesEqual(pc.value, actual?.value)) {
        const expected = display(pc.value);
        const found = actual?.formula !== undefined ? `=${actual.formula.replace(/^=/, '')}` : display(actual?.value);
        if (key === 'assessedScore' && itemPlanRows.has(planRow)) {
          // The assessors' column, locked in the unit's template (v2): whatever is in it was not issued.
          issues.push({
            severity: 'error',
            code: 'assessed-score-changed',
            cell: address,
            params: { expected, actual: found },
          });
        } else if (key === 'weight' && planRow !== layout.headerRow && typeof pc.value === 'number') {
          issues.push({
            severity: 'error',
            code: 'weight-changed',
            cell: address,
            params: { expected, actual: found },
          });
        } else if (
          key &&
          key !== 'seq' &&
          planRow !== layout.headerRow &&
          pc.value !== undefined &&
          pc.value !== null &&
          found !== ''
        ) {
          const header = COLUMNS.find((c) => c.key === key)!.header;
          issues.push({
            severity: 'error',
            code: 'text-changed',
            cell: address,
            params: { column: header, expected, actual: found },
          });
        } else {
          issues.push({
            severity: 'error',
            code: 'locked-cell-changed',
            cell: address,
            params: { expected, actual: found },
          });
        }
      }
    }
    // Something typed into a locked cell that the plan left empty (inside the table's columns).
    for (const c of grid.row(actualRow)) {
      if (seen.has(c.col) || c.col > COLUMNS.length) continue;
      const key = [...planColToKey.entries()].find(([, k]) => columns[k] === c.col)?.[1];
      if (key && INPUT_KEYS.has(key)) continue;
      if (planCells.get(planRow)?.get(c.col) && !planCells.get(planRow)!.get(c.col)!.locked) continue;
      if (c.value === null && c.formula === undefined) continue;
      issues.push({
        severity: 'error',
        code: 'locked-cell-changed',
        cell: c.address,
        params: {
          expected: '',
          actual: c.formula !== undefined ? `=${c.formula.replace(/^=/, '')}` : display(c.value),
        },
      });
    }
  }

  return { issues: issues.map((i) => ({ ...i, unit: null })), rowMap, columns, intact };
}
