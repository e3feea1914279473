// Who scores what. Every (unit, item) pair of a catalog has exactly one scorer: the item's owner (牵头考核单位) —
// a unit of the catalog, or a name the reader kept as written because it could not be resolved with certainty —
// or, where no owner is stated, the assessment team (考核组). The scoring workbooks, the merge and the catalog
// listing all take scorers from here, so they cannot disagree about who scores a pair.
import type { Catalog, Item, Unit } from './model';

export type Scorer =
  /** The owner is this unit of the catalog. */
  | { kind: 'unit'; name: string; unitId: string }
  /** The owner as written, which names no single unit of the catalog (the reader said why in a diagnostic). */
  | { kind: 'text'; name: string }
  /** No owner stated: the assessment team (考核组). */
  | { kind: 'team' };

// A catalog's name → unit table is built once per units array: scorerOf is called for every pair.
const unitsByName = new WeakMap<readonly Unit[], Map<string, Unit | null>>();

function unitNamed(units: readonly Unit[], name: string): Unit | null {
  let byName = unitsByName.get(units);
  if (byName === undefined) {
    byName = new Map();
    // Two units of one name (the reader reports unit-duplicate) are no certain owner: null.
    for (const unit of units) byName.set(unit.name, byName.has(unit.name) ? null : unit);
    unitsByName.set(units, byName);
  }
  return byName.get(name) ?? null;
}

/** The scorer of an item of `catalog`: its owner when the owner is the name of exactly one unit, else as above. */
export function scorerOf(catalog: Pick<Catalog, 'units'>, item: Pick<Item, 'owner'>): Scorer {
  if (item.owner === null) return { kind: 'team' };
  const unit = unitNamed(catalog.units, item.owner);
  return unit ? { kind: 'unit', name: unit.name, unitId: unit.id } : { kind: 'text', name: item.owner };
}

/** A key unique to one scorer of a catalog, for maps and file names' uniqueness: unit:<id>, text:<name>, team. */
export function scorerKey(scorer: Scorer): string {
  if (scorer.kind === 'unit') return `unit:${scorer.unitId}`;
  if (scorer.kind === 'text') return `text:${scorer.name}`;
  return 'team';
}

export function sameScorer(a: Scorer, b: Scorer): boolean {
  return scorerKey(a) === scorerKey(b);
}

/** One (unit, item) pair: the unit's id and the item's index in `unit.items`. */
export interface ScoredPair {
  unitId: string;
  index: number;
}

/** An item as a scorer sees it: shared items (a group's 党政建设 block) once, with every unit that has it. */
export interface ScorerItem {
  /** The item as the first unit that has it holds it. */
  item: Item;
  /** Ids of the units that have this item, in catalog order. */
  unitIds: string[];
}

export interface CatalogScorer {
  scorer: Scorer;
  /** The distinct items this scorer scores, in catalog order (same block, texts and weight = the same item). */
  items: ScorerItem[];
  /** Ids of the units that have at least one item of this scorer, in catalog order. */
  unitIds: string[];
  /** Every (unit, item) pair this scorer scores, in catalog order. */
  pairs: ScoredPair[];
}

function itemKey(item: Item): string {
  return JSON.stringify([item.block, item.category, item.item, item.content, item.weight]);
}

/**
 * The scorers of a catalog: owners in the order their first item appears, then the assessment team (when it has
 * any item). Together their pairs are every (unit, item) pair of the catalog, each exactly once.
 */
export function catalogScorers(catalog: Pick<Catalog, 'units'>): CatalogScorer[] {
  const byKey = new Map<string, CatalogScorer & { itemsByKey: Map<string, ScorerItem> }>();
  for (const unit of catalog.units) {
    unit.items.forEach((item, index) => {
      const scorer = scorerOf(catalog, item);
      const key = scorerKey(scorer);
      let entry = byKey.get(key);
      if (!entry) {
        entry = { scorer, items: [], unitIds: [], pairs: [], itemsByKey: new Map() };
        byKey.set(key, entry);
      }
      entry.pairs.push({ unitId: unit.id, index });
      if (entry.unitIds[entry.unitIds.length - 1] !== unit.id) entry.unitIds.push(unit.id);
      const identity = itemKey(item);
      const shared = entry.itemsByKey.get(identity);
      if (shared === undefined) {
        const first: ScorerItem = { item, unitIds: [unit.id] };
        entry.itemsByKey.set(identity, first);
        entry.items.push(first);
      } else if (shared.unitIds[shared.unitIds.length - 1] !== unit.id) {
        shared.unitIds.push(unit.id);
      }
    });
  }
  const all = [...byKey.values()].map(({ scorer, items, unitIds, pairs }) => ({ scorer, items, unitIds, pairs }));
  return [...all.filter((s) => s.scorer.kind !== 'team'), ...all.filter((s) => s.scorer.kind === 'team')];
}
