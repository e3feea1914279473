// The validator: a workbook's cell contents in, a report out. Pure — the CLI feeds it what src/xlsx/read.ts read
// from a file, the task pane what Office.js read from the open workbook; both get the same rules and codes.
//
// How a returned sheet is checked:
//  1. identity: the metadata sheet (which unit, year, template version, the locked items and their fingerprint);
//  2. integrity: the plan is rebuilt from the recorded items (buildSheetPlan) and compared with the cells — rows
//     matched by their text, so inserted / deleted / moved rows and changed weights, texts and formulas are named
//     at their cells; the fingerprint is recomputed from what is in the cells (fingerprintLockedContent) and
//     compared with the recorded one; with a catalog, the recorded items are compared with the catalog's;
//  3. inputs: 完成情况, scores and deduction reasons row by row (one line for a sheet nobody has filled in); the
//     sheet's own subtotals and 合计 against scoreUnit();
//  4. where: every issue at a cell of the table names its row's target (序号 and 考核项目) or the row it is on.
// A template of an earlier version (./edition) is rebuilt in that version, so it is checked against what was issued.
import type { Block, Catalog, Unit } from '../catalog/model';
import { buildSheetPlan } from '../plan/build';
import { EDITIONS, editionOf, type TemplateEdition } from '../plan/edition';
import { catalogFingerprint, fingerprintLockedContent, type LockedContent } from '../plan/fingerprint';
import { COLUMNS, type ColumnKey, type SheetMetadata, type SheetPlan } from '../plan/model';
import type { SheetTexts } from '../plan/texts';
import { scoreUnit, type ScoreInput, type UnitScore } from '../scoring';
import { compareStructure } from './compare';
import { cellAddress, type SheetContents, type WorkbookContents } from './grid';
import { checkCompletion, checkDeductionReason, checkScore } from './inputs';
import {
  statusOf,
  type IssueCode,
  type IssueParams,
  type IssueSeverity,
  type ValidationIssue,
  type ValidationStatus,
} from './issues';
import { findMetaSheet, readMetaRows, workbookKind } from './meta';
import { cellText, findHeader, SheetGrid, type HeaderMatch } from './sheet';
import { annotateRows, type RowLocation, type RowLocator } from './where';

/** The template versions the validator reads, as an issue says them. */
const SUPPORTED_VERSIONS = Object.keys(EDITIONS).join(', ');

export interface ValidationIdentity {
  unitId: string;
  unitName: string;
  group: SheetMetadata['group'];
  year: number;
  templateVersion: number;
  catalogSource: string;
  /** The template sheet's name in the workbook. */
  sheetName: string;
}

export interface ValidationTotals {
  /** Sum of the recorded 分值. */
  weight: number;
  /** Sum of the self scores that are numbers (as the sheet's own formulas count them; blank = 0). */
  self: number;
  /** Sum of the assessed scores, or null when none has been entered. */
  assessed: number | null;
}

export interface ValidationReport {
  /** Unit name, when the file says which unit it is. */
  unit: string | null;
  status: ValidationStatus;
  identity: ValidationIdentity | null;
  totals: ValidationTotals | null;
  /** Per-block sums and how many items are filled (the live panel shows them); null when unreadable. */
  score: UnitScore | null;
  /**
   * What was entered for each recorded target, in the unit's item order (the summary's per-target statistics and
   * deductions use it); null when the sheet has no template record or is unreadable.
   */
  entries: ItemEntry[] | null;
  issues: ValidationIssue[];
}

export interface ItemEntry {
  /** Index into the recorded unit's items. */
  itemIndex: number;
  /** Numbers only, as the sheet's own sums count them; null when blank or not a number (or the row is missing). */
  selfScore: number | null;
  assessedScore: number | null;
  deductionReason: string;
  /** 完成情况 and 佐证材料 as written (a scoring workbook shows them to the scorer). */
  completion: string;
  evidence: string;
}

export interface ValidateOptions {
  /**
   * The sheet texts templates may have been generated with (src/i18n/sheet-texts.ts gives them per language).
   * The plan is rebuilt with the first whose fingerprint matches the recorded one.
   */
  texts: SheetTexts | readonly SheetTexts[];
  /** Also check the recorded items against this catalog (catches a template made from an older catalog). */
  catalog?: Catalog;
}

function findTemplateSheet(
  contents: WorkbookContents,
  preferred: string | undefined,
  meta: SheetContents | undefined,
): { sheet: SheetContents; grid: SheetGrid; header: HeaderMatch } | undefined {
  const ordered = contents.sheets
    .filter((s) => s !== meta)
    .sort((a, b) => Number(b.name === preferred) - Number(a.name === preferred));
  for (const sheet of ordered) {
    const grid = new SheetGrid(sheet);
    const header = findHeader(grid);
    if (header) return { sheet, grid, header };
  }
  return undefined;
}

class Issues {
  readonly list: ValidationIssue[] = [];
  unit: string | null = null;
  add(severity: IssueSeverity, code: IssueCode, cell: string | null, params: IssueParams = {}): void {
    this.list.push({ severity, code, cell, unit: this.unit, params });
  }
}

function report(identity: ValidationIdentity | null, scored: Scored | null, issues: Issues): ValidationReport {
  return {
    unit: identity?.unitName ?? null,
    status: statusOf(issues.list),
    identity,
    totals: scored?.totals ?? null,
    score: scored?.score ?? null,
    entries: scored?.entries ?? null,
    issues: issues.list,
  };
}

/** The report for bytes that could not be read as a workbook at all (the file reader's failure code). */
export function unreadableReport(failure: { code: IssueCode; params: IssueParams; detail?: string }): ValidationReport {
  const issue: ValidationIssue = {
    severity: 'error',
    code: failure.code,
    cell: null,
    unit: null,
    params: failure.params,
  };
  if (failure.detail !== undefined) issue.detail = failure.detail;
  return {
    unit: null,
    status: 'unreadable',
    identity: null,
    totals: null,
    score: null,
    entries: null,
    issues: [issue],
  };
}

interface Scored {
  totals: ValidationTotals;
  score: UnitScore;
  entries: ItemEntry[] | null;
}

function totalsOf(score: UnitScore): ValidationTotals {
  return {
    weight: score.total.weight,
    self: score.total.selfScore,
    assessed: score.total.assessedFilled > 0 ? score.total.assessedScore : null,
  };
}

interface Rebuilt {
  /** Built with the first candidate texts whose fingerprint is the recorded one (else with the first texts). */
  plan: SheetPlan;
  consistent: boolean;
  /** Plans from the later candidates with the same fingerprint, built when asked for. */
  alike: () => SheetPlan[];
}

function rebuildPlan(unit: Unit, metadata: SheetMetadata, candidates: readonly SheetTexts[]): Rebuilt {
  const catalog = {
    year: metadata.catalogYear,
    source: metadata.catalogSource,
    fingerprint: metadata.catalogFingerprint,
  };
  const build = (texts: SheetTexts) =>
    buildSheetPlan(unit, catalog, {
      createdAt: metadata.createdAt,
      texts,
      templateVersion: metadata.templateVersion,
    });
  let first: SheetPlan | undefined;
  for (const [i, texts] of candidates.entries()) {
    const plan = build(texts);
    if (plan.metadata.fingerprint === metadata.fingerprint) {
      const alike = () =>
        candidates
          .slice(i + 1)
          .map(build)
          .filter((p) => p.metadata.fingerprint === metadata.fingerprint);
      return { plan, consistent: true, alike };
    }
    first ??= plan;
  }
  return { plan: first!, consistent: false, alike: () => [] };
}

/**
 * Editions of the sheet texts that differ only in names (a group's, a block's: not locked content) give the same
 * fingerprint. The sheet was made with the one whose words it shows: the plan with the fewest text cells that the
 * sheet does not show as written. Later editions are built only when the first plan's words are not all there.
 */
function planInTheSheetsWords(rebuilt: Rebuilt, grid: SheetGrid): SheetPlan {
  const unseen = (plan: SheetPlan) =>
    plan.cells.filter((c) => typeof c.value === 'string' && cellText(grid.value(c.row, c.col)) !== cellText(c.value))
      .length;
  let best = rebuilt.plan;
  let bestUnseen = unseen(best);
  if (bestUnseen === 0) return best;
  for (const plan of rebuilt.alike()) {
    const count = unseen(plan);
    if (count < bestUnseen) [best, bestUnseen] = [plan, count];
  }
  return best;
}

export function validateWorkbook(contents: WorkbookContents, options: ValidateOptions): ValidationReport {
  const candidates: readonly SheetTexts[] = Array.isArray(options.texts)
    ? options.texts
    : [options.texts as SheetTexts];
  const issues = new Issues();
  const kind = workbookKind(contents);
  if (kind === 'scoring' || kind === 'result') {
    // A scoring workbook or a result copy is no unit's sheet: said so (src/core/scoring-workbook and
    // src/core/result-copy check them as what they are).
    issues.add('error', kind === 'scoring' ? 'is-scoring-workbook' : 'is-result-copy', null);
    return report(null, null, issues);
  }
  const metaSheet = findMetaSheet(contents);
  const meta = metaSheet ? readMetaRows(new SheetGrid(metaSheet).toRows()) : undefined;

  if (!meta || !meta.ok) {
    const found = findTemplateSheet(contents, undefined, metaSheet);
    if (meta && !meta.ok && meta.version !== undefined && !editionOf(meta.version)) {
      issues.add('error', 'template-version-unsupported', null, {
        version: meta.version,
        supported: SUPPORTED_VERSIONS,
      });
    } else if (!found) {
      issues.add('error', 'not-a-template', null);
    } else {
      // A sheet with our header but without its record: which unit it is and what was locked cannot be checked,
      // but its inputs still can, row by row, against the 分值 written in each row.
      if (!meta) issues.add('error', 'metadata-missing', null);
      else issues.add('error', 'metadata-invalid', null, { field: meta.field });
      const scored = checkInputsByContent(found.grid, found.header, candidates, issues);
      annotateRows(issues.list, contentLocator(found.grid, found.header, candidates));
      return report(null, scored, issues);
    }
    return report(null, null, issues);
  }

  const { metadata, unit } = meta;
  issues.unit = metadata.unitName;
  const edition = editionOf(metadata.templateVersion);
  if (!edition) {
    issues.add('error', 'template-version-unsupported', null, {
      version: metadata.templateVersion,
      supported: SUPPORTED_VERSIONS,
    });
    return report(null, null, issues);
  }
  const rebuilt = rebuildPlan(unit, metadata, candidates);
  const found = findTemplateSheet(contents, rebuilt.plan.sheetName, metaSheet);
  const identity: ValidationIdentity = {
    unitId: metadata.unitId,
    unitName: metadata.unitName,
    group: metadata.group,
    year: metadata.catalogYear,
    templateVersion: metadata.templateVersion,
    catalogSource: metadata.catalogSource,
    sheetName: found?.sheet.name ?? rebuilt.plan.sheetName,
  };
  if (!found) {
    issues.add('error', 'template-sheet-missing', null, { sheet: rebuilt.plan.sheetName });
    return report(identity, null, issues);
  }
  const { sheet, grid, header } = found;
  const plan = planInTheSheetsWords(rebuilt, grid);

  // The metadata must agree with itself: the items it records must give the fingerprint it records.
  if (!rebuilt.consistent) {
    issues.add('error', 'metadata-mismatch', null, {
      field: 'fingerprint',
      expected: metadata.fingerprint,
      actual: plan.metadata.fingerprint,
    });
  }

  const structure = compareStructure(
    plan,
    grid,
    header,
    candidates.map((t) => t.total),
  );

  // The fingerprint recomputed from what is in the cells, not from the metadata. What changed is named at its cell
  // by the comparison; the fingerprint speaks only where nothing else explains it (a change the comparison cannot
  // place, e.g. a formula altered in a sheet whose rows also moved).
  const seen = lockedContentFromCells(plan, grid, structure.rowMap, structure.columns, header.row, metadata);
  const cellFingerprint = fingerprintLockedContent(seen);
  for (const i of structure.issues) issues.add(i.severity, i.code, i.cell, i.params);
  const explained = issues.list.some((i) => i.severity === 'error');
  if (cellFingerprint !== metadata.fingerprint && !explained) {
    issues.add('error', 'fingerprint-mismatch', null, { expected: metadata.fingerprint, actual: cellFingerprint });
  }

  if (!sheet.protected) {
    // A warning when nothing locked was changed (the content is still as issued); an error otherwise.
    const lockedChanged = issues.list.some((i) => i.severity === 'error');
    issues.add(lockedChanged ? 'error' : 'warning', 'protection-removed', null);
  }

  if (options.catalog) checkCatalog(options.catalog, metadata, unit, plan, structure.rowMap, structure.columns, issues);

  const scored = checkInputs(unit, plan, grid, structure.rowMap, structure.columns, edition, issues);
  annotateRows(issues.list, planLocator(plan, unit, structure.rowMap));
  return report(identity, scored, issues);
}

/** Where a row of the returned sheet is, in the plan's terms (the plan's row its cells were matched to). */
function planLocator(plan: SheetPlan, unit: Unit, rowMap: Map<number, number>): RowLocator {
  const planRowOf = new Map<number, number>();
  for (const [planRow, actualRow] of rowMap) planRowOf.set(actualRow, planRow);
  const layout = plan.layout;
  const items = new Map(layout.itemRows.map((r, i) => [r.row, { seq: i + 1, item: unit.items[r.itemIndex]! }]));
  const subtotals = new Map(layout.subtotalRows.map((s) => [s.row, s.block]));
  const labels = new Map<number, RowLocation>([
    [layout.statusRow, { rowLabel: 'status' }],
    [layout.titleRow, { rowLabel: 'title' }],
    [layout.infoRow, { rowLabel: 'info' }],
    [layout.headerRow, { rowLabel: 'header' }],
    [layout.totalRow, { rowLabel: 'total' }],
  ]);
  return (row) => {
    const planRow = planRowOf.get(row);
    if (planRow === undefined) return undefined;
    const item = items.get(planRow);
    if (item) return { seq: item.seq, item: item.item.item || item.item.content };
    const block = subtotals.get(planRow);
    if (block) return { rowLabel: 'subtotal', block };
    return labels.get(planRow);
  };
}

/** Without a template record: what the sheet's own 序号 and 考核项目 cells say, and its 小计 and 合计 rows. */
function contentLocator(grid: SheetGrid, header: HeaderMatch, candidates: readonly SheetTexts[]): RowLocator {
  const column = (key: ColumnKey): number => header.columns[key] ?? COLUMNS.findIndex((c) => c.key === key) + 1;
  const squeeze = (text: string): string => text.replace(/\s+/g, '');
  const totals = new Set(candidates.map((t) => squeeze(t.total)));
  const subtotals = new Set(candidates.map((t) => squeeze(t.subtotal)));
  return (row) => {
    const seq = grid.value(row, column('seq'));
    if (typeof seq === 'number') {
      const item = cellText(grid.value(row, column('item'))) || cellText(grid.value(row, column('content')));
      return { seq, item };
    }
    const label = squeeze(cellText(seq));
    if (totals.has(label)) return { rowLabel: 'total' };
    if (subtotals.has(label)) return { rowLabel: 'subtotal', blockName: cellText(grid.value(row, column('category'))) };
    return row === header.row ? { rowLabel: 'header' } : undefined;
  };
}

/**
 * Which block a row of the table is in: the block of the first subtotal row below it; below the last subtotal,
 * `last` when given, else the block of the last subtotal, else 'own'. The subtotals (any order) are sorted once.
 * Both readings of a returned sheet use it: lockedContentFromCells (the plan's subtotal rows where they are now)
 * and checkInputsByContent (the 小计 rows found by their texts).
 */
function blockBySubtotalBelow(
  subtotals: readonly { row: number; block: Block }[],
  last?: Block,
): (row: number) => Block {
  const sorted = [...subtotals].sort((a, b) => a.row - b.row);
  const fallback = last ?? sorted[sorted.length - 1]?.block ?? 'own';
  return (row) => sorted.find((s) => s.row > row)?.block ?? fallback;
}

/**
 * What a reader sees in the returned sheet, in the fingerprint's terms: every row of the table that is not a
 * subtotal or the total row is an item row (with the block of the subtotal that follows it), and every formula
 * outside the input cells of item rows is a computed cell.
 */
function lockedContentFromCells(
  plan: SheetPlan,
  grid: SheetGrid,
  rowMap: Map<number, number>,
  columns: Record<ColumnKey, number>,
  headerRow: number,
  metadata: SheetMetadata,
): LockedContent {
  const layout = plan.layout;
  const sumRows = new Map<number, Block>();
  for (const s of layout.subtotalRows) {
    const r = rowMap.get(s.row);
    if (r !== undefined) sumRows.set(r, s.block);
  }
  const totalRow = rowMap.get(layout.totalRow);
  const end = totalRow ?? Math.max(grid.maxRow, headerRow);
  // Past the last subtotal found, the plan's last block (its subtotal row may be the one that is missing).
  const blockAfter = blockBySubtotalBelow(
    [...sumRows].map(([row, block]) => ({ row, block })),
    layout.subtotalRows[layout.subtotalRows.length - 1]?.block,
  );
  const itemRows = new Set<number>();
  const items: LockedContent['items'] = [];
  for (let r = headerRow + 1; r < end; r++) {
    if (sumRows.has(r)) continue;
    const texts = (['seq', 'category', 'item', 'content', 'weight'] as const).map((k) => grid.value(r, columns[k]));
    if (texts.every((v) => v === null) && grid.row(r).length === 0) continue;
    itemRows.add(r);
    const seq = grid.value(r, columns.seq);
    const weight = grid.value(r, columns.weight);
    items.push({
      row: r,
      seq: typeof seq === 'number' ? seq : cellText(seq),
      block: blockAfter(r),
      category: rawText(grid.value(r, columns.category)),
      item: rawText(grid.value(r, columns.item)),
      content: rawText(grid.value(r, columns.content)),
      weight: typeof weight === 'number' ? weight : rawText(weight),
    });
  }
  const inputCols = new Set(COLUMNS.filter((c) => c.input).map((c) => columns[c.key]));
  const formulas: LockedContent['formulas'] = [];
  for (const cell of grid.sheet.cells) {
    if (cell.formula === undefined) continue;
    if (itemRows.has(cell.row) && inputCols.has(cell.col)) continue;
    formulas.push({ address: cell.address, formula: cell.formula });
  }
  return {
    unitId: metadata.unitId,
    unitName: metadata.unitName,
    year: metadata.catalogYear,
    templateVersion: metadata.templateVersion,
    items,
    formulas,
  };
}

function rawText(v: ReturnType<SheetGrid['value']>): string {
  return v === null ? '' : String(v);
}

function checkCatalog(
  catalog: Catalog,
  metadata: SheetMetadata,
  unit: Unit,
  plan: SheetPlan,
  rowMap: Map<number, number>,
  columns: Record<ColumnKey, number>,
  issues: Issues,
): void {
  if (catalog.year !== metadata.catalogYear) {
    issues.add('error', 'catalog-year-differs', null, { expected: catalog.year, actual: metadata.catalogYear });
    return;
  }
  const current = catalog.units.find((u) => u.id === metadata.unitId);
  if (!current) {
    issues.add('error', 'catalog-unit-missing', null, { unitId: metadata.unitId });
    return;
  }
  // Compare in sheet order (party block first), which is the order the metadata records.
  const expected = plan.layout.itemRows.map((r) => ({ row: r.row, item: unit.items[r.itemIndex]! }));
  const theirs = ['party', 'own'].flatMap((b) => current.items.filter((i) => i.block === b));
  let differs = false;
  if (theirs.length !== expected.length) {
    differs = true;
    issues.add('error', 'catalog-outdated', null, { detail: `${expected.length} → ${theirs.length}` });
  }
  const n = Math.min(theirs.length, expected.length);
  for (let i = 0; i < n; i++) {
    const mine = expected[i]!;
    const other = theirs[i]!;
    const actualRow = rowMap.get(mine.row);
    const fields: Array<[ColumnKey, string | number, string | number]> = [
      ['category', mine.item.category, other.category],
      ['item', mine.item.item, other.item],
      ['content', mine.item.content, other.content],
      ['weight', mine.item.weight, other.weight],
    ];
    for (const [key, a, b] of fields) {
      if (a === b) continue;
      differs = true;
      const header = COLUMNS.find((c) => c.key === key)!.header;
      issues.add('error', 'catalog-outdated', actualRow === undefined ? null : cellAddress(actualRow, columns[key]), {
        detail: `${header}「${a}」→「${b}」`,
      });
    }
  }
  if (!differs && catalogFingerprintOf(catalog) !== metadata.catalogFingerprint) {
    issues.add('warning', 'catalog-version-differs', null);
  }
}

// Hashing the whole catalog costs more than checking a sheet, and collecting validates hundreds of files against
// one catalog object: its fingerprint is taken once per catalog.
const catalogFingerprints = new WeakMap<Catalog, string>();
function catalogFingerprintOf(catalog: Catalog): string {
  let fingerprint = catalogFingerprints.get(catalog);
  if (fingerprint === undefined) catalogFingerprints.set(catalog, (fingerprint = catalogFingerprint(catalog)));
  return fingerprint;
}

/** 考核得分 is entered by the assessment team later: checked only once someone has started entering it. */
function assessedInUse(grid: SheetGrid, rows: readonly (number | undefined)[], assessedColumn: number): boolean {
  return rows.some((r) => r !== undefined && cellText(grid.value(r, assessedColumn)) !== '');
}

/**
 * How an item row's 考核得分 is taken: 'check' it as an input, required or not (a v1 template, where the unit's
 * sheet left it open), or only 'read' the numbers the sheet's sums count (v2: locked, and anything the unit put
 * there is reported by the comparison with the template).
 */
type AssessedRule = { kind: 'check'; required: boolean } | { kind: 'read' };

/** The input cells a unit fills in (考核得分 is not the unit's). */
const UNIT_INPUTS = ['completion', 'selfScore', 'deductionReason', 'evidence'] as const;

/** Nothing at all entered in any item row: the sheet was returned as it was issued. */
function nothingEntered(grid: SheetGrid, rows: readonly number[], column: (key: ColumnKey) => number): boolean {
  return rows.every((row) => UNIT_INPUTS.every((key) => cellText(grid.value(row, column(key))) === ''));
}

/**
 * One item row's inputs, checked (issues added at their cells) and read as the scoring and the summary count
 * them — one rule for sheets with and without their template record.
 */
function checkInputRow(
  grid: SheetGrid,
  row: number,
  weight: number,
  block: Block,
  column: (key: ColumnKey) => number,
  assessedRule: AssessedRule,
  issues: Issues | null,
): { input: ScoreInput; entry: Omit<ItemEntry, 'itemIndex'> } {
  const at = (key: ColumnKey): string => cellAddress(row, column(key));
  const self = checkScore('self-score', grid.value(row, column('selfScore')), weight, true);
  for (const i of checkCompletion(grid.value(row, column('selfScore')), grid.value(row, column('completion')))) {
    issues?.add(i.severity, i.code, at('completion'), i.params);
  }
  for (const i of self.issues) issues?.add(i.severity, i.code, at('selfScore'), i.params);
  for (const i of checkDeductionReason(self.value, weight, grid.value(row, column('deductionReason')))) {
    issues?.add(i.severity, i.code, at('deductionReason'), i.params);
  }
  const assessed = checkScore(
    'assessed-score',
    grid.value(row, column('assessedScore')),
    weight,
    assessedRule.kind === 'check' && assessedRule.required,
  );
  if (assessedRule.kind === 'check') {
    for (const i of assessed.issues) issues?.add(i.severity, i.code, at('assessedScore'), i.params);
  }
  // What the sheet's SUM formulas count: real numbers only.
  const selfScore = self.countedBySheet ? self.value : null;
  const assessedScore = assessed.countedBySheet ? assessed.value : null;
  return {
    input: { block, weight, selfScore, assessedScore, completion: cellText(grid.value(row, column('completion'))) },
    entry: {
      selfScore,
      assessedScore,
      deductionReason: cellText(grid.value(row, column('deductionReason'))),
      completion: cellText(grid.value(row, column('completion'))),
      evidence: cellText(grid.value(row, column('evidence'))),
    },
  };
}

/**
 * A sheet nobody has filled in gets one line, at its first input cell, instead of a missing 自评得分 per row; the
 * rows are still read (for the sums). Returns the issues to add the rows' own problems to (none then).
 */
function notFilledOrIssues(
  grid: SheetGrid,
  rows: readonly number[],
  column: (key: ColumnKey) => number,
  issues: Issues,
): Issues | null {
  if (rows.length === 0 || !nothingEntered(grid, rows, column)) return issues;
  issues.add('error', 'sheet-not-filled', cellAddress(rows[0]!, column('completion')), { items: rows.length });
  return null;
}

function checkInputs(
  unit: Unit,
  plan: SheetPlan,
  grid: SheetGrid,
  rowMap: Map<number, number>,
  columns: Record<ColumnKey, number>,
  edition: TemplateEdition,
  issues: Issues,
): Scored {
  const layout = plan.layout;
  const rows = layout.itemRows.map((r) => ({
    ...r,
    actualRow: rowMap.get(r.row),
    weight: unit.items[r.itemIndex]!.weight,
  }));
  const column = (key: ColumnKey): number => columns[key];
  const assessedRule: AssessedRule = edition.assessedLocked
    ? { kind: 'read' }
    : {
        kind: 'check',
        required: assessedInUse(
          grid,
          rows.map((r) => r.actualRow),
          columns.assessedScore,
        ),
      };
  const present = rows.flatMap((r) => (r.actualRow === undefined ? [] : [r.actualRow]));
  const rowIssues = notFilledOrIssues(grid, present, column, issues);
  const scored: ScoreInput[] = [];
  const entries: ItemEntry[] = [];
  for (const r of rows) {
    if (r.actualRow === undefined) {
      scored.push({ block: r.block, weight: r.weight, selfScore: null, assessedScore: null });
      entries.push({
        itemIndex: r.itemIndex,
        selfScore: null,
        assessedScore: null,
        deductionReason: '',
        completion: '',
        evidence: '',
      });
      continue;
    }
    const { input, entry } = checkInputRow(grid, r.actualRow, r.weight, r.block, column, assessedRule, rowIssues);
    scored.push(input);
    entries.push({ itemIndex: r.itemIndex, ...entry });
  }
  const score = scoreUnit(scored);

  // The sheet's own subtotals and 合计 (their last computed values) against the recomputed sums.
  const sums = [
    ...layout.subtotalRows.map((s) => ({
      row: s.row,
      label: 'subtotal' as const,
      sums: score.blocks.find((b) => b.block === s.block),
    })),
    { row: layout.totalRow, label: 'total' as const, sums: score.total },
  ];
  for (const s of sums) {
    const actualRow = rowMap.get(s.row);
    if (actualRow === undefined || !s.sums) continue;
    const expectedBy = { weight: s.sums.weight, selfScore: s.sums.selfScore, assessedScore: s.sums.assessedScore };
    for (const key of ['weight', 'selfScore', 'assessedScore'] as const) {
      const actual = grid.get(actualRow, columns[key]);
      // No computed value stored (a file written without calculation), or a blank one (考核得分 not assessed yet):
      // nothing to disagree with.
      if (!actual || actual.formula === undefined || typeof actual.value !== 'number') continue;
      const expected = expectedBy[key];
      if (Math.abs(actual.value - expected) > 0.005) {
        issues.add('error', 'total-mismatch', actual.address, { label: s.label, expected, actual: actual.value });
      }
    }
  }
  entries.sort((a, b) => a.itemIndex - b.itemIndex);
  return { totals: totalsOf(score), score, entries };
}

/**
 * Without a template record: item rows are the rows under the header with a number in 序号 and in 分值, down to
 * the 合计 row; each belongs to the block of the subtotal row after it (小计 in 序号, the block's name in 指标类别),
 * as lockedContentFromCells reads blocks.
 */
function checkInputsByContent(
  grid: SheetGrid,
  header: HeaderMatch,
  candidates: readonly SheetTexts[],
  issues: Issues,
): Scored {
  const column = (key: ColumnKey): number => header.columns[key] ?? COLUMNS.findIndex((c) => c.key === key) + 1;
  const squeeze = (text: string): string => text.replace(/\s+/g, '');
  const totals = new Set(candidates.map((t) => squeeze(t.total)));
  const subtotals = new Set(candidates.map((t) => squeeze(t.subtotal)));
  const blockNames = new Map<string, Block>(
    candidates.flatMap((t) =>
      (Object.entries(t.blocks) as [Block, string][]).map(([b, name]) => [squeeze(name), b] as const),
    ),
  );
  const items: { row: number; weight: number }[] = [];
  const blockRows: { row: number; block: Block }[] = [];
  for (let r = header.row + 1; r <= grid.maxRow; r++) {
    const first = grid.row(r).find((c) => typeof c.value === 'string' && c.value.trim() !== '');
    const label = first ? squeeze(cellText(first.value)) : '';
    if (totals.has(label)) break;
    const seq = grid.value(r, column('seq'));
    const weight = grid.value(r, column('weight'));
    if (typeof seq === 'number' && typeof weight === 'number') {
      items.push({ row: r, weight });
    } else if (subtotals.has(label)) {
      const block = blockNames.get(squeeze(cellText(grid.value(r, column('category')))));
      if (block) blockRows.push({ row: r, block });
    }
  }
  const blockOf = blockBySubtotalBelow(blockRows);
  // Which version the sheet was is unknown: 考核得分 is checked where someone entered it, as in a v1 template.
  const assessedRule: AssessedRule = {
    kind: 'check',
    required: assessedInUse(
      grid,
      items.map((i) => i.row),
      column('assessedScore'),
    ),
  };
  const rowIssues = notFilledOrIssues(
    grid,
    items.map((i) => i.row),
    column,
    issues,
  );
  const scored = items.map(
    (i) => checkInputRow(grid, i.row, i.weight, blockOf(i.row), column, assessedRule, rowIssues).input,
  );
  const score = scoreUnit(scored);
  return { totals: totalsOf(score), score, entries: null };
}
