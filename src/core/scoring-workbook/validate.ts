// The scoring workbook's validator: cell contents in (from src/xlsx/read.ts or the Office adapter), a report out,
// with the unit sheet validator's codes and rules wherever they mean the same thing (../validate).
//
//  1. identity: the record (./record.ts): scorer, catalog, every row and what it showed;
//  2. integrity: the plan is rebuilt from the record (buildScoringWorkbook) and each sheet compared with it —
//     rows matched by their locked texts, so an inserted or deleted row is named as such and a changed 分值, text
//     or formula at its cell; each sheet's fingerprint is recomputed from its cells; removed protection is a
//     warning while nothing locked changed, an error otherwise;
//  3. inputs: 考核得分 from 0 to 分值 with at most two decimals, a number (not text); 考核扣分说明 when the score is
//     below full marks; the sheet's own 小计 and 合计 against the recomputed sums. A row not scored yet is no error
//     (a scorer may return a workbook in parts): one warning counts them.
// With `partial` (the live panel reads the sheet in front of the scorer and the record), sheets that are not in the
// contents are not reported missing.
import type { Catalog } from '../catalog/model';
import { catalogFingerprint } from '../plan/fingerprint';
import { sameFormula } from '../plan/formula';
import type { CellValue, PlanCell } from '../plan/model';
import { fromHundredths, toHundredths } from '../scoring';
import { cellAddress, type SheetContents, type WorkbookContents } from '../validate/grid';
import { checkScore } from '../validate/inputs';
import {
  statusOf,
  type IssueCode,
  type IssueParams,
  type IssueSeverity,
  type ValidationIssue,
  type ValidationStatus,
} from '../validate/issues';
import { findMetaSheet } from '../validate/meta';
import { cellText, SheetGrid } from '../validate/sheet';
import { buildScoringWorkbook, isInputCell, SCORING_INPUT_COLUMNS } from './build';
import { sheetFingerprint } from './fingerprint';
import {
  SCORING_COLUMNS,
  SCORING_VERSION,
  type ScoringColumnKey,
  type ScoringMetadata,
  type ScoringSheetPlan,
  type ScoringWorkbookPlan,
} from './model';
import { MAX_META_ROWS, readRecord, type RecordRead } from './record';
import type { ScoringTexts } from './texts';
import type { Scorer } from '../catalog/scorers';

export interface ScoringValidateOptions {
  /** The texts scoring workbooks may have been made with (src/i18n/scoring-texts.ts); the first that fits is used. */
  texts: ScoringTexts | readonly ScoringTexts[];
  /** Also check the workbook against this catalog (its year and version). */
  catalog?: Catalog;
  /** Only the sheets the contents hold are checked (the live panel reads one sheet and the record). */
  partial?: boolean;
}

export interface ScoringIdentity {
  scorer: Scorer;
  /** As the sheets show it. */
  scorerName: string;
  year: number;
  catalogSource: string;
  catalogFingerprint: string;
  createdAt: string;
  /** The workbook's sheets as the record names them, in order. */
  sheets: string[];
}

/** One (unit, item) pair as the scorer left it. */
export interface ScoringEntry {
  unitId: string;
  unitName: string;
  itemIndex: number;
  /** Where the score is (the sheet's name in the workbook read). */
  sheet: string;
  cell: string;
  weight: number;
  /** A number the sheet's sums count, or null (blank, text, or the row missing). */
  assessedScore: number | null;
  assessedReason: string;
}

export interface ScoringUnitTotals {
  unitId: string;
  unitName: string;
  items: number;
  scored: number;
  weight: number;
  self: number;
  /** null while none of the unit's rows is scored. */
  assessed: number | null;
}

export interface ScoringTotals {
  items: number;
  scored: number;
  weight: number;
  self: number;
  assessed: number | null;
}

export interface ScoringReport {
  kind: 'scoring';
  status: ValidationStatus;
  identity: ScoringIdentity | null;
  totals: ScoringTotals | null;
  /** Per unit (catalog order), over the sheets checked. */
  units: ScoringUnitTotals[];
  /** Every pair of the sheets checked, in sheet order; null when the workbook could not be read. */
  entries: ScoringEntry[] | null;
  issues: ValidationIssue[];
}

/** A scoring workbook's report, told from a unit sheet's (which has no `kind`). */
export function isScoringReport(report: object): report is ScoringReport {
  return (report as Partial<ScoringReport>).kind === 'scoring';
}

class Issues {
  readonly list: ValidationIssue[] = [];
  add(
    severity: IssueSeverity,
    code: IssueCode,
    at: { sheet?: string; cell?: string | null; unit?: string | null } = {},
    params: IssueParams = {},
  ): void {
    const issue: ValidationIssue = { severity, code, cell: at.cell ?? null, unit: at.unit ?? null, params };
    if (at.sheet !== undefined) issue.sheet = at.sheet;
    this.list.push(issue);
  }
}

function reportOf(
  issues: Issues,
  identity: ScoringIdentity | null = null,
  entries: ScoringEntry[] | null = null,
  units: ScoringUnitTotals[] = [],
  self = 0,
): ScoringReport {
  let totals: ScoringTotals | null = null;
  if (entries) {
    const assessed = entries.filter((e) => e.assessedScore !== null);
    totals = {
      items: entries.length,
      scored: assessed.length,
      weight: sum(entries.map((e) => e.weight)),
      self,
      assessed: assessed.length > 0 ? sum(assessed.map((e) => e.assessedScore!)) : null,
    };
  }
  return { kind: 'scoring', status: statusOf(issues.list), identity, totals, units, entries, issues: issues.list };
}

function sum(values: readonly number[]): number {
  return fromHundredths(values.reduce((s, v) => s + toHundredths(v), 0));
}

/** The first candidate texts whose plan has the recorded fingerprint (else the first candidate's plan). */
function rebuild(
  record: Extract<RecordRead, { ok: true }>,
  candidates: readonly ScoringTexts[],
): { plan: ScoringWorkbookPlan; texts: ScoringTexts; consistent: boolean } {
  let first: { plan: ScoringWorkbookPlan; texts: ScoringTexts } | undefined;
  for (const texts of candidates) {
    const plan = buildScoringWorkbook(record.input, { createdAt: record.metadata.createdAt, texts });
    if (plan.metadata.fingerprint === record.metadata.fingerprint) return { plan, texts, consistent: true };
    first ??= { plan, texts };
  }
  return { ...first!, consistent: false };
}

/** Where the record's rows and sheets disagree with the plan they rebuild (a record edited by hand). */
function recordMismatch(record: Extract<RecordRead, { ok: true }>, plan: ScoringWorkbookPlan): string | null {
  const sheets = plan.sheets.map((s) => [s.sheetName, s.group, s.fingerprint].join('\u0001'));
  const recorded = record.sheets.map((s) => [s.name, s.group, s.fingerprint].join('\u0001'));
  if (sheets.join('\u0002') !== recorded.join('\u0002')) return 'sheets';
  const byId = new Map(plan.input.units.map((u) => [u.unitId, u]));
  const rows = plan.sheets.flatMap((s) =>
    s.layout.units.flatMap((u) =>
      u.rows.map((r) => [s.sheetName, r.row, u.unitId, byId.get(u.unitId)!.rows[r.rowIndex]!.itemIndex].join('\u0001')),
    ),
  );
  const read = record.rows.map((r) => [r.sheet, r.row, r.unitId, r.itemIndex].join('\u0001'));
  return rows.join('\u0002') === read.join('\u0002') ? null : 'rows';
}

/** The sheet holding a plan sheet: by its name, else by its title in A1 (Excel may have added " (2)" on insert). */
function findSheet(contents: WorkbookContents, plan: ScoringSheetPlan, meta: SheetContents): SheetContents | undefined {
  const others = contents.sheets.filter((s) => s !== meta);
  return (
    others.find((s) => s.name === plan.sheetName) ??
    others.find((s) => s.cells.some((c) => c.row === 1 && c.col === 1 && cellText(c.value) === cellText(plan.title)))
  );
}

export function validateScoringWorkbook(contents: WorkbookContents, options: ScoringValidateOptions): ScoringReport {
  const candidates: readonly ScoringTexts[] = Array.isArray(options.texts)
    ? options.texts
    : [options.texts as ScoringTexts];
  const issues = new Issues();
  const meta = findMetaSheet(contents);
  if (!meta) {
    issues.add('error', 'not-a-template');
    return reportOf(issues);
  }
  const record = readRecord(new SheetGrid(meta).toRows(MAX_META_ROWS, 20));
  if (!record.ok) {
    if (record.version !== undefined && record.version !== SCORING_VERSION)
      issues.add('error', 'template-version-unsupported', {}, { version: record.version, supported: SCORING_VERSION });
    else issues.add('error', 'metadata-invalid', {}, { field: record.field });
    return reportOf(issues);
  }
  const { metadata } = record;
  if (metadata.version !== SCORING_VERSION) {
    issues.add('error', 'template-version-unsupported', {}, { version: metadata.version, supported: SCORING_VERSION });
    return reportOf(issues);
  }
  const { plan, texts, consistent } = rebuild(record, candidates);
  if (!consistent) {
    issues.add(
      'error',
      'metadata-mismatch',
      {},
      {
        field: 'fingerprint',
        expected: metadata.fingerprint,
        actual: plan.metadata.fingerprint,
      },
    );
  } else {
    const field = recordMismatch(record, plan);
    if (field) issues.add('error', 'metadata-mismatch', {}, { field, expected: '', actual: '' });
  }
  if (options.catalog) checkCatalog(options.catalog, metadata, issues);

  const identity: ScoringIdentity = {
    scorer: plan.input.scorer,
    scorerName: metadata.scorerName,
    year: metadata.catalogYear,
    catalogSource: metadata.catalogSource,
    catalogFingerprint: metadata.catalogFingerprint,
    createdAt: metadata.createdAt,
    sheets: plan.sheets.map((s) => s.sheetName),
  };
  const entries: ScoringEntry[] = [];
  const selfByUnit = new Map<string, number>();
  let checked = 0;
  for (const sheetPlan of plan.sheets) {
    const sheet = findSheet(contents, sheetPlan, meta);
    if (!sheet) {
      if (!options.partial)
        issues.add('error', 'scoring-sheet-missing', { sheet: sheetPlan.sheetName }, { sheet: sheetPlan.sheetName });
      continue;
    }
    checked++;
    checkSheet(plan, sheetPlan, sheet, texts, issues, entries);
    for (const u of sheetPlan.layout.units) {
      const unit = plan.input.units.find((x) => x.unitId === u.unitId)!;
      selfByUnit.set(u.unitId, sum(unit.rows.map((r) => r.selfScore ?? 0)));
    }
  }
  if (checked === 0 && options.partial) {
    const shown = contents.sheets.find((s) => s !== meta)?.name ?? '';
    issues.add('error', 'scoring-sheet-missing', { sheet: shown }, { sheet: shown });
  }
  const unscored = entries.filter((e) => e.assessedScore === null).length;
  if (unscored > 0 && checked > 0)
    issues.add('warning', 'scoring-unscored', {}, { count: unscored, total: entries.length });

  const units: ScoringUnitTotals[] = [];
  for (const unit of plan.input.units) {
    const mine = entries.filter((e) => e.unitId === unit.unitId);
    if (mine.length === 0) continue;
    const scored = mine.filter((e) => e.assessedScore !== null);
    units.push({
      unitId: unit.unitId,
      unitName: unit.unitName,
      items: mine.length,
      scored: scored.length,
      weight: sum(mine.map((e) => e.weight)),
      self: selfByUnit.get(unit.unitId) ?? 0,
      assessed: scored.length > 0 ? sum(scored.map((e) => e.assessedScore!)) : null,
    });
  }
  return reportOf(issues, identity, entries, units, sum(units.map((u) => u.self)));
}

function checkCatalog(catalog: Catalog, metadata: ScoringMetadata, issues: Issues): void {
  if (catalog.year !== metadata.catalogYear) {
    issues.add('error', 'catalog-year-differs', {}, { expected: catalog.year, actual: metadata.catalogYear });
  } else if (catalogFingerprint(catalog) !== metadata.catalogFingerprint) {
    issues.add('warning', 'catalog-version-differs');
  }
}

// ---------------------------------------------------------------------------------------------------------
// One sheet against its plan.

const HEADER_NEEDS: ScoringColumnKey[] = ['unit', 'seq', 'weight', 'assessedScore'];
/** Rows beyond the plan's that are matched one by one; more are reported together (a crafted file stays cheap). */
const MAX_EXTRA_ROWS = 200;

function findHeader(grid: SheetGrid): { row: number; columns: Record<ScoringColumnKey, number> } | undefined {
  const byHeader = new Map<string, ScoringColumnKey>(SCORING_COLUMNS.map((c) => [c.header, c.key]));
  for (let r = 1; r <= Math.min(grid.maxRow, 200); r++) {
    const found: Partial<Record<ScoringColumnKey, number>> = {};
    for (const c of grid.row(r)) {
      const key = byHeader.get(cellText(c.value));
      if (key && found[key] === undefined) found[key] = c.col;
    }
    if (!HEADER_NEEDS.every((k) => found[k] !== undefined)) continue;
    const columns = Object.fromEntries(SCORING_COLUMNS.map((c, i) => [c.key, found[c.key] ?? i + 1])) as Record<
      ScoringColumnKey,
      number
    >;
    return { row: r, columns };
  }
  return undefined;
}

/** What identifies a row of the table wherever it is: its unit and locked texts (序号 … 考核内容). */
const KEY_COLUMNS: ScoringColumnKey[] = ['unit', 'seq', 'category', 'item', 'content'];

/**
 * Plan rows paired with the rows read: equal keys pair; a row whose key comes later on the other side was
 * inserted (or deleted); two rows whose keys are found nowhere else were changed in place and pair.
 */
function alignRows(
  planKeys: readonly string[],
  actualKeys: readonly string[],
): { pairs: [number, number][]; inserted: number[]; deleted: number[] } {
  const left = (keys: readonly string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const planLeft = left(planKeys);
  const actualLeft = left(actualKeys);
  const take = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 1) - 1);
  const pairs: [number, number][] = [];
  const inserted: number[] = [];
  const deleted: number[] = [];
  let i = 0;
  let j = 0;
  while (i < planKeys.length && j < actualKeys.length) {
    const p = planKeys[i]!;
    const a = actualKeys[j]!;
    if (p === a) {
      pairs.push([i++, j++]);
      take(planLeft, p);
      take(actualLeft, a);
      continue;
    }
    const planRowLater = (actualLeft.get(p) ?? 0) > 0;
    const actualRowLater = (planLeft.get(a) ?? 0) > 0;
    if (planRowLater && !actualRowLater) {
      inserted.push(j++);
      take(actualLeft, a);
    } else if (!planRowLater && actualRowLater) {
      deleted.push(i++);
      take(planLeft, p);
    } else {
      pairs.push([i++, j++]);
      take(planLeft, p);
      take(actualLeft, a);
    }
  }
  while (i < planKeys.length) deleted.push(i++);
  while (j < actualKeys.length) inserted.push(j++);
  return { pairs, inserted, deleted };
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

function shown(cell: { value: CellValue; formula?: string } | undefined): string {
  if (!cell) return '';
  return cell.formula !== undefined ? `=${cell.formula.replace(/^=/, '')}` : cellText(cell.value);
}

function checkSheet(
  plan: ScoringWorkbookPlan,
  sheetPlan: ScoringSheetPlan,
  sheet: SheetContents,
  texts: ScoringTexts,
  issues: Issues,
  entries: ScoringEntry[],
): void {
  const name = sheet.name;
  const grid = new SheetGrid(sheet);
  const header = findHeader(grid);
  if (!header) {
    issues.add('error', 'scoring-header-missing', { sheet: name }, { sheet: name });
    return;
  }
  const errorsBefore = issues.list.filter((i) => i.severity === 'error').length;
  const layout = sheetPlan.layout;
  const planColumns = layout.columns;
  const columns = header.columns;
  const planCells = new Map<string, PlanCell>(sheetPlan.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const planValue = (row: number, key: ScoringColumnKey) => planCells.get(`${row}:${planColumns[key]}`)?.value ?? null;
  const unitOfRow = new Map<number, string>();
  const unitsById = new Map(plan.input.units.map((u) => [u.unitId, u]));
  for (const u of layout.units) {
    const unitName = unitsById.get(u.unitId)!.unitName;
    for (const r of u.rows) unitOfRow.set(r.row, unitName);
    unitOfRow.set(u.subtotalRow, unitName);
  }
  const key = (get: (k: ScoringColumnKey) => CellValue) => KEY_COLUMNS.map((k) => cellText(get(k))).join('\u0001');

  // The table, after the header down to 合计, on both sides.
  const planRows: number[] = [];
  for (let r = layout.headerRow + 1; r <= layout.totalRow; r++) planRows.push(r);
  const totalLabel = cellText(texts.total).replace(/\s+/g, '');
  let actualEnd = grid.maxRow;
  for (let r = header.row + 1; r <= grid.maxRow; r++) {
    if (cellText(grid.value(r, columns.unit)).replace(/\s+/g, '') === totalLabel) {
      actualEnd = r;
      break;
    }
  }
  const lastMatched = Math.min(actualEnd, header.row + planRows.length + MAX_EXTRA_ROWS);
  const actualRows: number[] = [];
  for (let r = header.row + 1; r <= lastMatched; r++) actualRows.push(r);
  const aligned = alignRows(
    planRows.map((r) => key((k) => planValue(r, k))),
    actualRows.map((r) => key((k) => grid.value(r, columns[k]))),
  );
  const rowMap = new Map<number, number>();
  for (const [p, a] of aligned.pairs) rowMap.set(planRows[p]!, actualRows[a]!);

  if (header.row !== layout.headerRow) {
    const more = header.row > layout.headerRow;
    issues.add(
      'error',
      more ? 'row-inserted' : 'row-deleted',
      { sheet: name, cell: cellAddress(more ? layout.headerRow : header.row, 1) },
      more ? { row: layout.headerRow, text: '' } : { row: layout.headerRow - 1, seq: '', item: '' },
    );
  } else {
    for (let r = 1; r < layout.headerRow; r++) rowMap.set(r, r);
  }
  rowMap.set(layout.headerRow, header.row);
  if (lastMatched < actualEnd) {
    issues.add(
      'error',
      'rows-inserted',
      { sheet: name, cell: cellAddress(lastMatched + 1, 1) },
      { row: lastMatched + 1, count: actualEnd - lastMatched },
    );
  }
  for (const a of aligned.inserted) {
    const r = actualRows[a]!;
    const text = grid
      .row(r)
      .map((c) => cellText(c.value))
      .filter(Boolean)
      .join(' ')
      .slice(0, 40);
    issues.add('error', 'row-inserted', { sheet: name, cell: cellAddress(r, 1) }, { row: r, text });
  }
  for (const p of aligned.deleted) {
    const r = planRows[p]!;
    issues.add(
      'error',
      'row-deleted',
      { sheet: name, unit: unitOfRow.get(r) ?? null },
      { row: r, seq: cellText(planValue(r, 'seq')), item: cellText(planValue(r, 'item')) },
    );
  }
  const intact =
    header.row === layout.headerRow &&
    aligned.inserted.length === 0 &&
    aligned.deleted.length === 0 &&
    lastMatched === actualEnd &&
    SCORING_COLUMNS.every((c) => columns[c.key] === planColumns[c.key]) &&
    aligned.pairs.every(([p, a]) => planRows[p] === actualRows[a]);

  // Locked cells, row by row: the plan's, then anything typed where the plan has nothing.
  const planColToActual = new Map<number, number>(SCORING_COLUMNS.map((c) => [planColumns[c.key], columns[c.key]]));
  const planColKey = new Map<number, ScoringColumnKey>(SCORING_COLUMNS.map((c) => [planColumns[c.key], c.key]));
  const inputActualCols = new Set([...SCORING_INPUT_COLUMNS].map((c) => planColToActual.get(c)!));
  const planItemRows = new Set(layout.units.flatMap((u) => u.rows.map((r) => r.row)));
  const planByRow = new Map<number, PlanCell[]>();
  for (const c of sheetPlan.cells) planByRow.set(c.row, [...(planByRow.get(c.row) ?? []), c]);
  for (const [planRow, actualRow] of [...rowMap].sort((a, b) => a[0] - b[0])) {
    const unit = unitOfRow.get(planRow) ?? null;
    const seen = new Set<number>();
    for (const pc of planByRow.get(planRow) ?? []) {
      const col = planColToActual.get(pc.col) ?? pc.col;
      seen.add(col);
      if (!pc.locked) continue;
      const actual = grid.get(actualRow, col);
      const at = { sheet: name, cell: cellAddress(actualRow, col), unit };
      const keyOf = planColKey.get(pc.col);
      if (pc.formula !== undefined) {
        if (actual?.formula === undefined)
          issues.add('error', 'formula-replaced', at, { expected: pc.formula, actual: shown(actual) });
        else if (intact && !sameFormula(pc.formula, actual.formula, name))
          issues.add('error', 'formula-changed', at, {
            expected: pc.formula,
            actual: actual.formula.replace(/^=/, ''),
          });
        continue;
      }
      if (actual?.formula === undefined && valuesEqual(pc.value, actual?.value)) continue;
      const expected = cellText(pc.value ?? null);
      const found = shown(actual);
      if (keyOf === 'weight' && planItemRows.has(planRow)) {
        issues.add('error', 'weight-changed', at, { expected, actual: found });
      } else if (keyOf && planRow > layout.headerRow && expected !== '' && found !== '' && keyOf !== 'seq') {
        const column = SCORING_COLUMNS.find((c) => c.key === keyOf)!.header;
        issues.add('error', 'text-changed', at, { column, expected, actual: found });
      } else {
        issues.add('error', 'locked-cell-changed', at, { expected, actual: found });
      }
    }
    for (const c of grid.row(actualRow)) {
      if (seen.has(c.col)) continue;
      if (planItemRows.has(planRow) && inputActualCols.has(c.col)) continue;
      if (c.value === null && c.formula === undefined) continue;
      issues.add(
        'error',
        'locked-cell-changed',
        { sheet: name, cell: c.address, unit },
        { expected: '', actual: shown(c) },
      );
    }
  }

  // The fingerprint from what is in the cells: item rows are the table's rows that are not 小计 or 合计.
  const subtotal = cellText(texts.subtotal);
  const readItemRows = new Set<number>();
  for (let r = header.row + 1; r < actualEnd; r++) {
    if (cellText(grid.value(r, columns.seq)) !== subtotal && grid.row(r).length > 0) readItemRows.add(r);
  }
  const fingerprint = sheetFingerprint(
    {
      year: plan.metadata.catalogYear,
      scorerKind: plan.metadata.scorerKind,
      scorerName: plan.metadata.scorerName,
      version: SCORING_VERSION,
    },
    sheet.cells,
    isInputCell(readItemRows),
  );
  if (fingerprint !== sheetPlan.fingerprint) {
    issues.add(
      'error',
      'fingerprint-mismatch',
      { sheet: name },
      { expected: sheetPlan.fingerprint, actual: fingerprint },
    );
  }
  if (!sheet.protected) {
    const lockedChanged = issues.list.filter((i) => i.severity === 'error').length > errorsBefore;
    issues.add(lockedChanged ? 'error' : 'warning', 'protection-removed', { sheet: name });
  }

  // Inputs, and the sheet's own sums against the recomputed ones.
  for (const u of layout.units) {
    const unit = unitsById.get(u.unitId)!;
    const assessed: number[] = [];
    for (const r of u.rows) {
      const input = unit.rows[r.rowIndex]!;
      const actualRow = rowMap.get(r.row);
      const entry: ScoringEntry = {
        unitId: unit.unitId,
        unitName: unit.unitName,
        itemIndex: input.itemIndex,
        sheet: name,
        cell: cellAddress(actualRow ?? r.row, columns.assessedScore),
        weight: input.weight,
        assessedScore: null,
        assessedReason: '',
      };
      entries.push(entry);
      if (actualRow === undefined) continue;
      const at = (k: ScoringColumnKey) => ({
        sheet: name,
        cell: cellAddress(actualRow, columns[k]),
        unit: unit.unitName,
      });
      const score = checkScore('assessed-score', grid.value(actualRow, columns.assessedScore), input.weight, false);
      for (const i of score.issues) issues.add(i.severity, i.code, at('assessedScore'), i.params);
      const reason = cellText(grid.value(actualRow, columns.assessedReason));
      if (score.value !== null && score.value < input.weight - 1e-9 && reason === '') {
        issues.add('error', 'assessed-reason-missing', at('assessedReason'), {
          score: score.value,
          weight: input.weight,
        });
      }
      entry.assessedScore = score.countedBySheet ? score.value : null;
      entry.assessedReason = reason;
      if (entry.assessedScore !== null) assessed.push(entry.assessedScore);
    }
    checkSum(
      grid,
      rowMap.get(u.subtotalRow),
      columns,
      'subtotal',
      {
        weight: sum(unit.rows.map((r) => r.weight)),
        selfScore: sum(unit.rows.map((r) => r.selfScore ?? 0)),
        assessedScore: sum(assessed),
      },
      name,
      unit.unitName,
      issues,
    );
  }
  const mine = entries.filter((e) => e.sheet === name);
  checkSum(
    grid,
    rowMap.get(layout.totalRow),
    columns,
    'total',
    {
      weight: sum(mine.map((e) => e.weight)),
      selfScore: sum(layout.units.flatMap((u) => unitsById.get(u.unitId)!.rows.map((r) => r.selfScore ?? 0))),
      assessedScore: sum(mine.flatMap((e) => (e.assessedScore === null ? [] : [e.assessedScore]))),
    },
    name,
    null,
    issues,
  );
}

/** A 小计 or 合计 row's computed values (as last stored) against the recomputed sums; none stored, nothing to say. */
function checkSum(
  grid: SheetGrid,
  row: number | undefined,
  columns: Record<ScoringColumnKey, number>,
  label: 'subtotal' | 'total',
  expected: Record<'weight' | 'selfScore' | 'assessedScore', number>,
  sheet: string,
  unit: string | null,
  issues: Issues,
): void {
  if (row === undefined) return;
  for (const k of ['weight', 'selfScore', 'assessedScore'] as const) {
    const actual = grid.get(row, columns[k]);
    if (!actual || actual.formula === undefined || typeof actual.value !== 'number') continue;
    if (Math.abs(actual.value - expected[k]) > 0.005) {
      issues.add(
        'error',
        'total-mismatch',
        { sheet, cell: actual.address, unit },
        {
          label,
          expected: expected[k],
          actual: actual.value,
        },
      );
    }
  }
}
