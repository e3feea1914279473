// TargetsDocument → Catalog: recognises sections by their titles, attaches the party-building tables to the
// groups they name, reads each unit's table into items, and reports everything it repaired, guessed or could
// not read. Knows no unit names, line numbers or counts: next year's document goes through the same rules.
import type { TableBlock, TableRow, TargetsDocument, TitleBlock } from './document';
import {
  UNIT_TOTAL_POINTS,
  type Block,
  type Catalog,
  type Diagnostic,
  type Group,
  type Item,
  type Severity,
  type Unit,
} from './model';
import {
  collapseRepeats,
  groupsNamed,
  headerColumn,
  isCategoryHeader,
  isPartyTitle,
  joinWrapped,
  matchKey,
  normaliseLabel,
  readWeight,
  splitPoints,
  yearOf,
  type HeaderColumn,
} from './labels';
import { ownerOf, statedOwner, type ResolvedOwner } from './owners';
import { readTargetsText } from './read-text';

export interface BuildOptions {
  /** A name for where the document came from, e.g. "2019-targets.txt" (never a full path). */
  source: string;
  /** Findings of the reader that produced the document; the builder names their unit and merges them in. */
  diagnostics?: readonly Diagnostic[];
  /** Year to use when no title states one (an error diagnostic says so). Defaults to 1900. */
  fallbackYear?: number;
}

type Params = Diagnostic['params'];

interface ReadItems {
  /** Owners as the text states them (resolved once the units are known). */
  items: Item[];
  /** Source line of each item. */
  lines: number[];
  /** Points written into the category label ("党政建设 20分"), when there are. */
  labelPoints: number | null;
  firstLine: number;
}

interface PartyBlock extends ReadItems {
  holder: Holder;
}

/** Whom a table belongs to: a party-building table (for the groups its title names), a unit, or nobody. */
interface Holder {
  kind: 'party' | 'unit' | 'dropped';
  name: string;
  line: number;
  group: Group | null;
  columns: Array<HeaderColumn | null>;
  rows: TableRow[];
  /** Why a dropped table was not read (its code is repeated for tables that continue it). */
  dropped?: 'unit-name-missing' | 'unit-without-group';
}

const DEFAULT_COLUMNS: Record<number, HeaderColumn[]> = {
  4: ['category', 'item', 'content', 'weight'],
  3: ['category', 'content', 'weight'],
};

/** A title above other titles that announces a section (考核…目标, or a year), whether or not we know its group. */
function looksLikeSection(title: string): boolean {
  const key = matchKey(title);
  return (/考核/.test(key) && /目标/.test(key)) || yearOf(title) !== null;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function buildCatalog(document: TargetsDocument, options: BuildOptions): Catalog {
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, code: string, unit: string | null, line: number | null, params: Params = {}) =>
    diagnostics.push({ severity, code, unit, line, params });

  // 1. Titles and tables → holders (party tables, units), sections and the year.
  const holders: Holder[] = [];
  let section: Group | null = null;
  let sectionKnown = false; // false before any section title, or after one whose group is unknown
  let pending: TitleBlock[] = [];
  const years: Array<{ year: number; line: number }> = [];
  let current: Holder | null = null;

  const noteYear = (title: TitleBlock): void => {
    const year = yearOf(title.text);
    if (year !== null) years.push({ year, line: title.line });
  };

  const takeSectionTitle = (title: TitleBlock): boolean => {
    if (!looksLikeSection(title.text) || isPartyTitle(title.text)) return false;
    const groups = groupsNamed(title.text);
    noteYear(title);
    if (groups.length === 1) {
      section = groups[0]!;
      sectionKnown = true;
    } else {
      section = null;
      sectionKnown = false;
      report('warning', 'unknown-section', null, title.line, { title: title.text });
    }
    return true;
  };

  for (const block of document.blocks) {
    if (block.kind === 'title') {
      pending.push(block);
      continue;
    }
    const table: TableBlock = block;
    if (table.rows.length === 0) continue;
    const first = table.rows[0]!;
    const hasHeader = first.cells.length > 0 && isCategoryHeader(first.cells[0]!);
    const dataRows = hasHeader ? table.rows.slice(1) : table.rows;

    if (pending.length === 0 && current !== null) {
      // A table without a title of its own continues the previous one (a table broken by a page or a note).
      if (current.dropped)
        report('error', current.dropped, current.name || null, first.line, { rows: dataRows.length });
      else report('info', 'table-continued', current.kind === 'unit' ? current.name : null, first.line);
      if (hasHeader)
        report('info', 'label-repeated', current.kind === 'unit' ? current.name : null, first.line, {
          label: '指标类别',
          times: 2,
        });
      current.rows.push(...dataRows);
      continue;
    }

    const titles = pending;
    pending = [];
    const holderTitle = titles.pop();
    for (const title of titles) {
      if (!takeSectionTitle(title)) report('warning', 'text-outside-table', null, title.line, { text: title.text });
    }

    let columns: Array<HeaderColumn | null>;
    if (hasHeader) {
      columns = first.cells.map((cell) => headerColumn(cell));
      first.cells.forEach((cell, index) => {
        if (columns[index] === null)
          report('warning', 'column-unknown', null, first.line, { column: index + 1, text: normaliseLabel(cell) });
      });
    } else {
      const width = Math.max(...dataRows.map((r) => r.cells.length));
      columns = DEFAULT_COLUMNS[width] ?? DEFAULT_COLUMNS[4]!;
    }

    if (holderTitle === undefined) {
      report('error', 'unit-name-missing', null, first.line, { rows: dataRows.length });
      current = {
        kind: 'dropped',
        name: '',
        line: first.line,
        group: null,
        columns,
        rows: dataRows,
        dropped: 'unit-name-missing',
      };
      holders.push(current);
      continue;
    }
    if (!hasHeader) report('warning', 'header-missing', null, first.line, { columns: columns.length });

    if (isPartyTitle(holderTitle.text)) {
      noteYear(holderTitle);
      current = { kind: 'party', name: holderTitle.text, line: holderTitle.line, group: null, columns, rows: dataRows };
      holders.push(current);
      continue;
    }
    if (
      looksLikeSection(holderTitle.text) &&
      groupsNamed(holderTitle.text).length > 0 &&
      !isPartyTitle(holderTitle.text)
    ) {
      // A section title directly above a table: the unit's own name is missing.
      takeSectionTitle(holderTitle);
      report('error', 'unit-name-missing', null, first.line, { rows: dataRows.length });
      current = {
        kind: 'dropped',
        name: '',
        line: first.line,
        group: null,
        columns,
        rows: dataRows,
        dropped: 'unit-name-missing',
      };
      holders.push(current);
      continue;
    }
    const name = normaliseLabel(holderTitle.text);
    if (!sectionKnown || section === null) {
      report('error', 'unit-without-group', name, holderTitle.line, { rows: dataRows.length });
      current = {
        kind: 'dropped',
        name,
        line: holderTitle.line,
        group: null,
        columns,
        rows: dataRows,
        dropped: 'unit-without-group',
      };
      holders.push(current);
      continue;
    }
    if (name !== holderTitle.text.trim()) {
      report('info', 'unit-name-spaces', name, holderTitle.line, { written: holderTitle.text.trim(), name });
    }
    current = { kind: 'unit', name, line: holderTitle.line, group: section, columns, rows: dataRows };
    holders.push(current);
  }
  for (const title of pending) {
    if (!takeSectionTitle(title)) report('warning', 'text-outside-table', null, title.line, { text: title.text });
  }

  // 2. Party-building blocks, by the groups their titles name.
  const partyBlocks = new Map<Group, PartyBlock>();
  for (const holder of holders.filter((o) => o.kind === 'party')) {
    const read = readItems(holder, 'party', null, report);
    const sum = round(read.items.reduce((total, item) => total + item.weight, 0));
    if (read.labelPoints !== null && read.labelPoints !== sum) {
      report('warning', 'block-total-mismatch', null, read.firstLine, {
        title: holder.name,
        points: read.labelPoints,
        total: sum,
      });
    }
    for (const group of groupsNamed(holder.name)) {
      if (partyBlocks.has(group)) {
        report('warning', 'party-block-duplicate', null, holder.line, { group, title: holder.name });
        continue;
      }
      partyBlocks.set(group, { ...read, holder });
    }
  }

  // 3. Units.
  const units: Unit[] = [];
  const ordinals = new Map<Group, number>();
  const names = new Set<string>();
  const missingParty = new Set<Group>();
  const ownReads: Array<{ read: ReadItems; unit: string }> = [];
  for (const holder of holders) {
    // Dropped tables were reported where they were found (unit-name-missing, unit-without-group).
    if (holder.kind !== 'unit' || holder.group === null) continue;
    const group = holder.group;
    const ordinal = (ordinals.get(group) ?? 0) + 1;
    ordinals.set(group, ordinal);
    const own = readItems(holder, 'own', holder.name, report);
    ownReads.push({ read: own, unit: holder.name });
    const party = partyBlocks.get(group);
    if (!party && !missingParty.has(group)) {
      missingParty.add(group);
      report('error', 'party-block-missing', holder.name, holder.line, { group });
    }
    const partyItems = party ? party.items.map((item) => ({ ...item })) : [];
    const items = [...partyItems, ...own.items];
    const partyTotal = round(partyItems.reduce((t, i) => t + i.weight, 0));
    const ownTotal = round(own.items.reduce((t, i) => t + i.weight, 0));
    const totalWeight = round(partyTotal + ownTotal);
    if (totalWeight !== UNIT_TOTAL_POINTS) {
      report('warning', 'unit-total-mismatch', holder.name, holder.line, {
        total: totalWeight,
        expected: UNIT_TOTAL_POINTS,
        party: partyTotal,
        own: ownTotal,
        expectedOwn: round(UNIT_TOTAL_POINTS - partyTotal),
      });
    }
    if (names.has(holder.name)) report('warning', 'unit-duplicate', holder.name, holder.line);
    names.add(holder.name);
    if (own.items.length === 0) report('error', 'unit-without-items', holder.name, holder.line);
    units.push({ id: `${group}-${String(ordinal).padStart(2, '0')}`, name: holder.name, group, totalWeight, items });
  }
  for (const holder of holders.filter((o) => o.kind === 'party')) {
    const used = [...partyBlocks].some(([group, block]) => block.holder === holder && ordinals.has(group));
    if (!used) report('warning', 'party-block-unused', null, holder.line, { title: holder.name });
  }
  if (units.length === 0) report('error', 'no-units', null, null);

  // 4. Owners, now that the units are known: each one resolved where certain, else kept as written and reported
  // once where it is written (a party table's owners once, not for every unit of its groups).
  const resolved = new Map<string, ResolvedOwner>();
  const resolve = (written: string): ResolvedOwner => {
    let found = resolved.get(written);
    if (found === undefined) resolved.set(written, (found = ownerOf(written, units)));
    return found;
  };
  const reportOwners = (read: ReadItems, unit: string | null): void =>
    read.items.forEach((item, index) => {
      const problem = item.owner === null ? null : resolve(item.owner).problem;
      if (problem) report('warning', problem.code, unit, read.lines[index]!, problem.params);
    });
  const partyReported = new Set<Item[]>();
  for (const [group, block] of partyBlocks) {
    // A table for several groups is one block of items: reported once; a table no unit uses, not at all.
    if (!ordinals.has(group) || partyReported.has(block.items)) continue;
    partyReported.add(block.items);
    reportOwners(block, null);
  }
  for (const { read, unit } of ownReads) reportOwners(read, unit);
  for (const unit of units)
    for (const item of unit.items) if (item.owner !== null) item.owner = resolve(item.owner).owner;

  // 5. Year: the titles say it; they should agree.
  let year = options.fallbackYear ?? 1900;
  if (years.length === 0) {
    report('error', 'year-missing', null, null, { year });
  } else {
    year = years[0]!.year;
    const other = years.find((y) => y.year !== year);
    if (other) report('warning', 'year-inconsistent', null, other.line, { year, other: other.year });
  }

  // 6. The reader's findings, attributed to the unit whose table holds their line.
  const starts = holders.map((o) => o.line);
  const located = (options.diagnostics ?? []).map((d) => {
    if (d.unit !== null || d.line === null) return d;
    const line = d.line;
    const index = holders.findIndex((o, i) => line >= o.line && (i + 1 >= starts.length || line < starts[i + 1]!));
    const holder = index >= 0 ? holders[index]! : null;
    return holder && holder.kind === 'unit' ? { ...d, unit: holder.name } : d;
  });
  const all = [...located, ...diagnostics];
  const order = (d: Diagnostic): number => (d.line === null ? Number.MAX_SAFE_INTEGER : d.line);
  all.sort((a, b) => order(a) - order(b));
  return { year, source: options.source, units, diagnostics: all };
}

type Reporter = (severity: Severity, code: string, unit: string | null, line: number | null, params?: Params) => void;

/**
 * One table's rows → items. Empty 指标类别 / 考核项目 cells are merged cells: the label above carries down.
 * Contents and weights are never carried or invented.
 */
function readItems(holder: Holder, block: Block, unit: string | null, report: Reporter): ReadItems {
  const items: Item[] = [];
  const itemLines: number[] = [];
  const weightMissing = new Map<number, Diagnostic>();
  const columns = holder.columns;
  const width = columns.length;
  const hasItemColumn = columns.includes('item');
  let category = '';
  let itemLabel = '';
  let labelPoints: number | null = null;
  let mergedItemRows = 0;
  let mergedItemLine: number | null = null;

  const readLabel = (raw: string, line: number): { text: string; reported: boolean } => {
    const normal = normaliseLabel(raw);
    const collapsed = collapseRepeats(normal);
    if (collapsed.times > 1)
      report('info', 'label-repeated', unit, line, { label: collapsed.text, times: collapsed.times });
    return { text: collapsed.text, reported: collapsed.times > 1 };
  };
  // The item produced by the row just above (null after a row that produced none): a weight alone or a
  // content continuation on the next row belongs to it.
  let previous: { index: number; line: number } | null = null;

  for (const row of holder.rows) {
    const cells = row.cells;
    if (cells.every((c) => c.trim() === '')) continue;
    let fields: Partial<Record<HeaderColumn, string>> = {};
    let itemMerged = false;
    if (cells.length === width) {
      cells.forEach((cell, index) => {
        const column = columns[index];
        if (column) fields[column] = cell;
      });
    } else {
      const lastReading = readWeight(cells[cells.length - 1]!);
      const endsInWeight = lastReading.kind === 'number' || lastReading.kind === 'sum';
      const others = endsInWeight ? cells.slice(0, -1) : cells;
      fields = endsInWeight ? { weight: cells[cells.length - 1]! } : {};
      if (others.length >= 3) {
        fields.category = others[0]!;
        fields.item = others[1]!;
        fields.content = others.slice(2).join('\n');
      } else if (others.length === 2) {
        fields.category = others[0]!;
        fields.content = others[1]!;
      } else if (others.length === 1) {
        fields.content = others[0]!;
      }
      if (hasItemColumn && cells.length === width - 1 && endsInWeight) {
        // The 考核项目 column is merged into 考核内容 for these rows (common in 个性指标 parts).
        itemMerged = true;
        mergedItemRows++;
        mergedItemLine ??= row.line;
      } else {
        report('warning', 'column-count', unit, row.line, { cells: cells.length, expected: width });
      }
    }

    const rawCategory = fields.category ?? '';
    let newLabel = false;
    if (rawCategory.trim() !== '') {
      const label = readLabel(rawCategory, row.line);
      const split = splitPoints(label.text);
      if (split.points !== null) {
        labelPoints = (labelPoints ?? 0) + split.points;
      }
      if (split.label === category && items.length > 0) {
        // The merged cell written again where the table breaks across pages.
        if (!label.reported) report('info', 'label-repeated', unit, row.line, { label: split.label, times: 2 });
      } else if (split.label !== category) {
        itemLabel = '';
        newLabel = true;
      }
      category = split.label;
    }
    const rawItem = fields.item ?? '';
    if (itemMerged) {
      itemLabel = '';
    } else if (rawItem.trim() !== '') {
      const label = readLabel(rawItem, row.line).text;
      newLabel ||= label !== itemLabel;
      itemLabel = label;
    }

    const content = joinWrapped((fields.content ?? '').split('\n'));
    const weightText = fields.weight ?? '';
    const reading = readWeight(weightText);

    if (content === '' && reading.kind === 'missing') {
      // Labels only: nothing to assess, but the labels carry down.
      report('info', 'label-only-row', unit, row.line, { label: [category, itemLabel].filter(Boolean).join(' / ') });
      continue;
    }
    const above = previous;
    previous = null;
    if (above && !newLabel && rawItem.trim() === '') {
      const prior = items[above.index]!;
      if (content === '' && (reading.kind === 'number' || reading.kind === 'sum') && weightMissing.has(above.index)) {
        // A weight alone on the row below a row without one: the row was split by a page break.
        prior.weight = reading.value;
        weightMissing.delete(above.index);
        report('info', 'row-split', unit, row.line, { row: above.line });
        continue;
      }
      if (
        content !== '' &&
        reading.kind === 'missing' &&
        prior.content !== '' &&
        !/[。；;.!！?？]$/.test(prior.content)
      ) {
        // The text goes on, on the next row, without a weight: a row split by a page break mid-sentence.
        prior.content = joinWrapped([prior.content, content]);
        report('info', 'row-split', unit, row.line, { row: above.line });
        continue;
      }
    }

    let weight = 0;
    if (reading.kind === 'number') {
      weight = reading.value;
      if (reading.repaired) report('info', 'weight-repaired', unit, row.line, { text: weightText.trim(), weight });
    } else if (reading.kind === 'sum') {
      weight = reading.value;
      report('warning', 'weight-sum', unit, row.line, { text: reading.text, weight });
    } else if (reading.kind === 'missing') {
      const diag: Diagnostic = {
        severity: 'error',
        code: 'weight-missing',
        unit,
        line: row.line,
        params: { content: shorten(content) },
      };
      weightMissing.set(items.length, diag);
    } else {
      report('error', 'weight-not-numeric', unit, row.line, { text: reading.text, content: shorten(content) });
    }
    if (content === '') report('warning', 'content-missing', unit, row.line, { weight });
    if (category === '') report('warning', 'category-missing', unit, row.line);
    previous = { index: items.length, line: row.line };
    items.push({ block, category, item: itemLabel, content, weight, owner: null });
    itemLines.push(row.line);
  }
  for (const diag of weightMissing.values()) report(diag.severity, diag.code, diag.unit, diag.line, diag.params);
  if (mergedItemRows > 0 && hasItemColumn) {
    report('info', 'item-column-merged', unit, mergedItemLine, { rows: mergedItemRows });
  }
  if (!hasItemColumn && items.length > 0) {
    report('info', 'item-column-missing', unit, holder.rows[0]?.line ?? holder.line, { rows: items.length });
  }
  // The owner is read from the whole content, page-split continuations joined.
  for (const item of items) item.owner = statedOwner(item.content);
  return { items, lines: itemLines, labelPoints, firstLine: itemLines[0] ?? holder.line };
}

function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : text;
}

/** The Word document exported as text → Catalog: read-text then build, with both steps' diagnostics. */
export function readCatalogText(text: string, options: { source: string; fallbackYear?: number }): Catalog {
  const { document, diagnostics } = readTargetsText(text);
  return buildCatalog(document, { ...options, diagnostics });
}
