// The master sheet: next year's targets kept in Excel, one row per target, edited by staff like any table.
// This module works on cell values only (no Excel, no files), so the xlsx adapter and the task pane (values
// read from the open workbook) share it.
//
// Layout (the texts are a file contract, like a template's header row):
//   row 1   2019年度考核目标总表            ← the year is read from the rows above the header ("…YYYY年…")
//   row 2   单位 | 分组 | 板块 | 指标类别 | 考核项目 | 考核内容 | 分值 | 考核单位
//   row 3…  one target per row
// - 分组 is written in Chinese: 事业局 / 市（州）局 / 厅机关处室 / 厅直属单位.
// - 板块 is 党政建设 (the party-building block) or 本单位 (the unit's own targets).
// - When every unit of a group has the same party-building targets (the document's case: one table per group),
//   they are written once for the group, with 单位 = （本组各单位）: edited once, every unit of the group gets
//   them, first. A unit that has 党政建设 rows of its own keeps those instead.
// - 考核单位 is the item's owner (Item.owner): empty for the assessment team (考核组). It is read as the document's
//   owners are (./owners): a unit's name, or a name resolved to one with certainty; other text is kept and reported.
//   A sheet without the column (written before owners existed) reads with no owners.
// - Units keep the order of their first row; their ids are made the way the document builder makes them
//   (group and position in the group: "city-03").
// The reader finds columns by their header texts (any order, extra columns ignored) and reports every problem as
// a diagnostic with the sheet row in `line`, using the document builder's codes where the meaning is the same.
import { columnLetter } from '../address';
import { joinWrapped, matchKey, normaliseLabel, readWeight, yearOf } from './labels';
import { ownerOf, type ResolvedOwner } from './owners';
import { catalogSchema } from './schema';
import {
  GROUPS,
  UNIT_TOTAL_POINTS,
  type Block,
  type Catalog,
  type Diagnostic,
  type Group,
  type Item,
  type Unit,
} from './model';

/** A cell value as Excel (ExcelJS or Office.js `values`) gives it. */
export type MasterCell = string | number | boolean | null | undefined;
export interface MasterRow {
  /** 1-based sheet row. */
  row: number;
  cells: MasterCell[];
}

export type MasterColumn = 'unit' | 'group' | 'block' | 'category' | 'item' | 'content' | 'weight' | 'owner';

/** Header texts, in the order the sheet is written. */
export const MASTER_HEADERS: Readonly<Record<MasterColumn, string>> = {
  unit: '单位',
  group: '分组',
  block: '板块',
  category: '指标类别',
  item: '考核项目',
  content: '考核内容',
  weight: '分值',
  owner: '考核单位',
};
export const MASTER_COLUMNS: readonly MasterColumn[] = [
  'unit',
  'group',
  'block',
  'category',
  'item',
  'content',
  'weight',
  // Last, so that every column before it keeps the letter it had before owners existed.
  'owner',
];
/** Column widths in characters, for every writer of the master sheet (the .xlsx file, the task pane). */
export const MASTER_COLUMN_WIDTHS: Readonly<Record<MasterColumn, number>> = {
  unit: 26,
  group: 14,
  block: 10,
  category: 14,
  item: 18,
  content: 72,
  weight: 8,
  owner: 22,
};
/**
 * 板块 may be left out of a hand-made sheet: rows whose 指标类别 is 党政建设 are then the party block. 考核单位 may be
 * left out too: a sheet written before items had owners reads with none.
 */
const REQUIRED_COLUMNS: readonly MasterColumn[] = ['unit', 'group', 'category', 'item', 'content', 'weight'];

/** The worksheet the master sheet is written to (and looked for first when reading). */
export const MASTER_SHEET_NAME = '考核目标';

/** Where catalogToMasterRows puts the title and the header (1-based rows). */
export const MASTER_TITLE_ROW = 1;
export const MASTER_HEADER_ROW = 2;

export const GROUP_LABELS: Readonly<Record<Group, string>> = {
  bureau: '事业局',
  city: '市（州）局',
  department: '厅机关处室',
  institution: '厅直属单位',
};
export const BLOCK_LABELS: Readonly<Record<Block, string>> = { party: '党政建设', own: '本单位' };
/** 单位 of a party-building row shared by every unit of its group. */
export const SHARED_UNIT_LABEL = '（本组各单位）';

export function masterTitle(year: number): string {
  return `${year}年度考核目标总表`;
}

const GROUP_ALIASES: ReadonlyArray<[Group, readonly string[]]> = [
  ['bureau', ['事业局', '各事业局', 'bureau']],
  ['city', ['市(州)局', '市州局', '市(州)', '市州', '市(州)自然资源主管部门', 'city']],
  ['department', ['厅机关处室', '厅机关', '厅机关各部门', '厅机关各处室', 'department']],
  ['institution', ['厅直属单位', '厅直属', '厅直属事业单位', 'institution']],
];

/** 分组 as staff may write it: the short names above, the document's long names, or the code. */
export function parseGroup(text: string): Group | null {
  const key = matchKey(text);
  for (const [group, names] of GROUP_ALIASES) if (names.includes(key)) return group;
  return null;
}

function parseBlock(text: string): Block | null {
  const key = matchKey(text);
  if (key === '党政建设' || key === 'party') return 'party';
  if (key === '本单位' || key === 'own') return 'own';
  return null;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** As the document builder quotes a target's content in a diagnostic. */
function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : text;
}

// ---------------------------------------------------------------------------------------------------------
// Catalog → rows

function sameItems(a: readonly Item[], b: readonly Item[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.block === y.block &&
        x.category === y.category &&
        x.item === y.item &&
        x.content === y.content &&
        x.weight === y.weight &&
        x.owner === y.owner
      );
    })
  );
}

/** The party items every unit of the group starts with, when writing them once loses nothing; else null. */
function sharedPartyItems(units: readonly Unit[]): Item[] | null {
  let shared: Item[] | null = null;
  for (const unit of units) {
    const firstOwn = unit.items.findIndex((item) => item.block !== 'party');
    if (firstOwn <= 0) return null; // no party items, or no own item left to carry the unit's rows
    if (unit.items.slice(firstOwn).some((item) => item.block === 'party')) return null;
    const party = unit.items.slice(0, firstOwn);
    if (shared === null) shared = party;
    else if (!sameItems(shared, party)) return null;
  }
  return shared;
}

/**
 * 分值 cells for items whose weight the document did not give (weight-missing: left empty) or gave as words
 * (weight-not-numeric: the words, as written), so that reading the sheet back reports them again instead of
 * showing a silent 0.
 */
function unreadWeights(catalog: Catalog): Map<Item, string> {
  const cells = new Map<Item, string>();
  for (const d of catalog.diagnostics) {
    if ((d.code !== 'weight-missing' && d.code !== 'weight-not-numeric') || d.unit === null) continue;
    const quoted = String(d.params['content'] ?? '');
    const unit = catalog.units.find((u) => u.name === d.unit);
    const item = unit?.items.find((i) => i.weight === 0 && !cells.has(i) && shorten(i.content) === quoted);
    if (item) cells.set(item, d.code === 'weight-missing' ? '' : String(d.params['text'] ?? ''));
  }
  return cells;
}

/**
 * The master sheet for a catalog, as a rectangular grid of values (7 columns): the title row, the header row,
 * then one row per target. Deterministic: the same catalog always gives the same grid.
 */
export function catalogToMasterRows(catalog: Catalog): Array<Array<string | number>> {
  // Rectangular (the title row padded), so the task pane can write it into a range in one call.
  const titleRow = MASTER_COLUMNS.map((_, index) => (index === 0 ? masterTitle(catalog.year) : ''));
  const grid: Array<Array<string | number>> = [titleRow, MASTER_COLUMNS.map((c) => MASTER_HEADERS[c])];
  const byGroup = new Map<Group, Unit[]>();
  for (const unit of catalog.units) byGroup.set(unit.group, [...(byGroup.get(unit.group) ?? []), unit]);
  const shared = new Map<Group, Item[] | null>();
  for (const [g, units] of byGroup) shared.set(g, sharedPartyItems(units));
  const unread = unreadWeights(catalog);

  const line = (unit: string, g: Group, item: Item | null): Array<string | number> => {
    const values: Record<MasterColumn, string | number> = {
      unit,
      group: GROUP_LABELS[g],
      block: item ? BLOCK_LABELS[item.block] : '',
      category: item?.category ?? '',
      item: item?.item ?? '',
      content: item?.content ?? '',
      weight: item ? (unread.get(item) ?? item.weight) : '',
      owner: item?.owner ?? '',
    };
    return MASTER_COLUMNS.map((c) => values[c]);
  };

  const written = new Set<Group>();
  for (const unit of catalog.units) {
    const partyOnce = shared.get(unit.group) ?? null;
    if (partyOnce && !written.has(unit.group)) {
      written.add(unit.group);
      for (const item of partyOnce) grid.push(line(SHARED_UNIT_LABEL, unit.group, item));
    }
    const items = partyOnce ? unit.items.slice(partyOnce.length) : unit.items;
    if (items.length === 0) grid.push(line(unit.name, unit.group, null));
    for (const item of items) grid.push(line(unit.name, unit.group, item));
  }
  return grid;
}

// ---------------------------------------------------------------------------------------------------------
// Rows → catalog

function cellText(value: MasterCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value.trim();
}

type HeaderFound =
  { found: true; index: number; columns: Map<MasterColumn, number> } | { found: false; missing: MasterColumn[] };

/** The first row that names every required column; columns are found by their text, in any order. */
function findHeader(rows: readonly MasterRow[]): HeaderFound {
  let best: MasterColumn[] = [...REQUIRED_COLUMNS];
  for (let index = 0; index < rows.length; index++) {
    const columns = new Map<MasterColumn, number>();
    rows[index]!.cells.forEach((value, at) => {
      const key = matchKey(cellText(value));
      for (const c of MASTER_COLUMNS) if (!columns.has(c) && matchKey(MASTER_HEADERS[c]) === key) columns.set(c, at);
    });
    const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
    if (missing.length === 0) return { found: true, index, columns };
    if (missing.length < best.length) best = missing;
  }
  return { found: false, missing: best };
}

/** True when some row names every required column: these rows are a master sheet. */
export function hasMasterHeader(rows: readonly MasterRow[]): boolean {
  return findHeader(rows).found;
}

/** A merged area: sheet rows `top`–`bottom`, cell indexes `left`–`right` (0-based, as in MasterRow.cells). */
export interface MergedArea {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * Rows with every merged area's value copied into all of its cells. Office.js gives a merged area's value only in
 * its top-left cell (ExcelJS already resolves merges): a 指标类别 merged over several rows by staff belongs to each.
 */
export function fillMergedAreas(rows: readonly MasterRow[], areas: readonly MergedArea[]): MasterRow[] {
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const filled = new Map<number, MasterCell[]>();
  const cellsOf = (row: number): MasterCell[] | undefined => {
    const existing = filled.get(row);
    if (existing) return existing;
    const source = byRow.get(row);
    if (!source) return undefined;
    const copy = [...source.cells];
    filled.set(row, copy);
    return copy;
  };
  for (const area of areas) {
    const value = byRow.get(area.top)?.cells[area.left];
    if (value === undefined || value === null || value === '') continue;
    for (let row = area.top; row <= area.bottom; row++) {
      const cells = cellsOf(row);
      if (!cells) continue;
      for (let col = area.left; col <= area.right; col++) if (row !== area.top || col !== area.left) cells[col] = value;
    }
  }
  return rows.map((r) => (filled.has(r.row) ? { row: r.row, cells: filled.get(r.row)! } : r));
}

interface UnitDraft {
  name: string;
  group: Group;
  firstRow: number;
  items: Item[];
}

export interface MasterReadOptions {
  /** Name of the sheet's source (a file name, or the workbook and sheet), never a full path. */
  source: string;
  /** Year to use when no row above the header states one (an error diagnostic says so). Defaults to 1900. */
  fallbackYear?: number;
}

/**
 * Reads the master sheet's rows (values as Excel holds them, with their sheet row numbers; the title and header
 * rows included) into a catalog. Every problem becomes a diagnostic carrying the sheet row; a row that cannot be
 * placed (no unit, no or an unknown group) is left out and said so, everything else is kept.
 */
export function masterRowsToCatalog(rows: readonly MasterRow[], options: MasterReadOptions): Catalog {
  const diagnostics: Diagnostic[] = [];
  const unitFindings: Diagnostic[] = [];
  const report = (
    severity: Diagnostic['severity'],
    code: string,
    unit: string | null,
    line: number | null,
    params: Diagnostic['params'] = {},
  ): void => {
    diagnostics.push({ severity, code, unit, line, params });
  };
  /** Findings about a whole unit, placed on its first row ahead of that row's own findings. */
  const reportUnit = (
    severity: Diagnostic['severity'],
    code: string,
    unit: string,
    line: number,
    params: Diagnostic['params'] = {},
  ): void => {
    unitFindings.push({ severity, code, unit, line, params });
  };
  const finish = (year: number, units: Unit[]): Catalog => {
    const order = (d: Diagnostic): number => (d.line === null ? Number.MAX_SAFE_INTEGER : d.line);
    const all = [...unitFindings, ...diagnostics].sort((a, b) => order(a) - order(b));
    return catalogSchema.parse({ year, source: options.source, units, diagnostics: all });
  };

  const header = findHeader(rows);
  let year = options.fallbackYear ?? 1900;
  if (!header.found) {
    report('error', 'master-header-missing', null, null, {
      columns: header.missing.map((c) => MASTER_HEADERS[c]).join('、'),
    });
    return finish(year, []);
  }
  const stated = rows
    .slice(0, header.index)
    .flatMap((row) => row.cells.map((value) => ({ year: yearOf(cellText(value)), row: row.row })))
    .find((found) => found.year !== null);
  if (stated?.year) year = stated.year;
  else report('error', 'year-missing', null, null, { year });

  const units = new Map<string, UnitDraft>();
  const order: UnitDraft[] = [];
  const shared = new Map<Group, { items: Item[]; row: number }>();
  let previous: UnitDraft | null = null;
  /** 考核单位 as written, per item, resolved once every unit is known. */
  const ownersWritten: Array<{ item: Item; written: string; unit: string | null; line: number }> = [];

  for (const row of rows.slice(header.index + 1)) {
    const raw = (column: MasterColumn) => {
      const index = header.columns.get(column);
      return index === undefined ? undefined : row.cells[index];
    };
    const text = (column: MasterColumn): string => cellText(raw(column));
    if (MASTER_COLUMNS.every((c) => text(c) === '')) continue; // a blank row between blocks
    const line = row.row;

    const written = text('unit');
    const unitName = normaliseLabel(written);
    if (unitName === '') {
      report('error', 'master-unit-empty', null, line);
      previous = null;
      continue;
    }
    const isShared = matchKey(unitName) === matchKey(SHARED_UNIT_LABEL);
    const unitRef = isShared ? null : unitName;
    const groupText = text('group');
    const group = parseGroup(groupText);
    if (group === null) {
      report('error', groupText === '' ? 'master-group-empty' : 'master-group-unknown', unitRef, line, {
        value: groupText,
      });
      previous = null;
      continue;
    }

    // A row with only 单位 and 分组 names a unit without targets (written so for a unit that has none).
    const onlyNames = (['block', 'category', 'item', 'content', 'weight'] as const).every((c) => text(c) === '');
    let item: Item | null = null;
    if (!onlyNames) {
      const category = normaliseLabel(text('category'));
      let block: Block = isShared || category === BLOCK_LABELS.party ? 'party' : 'own';
      const blockText = text('block');
      if (blockText !== '') {
        const parsed = parseBlock(blockText);
        if (parsed === null)
          report('error', 'master-block-unknown', unitRef, line, { value: blockText, assumed: BLOCK_LABELS[block] });
        else if (isShared && parsed === 'own')
          report('error', 'master-shared-not-party', null, line, { value: blockText });
        else block = parsed;
      } else if (header.columns.has('block')) {
        report('warning', 'master-block-empty', unitRef, line, { assumed: BLOCK_LABELS[block] });
      }
      const content = joinWrapped(text('content').split(/\r\n|\r|\n/));
      const weightCell = raw('weight');
      let weight = 0;
      if (typeof weightCell === 'number' && Number.isFinite(weightCell)) {
        if (weightCell < 0)
          report('error', 'master-weight-negative', unitRef, line, { value: weightCell, content: shorten(content) });
        else weight = weightCell;
      } else {
        const reading = readWeight(cellText(weightCell));
        if (reading.kind === 'missing') report('error', 'weight-missing', unitRef, line, { content: shorten(content) });
        else if (reading.kind === 'number') {
          // Accepted, and said: a number stored as text is left out of Excel's own sums; "2分" or full-width
          // digits are repaired as the document reader repairs them.
          if (reading.repaired)
            report('info', 'weight-repaired', unitRef, line, { text: cellText(weightCell), weight: reading.value });
          else
            report('info', 'master-weight-text', unitRef, line, { text: cellText(weightCell), weight: reading.value });
          weight = reading.value;
        } else if (reading.kind === 'sum') {
          report('warning', 'weight-sum', unitRef, line, { text: reading.text, weight: reading.value });
          weight = reading.value;
        } else {
          report('error', 'weight-not-numeric', unitRef, line, { text: reading.text, content: shorten(content) });
        }
      }
      if (content === '') report('warning', 'content-missing', unitRef, line, { weight });
      if (category === '') report('warning', 'category-missing', unitRef, line);
      item = { block, category, item: normaliseLabel(text('item')), content, weight, owner: null };
      const owner = normaliseLabel(text('owner'));
      if (owner !== '') ownersWritten.push({ item, written: owner, unit: unitRef, line });
    }

    if (isShared) {
      const entry = shared.get(group) ?? { items: [], row: line };
      if (item) entry.items.push(item);
      shared.set(group, entry);
      previous = null;
      continue;
    }

    let draft = units.get(unitName);
    if (!draft) {
      draft = { name: unitName, group, firstRow: line, items: [] };
      units.set(unitName, draft);
      order.push(draft);
      if (unitName !== written) reportUnit('info', 'unit-name-spaces', unitName, line, { written, name: unitName });
    } else {
      // The unit's rows are split by another unit's: usually a block pasted twice. Its rows are kept together.
      if (previous !== draft) report('warning', 'master-unit-duplicate', unitName, line, { firstRow: draft.firstRow });
      if (draft.group !== group) {
        report('error', 'master-group-conflict', unitName, line, { value: groupText, group: draft.group });
      }
    }
    if (item) draft.items.push(item);
    previous = draft;
  }

  // Owners first (shared party items are copied into each unit below, owners included): a row's owner is
  // reported once, on its row.
  const catalogUnits = order.map((draft) => ({
    id: '',
    name: draft.name,
    group: draft.group,
    totalWeight: 0,
    items: [],
  }));
  const resolved = new Map<string, ResolvedOwner>();
  for (const { item, written, unit, line } of ownersWritten) {
    let found = resolved.get(written);
    if (found === undefined) resolved.set(written, (found = ownerOf(written, catalogUnits)));
    item.owner = found.owner;
    if (found.problem) report('warning', found.problem.code, unit, line, found.problem.params);
  }

  const ordinals = new Map<Group, number>();
  const missingParty = new Set<Group>();
  const result: Unit[] = order.map((draft) => {
    const ordinal = (ordinals.get(draft.group) ?? 0) + 1;
    ordinals.set(draft.group, ordinal);
    const hasOwnParty = draft.items.some((item) => item.block === 'party');
    const sharedItems = hasOwnParty ? [] : (shared.get(draft.group)?.items ?? []).map((item) => ({ ...item }));
    const items = [...sharedItems, ...draft.items];
    const partyItems = items.filter((item) => item.block === 'party');
    const ownItems = items.filter((item) => item.block === 'own');
    if (partyItems.length === 0 && !missingParty.has(draft.group)) {
      missingParty.add(draft.group);
      reportUnit('error', 'party-block-missing', draft.name, draft.firstRow, { group: draft.group });
    }
    // Summed as the document builder sums them, so the same weights give the very same totals.
    const partyTotal = round(partyItems.reduce((t, i) => t + i.weight, 0));
    const ownTotal = round(ownItems.reduce((t, i) => t + i.weight, 0));
    const totalWeight = round(partyTotal + ownTotal);
    if (totalWeight !== UNIT_TOTAL_POINTS) {
      reportUnit('warning', 'unit-total-mismatch', draft.name, draft.firstRow, {
        total: totalWeight,
        expected: UNIT_TOTAL_POINTS,
        party: partyTotal,
        own: ownTotal,
        expectedOwn: round(UNIT_TOTAL_POINTS - partyTotal),
      });
    }
    if (ownItems.length === 0) reportUnit('error', 'unit-without-items', draft.name, draft.firstRow);
    return {
      id: `${draft.group}-${String(ordinal).padStart(2, '0')}`,
      name: draft.name,
      group: draft.group,
      totalWeight,
      items,
    };
  });
  for (const [group, entry] of shared) {
    if (!ordinals.has(group)) report('warning', 'master-shared-unused', null, entry.row, { group });
  }
  if (result.length === 0) report('error', 'no-units', null, null);
  return finish(year, result);
}

export { GROUPS };

// ---------------------------------------------------------------------------------------------------------
// The sheet's layout, for every writer (the .xlsx file, the task pane's live workbook)

/** Rows below the last target that still get the 分组 / 板块 / 分值 validation and format, for rows staff add. */
export const MASTER_SPARE_ROWS = 500;
/** 分值's number format: one decimal at least, two at most. */
export const MASTER_WEIGHT_FORMAT = '0.0#';

/** A validation rule over one column's range: a drop-down list of `values`, or a decimal ≥ `min`. Blanks allowed. */
export type MasterValidation =
  | { column: MasterColumn; range: string; kind: 'list'; values: readonly string[] }
  | { column: MasterColumn; range: string; kind: 'decimal-min'; min: number };

export interface MasterSheetLayout {
  /** Rows and columns frozen: the title and header rows, and 单位. */
  freeze: { rows: number; cols: number };
  /** The title row merged across every column (A1 range). */
  titleMerge: string;
  /** The autofilter: the header row down to the last row, every column (A1 range). */
  filter: string;
  /** 分值's number format, over its target rows and the spare rows below (A1 range). */
  weightFormat: { column: MasterColumn; range: string; format: string };
  /** 分组 and 板块 lists and 分值 ≥ 0, over the target rows and the spare rows below. */
  validations: MasterValidation[];
}

function columnLetterOf(column: MasterColumn): string {
  return columnLetter(MASTER_COLUMNS.indexOf(column) + 1);
}

/**
 * The master sheet's layout for a grid of `rowCount` rows (catalogToMasterRows(…).length: title, header and
 * targets). Both writers apply exactly this; the ranges cover the rows below the header down to the last row plus
 * MASTER_SPARE_ROWS.
 */
export function masterSheetLayout(rowCount: number): MasterSheetLayout {
  const lastColumn = columnLetterOf(MASTER_COLUMNS[MASTER_COLUMNS.length - 1]!);
  const first = MASTER_HEADER_ROW + 1;
  const lastEditable = rowCount + MASTER_SPARE_ROWS;
  const over = (column: MasterColumn): string =>
    `${columnLetterOf(column)}${first}:${columnLetterOf(column)}${lastEditable}`;
  return {
    freeze: { rows: MASTER_HEADER_ROW, cols: 1 },
    titleMerge: `A${MASTER_TITLE_ROW}:${lastColumn}${MASTER_TITLE_ROW}`,
    filter: `A${MASTER_HEADER_ROW}:${lastColumn}${Math.max(rowCount, MASTER_HEADER_ROW)}`,
    weightFormat: { column: 'weight', range: over('weight'), format: MASTER_WEIGHT_FORMAT },
    validations: [
      { column: 'group', range: over('group'), kind: 'list', values: GROUPS.map((g) => GROUP_LABELS[g]) },
      { column: 'block', range: over('block'), kind: 'list', values: [BLOCK_LABELS.party, BLOCK_LABELS.own] },
      { column: 'weight', range: over('weight'), kind: 'decimal-min', min: 0 },
    ],
  };
}
