// Checks a result copy (评分结果): the copy is rebuilt from its record (./record.ts, ./build.ts) and every cell of
// its sheet compared with what was issued — a result copy has no inputs, so any change is named at its cell
// (result-changed: 原为 … 现为 …; formulas as in a unit's sheet). The record must give the fingerprint it records
// (metadata-mismatch otherwise: the record was edited). Protection removed is a warning while nothing changed.
import { cellOf } from '../address';
import type { Catalog } from '../catalog/model';
import { sameFormula } from '../plan/formula';
import { catalogFingerprint } from '../plan/fingerprint';
import type { CellValue, PlanCell } from '../plan/model';
import type { SheetTexts } from '../plan/texts';
import { scoreUnit } from '../scoring';
import type { SheetContents, WorkbookContents } from '../validate/grid';
import {
  statusOf,
  type IssueCode,
  type IssueParams,
  type ValidationIssue,
  type ValidationStatus,
} from '../validate/issues';
import { findMetaSheet } from '../validate/meta';
import { cellText, SheetGrid } from '../validate/sheet';
import type { ValidationTotals } from '../validate/validate';
import { annotateRows, type RowLocation, type RowLocator } from '../validate/where';
import { buildResultCopy } from './build';
import type { ResultCopyPlan, ResultSource } from './model';
import { readResultRecord } from './record';

export interface ResultCopyIdentity {
  unitId: string;
  unitName: string;
  group: Catalog['units'][number]['group'];
  year: number;
  /** The returned sheet the copy shows, and the scoring workbooks its scores came from. */
  returnedFile: string;
  scoring: ResultSource[];
  sheetName: string;
}

export interface ResultCopyReport {
  unit: string | null;
  status: ValidationStatus;
  identity: ResultCopyIdentity | null;
  /** As recorded (and, when the copy is unchanged, as its cells show). */
  totals: ValidationTotals | null;
  issues: ValidationIssue[];
}

export interface ResultValidateOptions {
  /** The sheet texts the copy may have been made with (every language's): the one that gives its fingerprint. */
  texts: readonly SheetTexts[];
  /** Also check the copy's catalog against this one. */
  catalog?: Catalog;
}

function equalValues(expected: CellValue | undefined, actual: CellValue): boolean {
  const e = expected ?? null;
  if (typeof e === 'number') {
    const n = typeof actual === 'number' ? actual : Number(cellText(actual) || NaN);
    return Math.abs(n - e) < 1e-9;
  }
  // A number the copy showed as text ("2") reads back alike from any program.
  return cellText(e) === cellText(actual);
}

function shown(value: CellValue | undefined): string {
  return cellText(value ?? null);
}

/** The rebuilt copy whose fingerprint is the recorded one, else the first (and the record is inconsistent). */
function rebuild(
  read: Extract<ReturnType<typeof readResultRecord>, { ok: true }>,
  texts: readonly SheetTexts[],
): { plan: ResultCopyPlan; consistent: boolean } {
  let first: ResultCopyPlan | undefined;
  for (const t of texts) {
    const plan = buildResultCopy(read.input, { createdAt: read.metadata.createdAt, texts: t });
    if (plan.metadata.fingerprint === read.metadata.fingerprint) return { plan, consistent: true };
    first ??= plan;
  }
  return { plan: first!, consistent: false };
}

function locator(plan: ResultCopyPlan): RowLocator {
  const { layout } = plan.sheet;
  const items = new Map(
    layout.itemRows.map((r, i) => {
      const item = plan.input.unit.items[r.itemIndex]!;
      return [r.row, { seq: i + 1, item: item.item || item.content }] as const;
    }),
  );
  const subtotals = new Map(layout.subtotalRows.map((s) => [s.row, s.block]));
  const labels = new Map<number, RowLocation>([
    [layout.statusRow, { rowLabel: 'status' }],
    [layout.titleRow, { rowLabel: 'title' }],
    [layout.infoRow, { rowLabel: 'info' }],
    [layout.headerRow, { rowLabel: 'header' }],
    [layout.totalRow, { rowLabel: 'total' }],
  ]);
  return (row) => {
    const item = items.get(row);
    if (item) return item;
    const block = subtotals.get(row);
    if (block) return { rowLabel: 'subtotal', block };
    return labels.get(row);
  };
}

/** Every cell of the sheet against the copy as issued. */
function compareCells(cells: readonly PlanCell[], sheet: SheetContents): Omit<ValidationIssue, 'unit'>[] {
  const grid = new SheetGrid(sheet);
  const issues: Omit<ValidationIssue, 'unit'>[] = [];
  const add = (code: IssueCode, cell: string, params: IssueParams) =>
    issues.push({ severity: 'error', code, cell, params });
  const planned = new Set<string>();
  for (const c of cells) {
    planned.add(c.address);
    const found = grid.get(c.row, c.col);
    if (c.formula !== undefined) {
      if (found?.formula === undefined) {
        add('formula-replaced', c.address, { expected: c.formula, actual: shown(found?.value) });
      } else if (!sameFormula(c.formula, found.formula, sheet.name)) {
        add('formula-changed', c.address, { expected: c.formula, actual: found.formula.replace(/^=/, '') });
      }
      continue;
    }
    if (found?.formula !== undefined) {
      add('result-changed', c.address, { expected: shown(c.value), actual: `=${found.formula.replace(/^=/, '')}` });
    } else if (!equalValues(c.value, found?.value ?? null)) {
      add('result-changed', c.address, { expected: shown(c.value), actual: shown(found?.value) });
    }
  }
  for (const c of sheet.cells) {
    if (planned.has(c.address) || (c.value === null && c.formula === undefined)) continue;
    if (c.formula === undefined && cellText(c.value) === '') continue;
    add('result-changed', c.address, {
      expected: '',
      actual: c.formula !== undefined ? `=${c.formula.replace(/^=/, '')}` : shown(c.value),
    });
  }
  // In the sheet's order, row by row.
  const at = (i: { cell: string | null }) => cellOf(i.cell ?? '') ?? { row: 0, col: 0 };
  return issues.sort((a, b) => at(a).row - at(b).row || at(a).col - at(b).col);
}

export function validateResultCopy(contents: WorkbookContents, options: ResultValidateOptions): ResultCopyReport {
  const issues: ValidationIssue[] = [];
  const meta = findMetaSheet(contents);
  const read = meta ? readResultRecord(new SheetGrid(meta).toRows(2_000, 20)) : undefined;
  const done = (identity: ResultCopyIdentity | null, totals: ValidationTotals | null): ResultCopyReport => ({
    unit: identity?.unitName ?? null,
    status: statusOf(issues),
    identity,
    totals,
    issues,
  });
  if (!read || !read.ok) {
    issues.push({
      severity: 'error',
      code: read ? 'metadata-invalid' : 'metadata-missing',
      cell: null,
      unit: null,
      params: read && !read.ok ? { field: read.field } : {},
    });
    return done(null, null);
  }
  const { metadata, input } = read;
  const unitName = metadata.unitName;
  const score = scoreUnit(
    input.unit.items.map((item, i) => ({
      block: item.block,
      weight: item.weight,
      selfScore: input.rows[i]!.selfScore,
      assessedScore: input.rows[i]!.assessedScore,
    })),
  );
  const totals: ValidationTotals = {
    weight: score.total.weight,
    self: score.total.selfScore,
    assessed: score.total.assessedFilled > 0 ? score.total.assessedScore : null,
  };
  const { plan, consistent } = rebuild(read, options.texts);
  const sheet = contents.sheets.find((s) => s !== meta && s.name === plan.sheet.sheetName);
  const identity: ResultCopyIdentity = {
    unitId: metadata.unitId,
    unitName,
    group: metadata.group,
    year: metadata.catalogYear,
    returnedFile: metadata.returnedFile,
    scoring: input.scoring,
    sheetName: plan.sheet.sheetName,
  };
  if (!consistent) {
    issues.push({
      severity: 'error',
      code: 'metadata-mismatch',
      cell: null,
      unit: unitName,
      params: { field: 'fingerprint' },
    });
  }
  if (!sheet) {
    issues.push({
      severity: 'error',
      code: 'template-sheet-missing',
      cell: null,
      unit: unitName,
      params: { sheet: plan.sheet.sheetName },
    });
    return done(identity, totals);
  }
  const changed = compareCells(plan.sheet.cells, sheet).map((i) => ({ ...i, unit: unitName }));
  annotateRows(changed, locator(plan));
  issues.push(...changed);
  if (!sheet.protected) {
    const anyChange = issues.some((i) => i.severity === 'error');
    issues.push({
      severity: anyChange ? 'error' : 'warning',
      code: 'protection-removed',
      cell: null,
      unit: unitName,
      params: {},
    });
  }
  const catalog = options.catalog;
  if (catalog) {
    if (catalog.year !== metadata.catalogYear) {
      issues.push({
        severity: 'error',
        code: 'catalog-year-differs',
        cell: null,
        unit: unitName,
        params: { expected: catalog.year, actual: metadata.catalogYear },
      });
    } else if (catalogFingerprint(catalog) !== metadata.catalogFingerprint) {
      issues.push({ severity: 'warning', code: 'catalog-version-differs', cell: null, unit: unitName, params: {} });
    }
  }
  return done(identity, totals);
}
