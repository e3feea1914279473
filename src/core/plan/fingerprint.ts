// Fingerprints. The locked-content fingerprint is the contract between the plan builder (which writes it into the
// template) and the validator (which recomputes it from what it can read in a returned sheet): both call
// fingerprintLockedContent() with a LockedContent, so a sheet whose protection was removed and whose weights,
// texts, rows or formulas were changed no longer matches.
//
// Canonical form (version "target-sheets/locked/1"): the UTF-8 bytes of
//   JSON.stringify([
//     "target-sheets/locked/1", unitId, unitName, year, templateVersion,
//     [[row, seq, block, category, item, content, weightHundredths], …]   // item rows, sorted by row
//     [[address, normalisedFormula], …]                                  // computed cells, sorted by row then column
//   ])
// - texts exactly as stored (no trimming; a changed space is a change);
// - weight as integer hundredths (2 → 200, 1.5 → 150), so 2 and 2.0 and "2" read back alike;
// - seq as a number (a numeric text is read as its number);
// - address upper-case A1 without '$';
// - formula normalised by normaliseFormula() of ./formula.ts (no '=', no '$', no spaces or
//   _xlfn. prefixes, upper case outside string literals), so the text a spreadsheet program writes back for an
//   unchanged formula gives the same fingerprint.
// The fingerprint is the lowercase hex SHA-256 of that string.
import { columnNumber } from '../address';
import type { Block, Catalog } from '../catalog/model';
import { sha256Hex } from '../hash/sha256';
import { toHundredths } from '../scoring';
import { normaliseFormula } from './formula';
import type { CatalogIdentity, SheetPlan } from './model';

export const LOCKED_CONTENT_VERSION = 'target-sheets/locked/1';

export interface LockedItemRow {
  row: number;
  seq: number | string;
  block: Block;
  category: string;
  item: string;
  content: string;
  weight: number | string;
}

export interface LockedFormula {
  /** A1 address of the computed cell (subtotals, total, status). */
  address: string;
  /** Formula text, with or without '='. */
  formula: string;
}

/** What a reader can see in a returned sheet that must not change. */
export interface LockedContent {
  unitId: string;
  unitName: string;
  year: number;
  templateVersion: number;
  items: LockedItemRow[];
  formulas: LockedFormula[];
}

function asNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.trim());
}

/** Sort position of a computed cell: any number of letters, and (0, 0) for a text that is no address (cellOf would
 *  refuse a fourth letter); fingerprints in issued templates depend on this order. */
function splitAddress(address: string): { row: number; col: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.toUpperCase());
  if (!m) return { row: 0, col: 0 };
  return { row: Number(m[2]), col: columnNumber(m[1]!) };
}

export function canonicalLockedContent(content: LockedContent): string {
  const items = [...content.items]
    .sort((a, b) => a.row - b.row)
    .map((r) => {
      const seq = asNumber(r.seq);
      const weight = asNumber(r.weight);
      return [
        r.row,
        Number.isFinite(seq) ? seq : String(r.seq),
        r.block,
        r.category,
        r.item,
        r.content,
        Number.isFinite(weight) ? toHundredths(weight) : String(r.weight),
      ];
    });
  const formulas = content.formulas
    .map((f) => ({
      address: f.address.replace(/\$/g, '').toUpperCase(),
      formula: normaliseFormula(f.formula),
      at: splitAddress(f.address),
    }))
    .sort((a, b) => a.at.row - b.at.row || a.at.col - b.at.col)
    .map((f) => [f.address, f.formula]);
  return JSON.stringify([
    LOCKED_CONTENT_VERSION,
    content.unitId,
    content.unitName,
    content.year,
    content.templateVersion,
    items,
    formulas,
  ]);
}

/** SHA-256 of a string's UTF-8 bytes as lowercase hex. An edge may pass a native implementation (same result). */
export type Sha256 = (text: string) => string;

export function fingerprintLockedContent(content: LockedContent, sha256: Sha256 = sha256Hex): string {
  return sha256(canonicalLockedContent(content));
}

/** The locked content of a plan, read from its cells exactly as a reader of the file would see them. */
export function lockedContent(plan: Pick<SheetPlan, 'cells' | 'layout' | 'metadata'>): LockedContent {
  const byAddress = new Map(plan.cells.map((c) => [`${c.row}:${c.col}`, c]));
  const { columns } = plan.layout;
  const text = (row: number, col: number): string => {
    const v = byAddress.get(`${row}:${col}`)?.value;
    return v === null || v === undefined ? '' : String(v);
  };
  const num = (row: number, col: number): number | string => {
    const v = byAddress.get(`${row}:${col}`)?.value;
    return typeof v === 'number' ? v : v === null || v === undefined ? '' : String(v);
  };
  return {
    unitId: plan.metadata.unitId,
    unitName: plan.metadata.unitName,
    year: plan.metadata.catalogYear,
    templateVersion: plan.metadata.templateVersion,
    items: plan.layout.itemRows.map((r) => ({
      row: r.row,
      seq: num(r.row, columns.seq),
      block: r.block,
      category: text(r.row, columns.category),
      item: text(r.row, columns.item),
      content: text(r.row, columns.content),
      weight: num(r.row, columns.weight),
    })),
    formulas: plan.cells
      .filter((c) => c.formula !== undefined)
      .map((c) => ({ address: c.address, formula: c.formula! })),
  };
}

/** Fingerprint of a whole catalog (year and every unit's items; not its source name or diagnostics). */
export function catalogFingerprint(catalog: Pick<Catalog, 'year' | 'units'>, sha256: Sha256 = sha256Hex): string {
  return sha256(
    JSON.stringify([
      'target-sheets/catalog/1',
      catalog.year,
      catalog.units.map((u) => [
        u.id,
        u.name,
        u.group,
        u.items.map((i) => [i.block, i.category, i.item, i.content, toHundredths(i.weight)]),
      ]),
    ]),
  );
}

/** What a plan records of its catalog: year, source name and catalogFingerprint (an edge may pass a native SHA-256). */
export function catalogIdentity(
  catalog: Pick<Catalog, 'year' | 'source' | 'units'>,
  sha256: Sha256 = sha256Hex,
): CatalogIdentity {
  return { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog, sha256) };
}
