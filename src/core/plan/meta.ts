// What a template records about itself, readable by any xlsx reader: the metadata (catalog, unit, template version,
// creation time and the fingerprint of the locked content), written twice — as rows of a very hidden meta sheet,
// with every item row, and as custom document properties. The validator reads it back (core/validate/meta.ts),
// so a returned sheet can be checked without the catalog and even with its protection removed.
import type { Unit } from '../catalog/model';
import { TEMPLATE_VERSION } from './edition';
import { fingerprintLockedContent, lockedContent, type Sha256 } from './fingerprint';
import type { CatalogIdentity, CellValue, ItemRow, MetaSheetPlan, PlanCell, SheetLayout, SheetMetadata } from './model';

export { TEMPLATE_VERSION } from './edition';
export const META_SHEET_NAME = 'TargetSheetsMeta';

/** Metadata keys as rows of the meta sheet and as custom document properties. */
export const META_KEYS = [
  'format',
  'templateVersion',
  'catalogYear',
  'catalogSource',
  'catalogFingerprint',
  'unitId',
  'unitName',
  'group',
  'fingerprint',
  'createdAt',
] as const satisfies readonly (keyof SheetMetadata)[];

/** Header of the item table in the meta sheet (row after the "items" marker). */
export const META_ITEM_HEADER = ['row', 'seq', 'block', 'category', 'item', 'content', 'weight'] as const;

/** The metadata of a unit's sheet, its fingerprint taken from the sheet's cells as a reader of the file sees them. */
export function sheetMetadata(
  unit: Unit,
  catalog: CatalogIdentity,
  createdAt: string,
  sheet: { cells: PlanCell[]; layout: SheetLayout },
  sha256?: Sha256,
  templateVersion: number = TEMPLATE_VERSION,
): SheetMetadata {
  const withoutFingerprint: Omit<SheetMetadata, 'fingerprint'> = {
    format: 'target-sheets',
    templateVersion,
    catalogYear: catalog.year,
    catalogSource: catalog.source,
    catalogFingerprint: catalog.fingerprint,
    unitId: unit.id,
    unitName: unit.name,
    group: unit.group,
    createdAt,
  };
  const fingerprint = fingerprintLockedContent(
    lockedContent({ ...sheet, metadata: { ...withoutFingerprint, fingerprint: '' } }),
    sha256,
  );
  return { ...withoutFingerprint, fingerprint };
}

/**
 * The meta sheet: rows `key | value` for every META_KEYS entry, an empty row, a row `items`, the header
 * META_ITEM_HEADER, then one row per item row of the sheet. Enough to check a returned sheet without the catalog.
 */
export function buildMetaSheet(unit: Unit, metadata: SheetMetadata, itemRows: ItemRow[]): MetaSheetPlan {
  const rows: CellValue[][] = META_KEYS.map((k) => [k, metadata[k]]);
  rows.push([], ['items'], [...META_ITEM_HEADER]);
  itemRows.forEach((r, i) => {
    const item = unit.items[r.itemIndex]!;
    rows.push([r.row, i + 1, item.block, item.category, item.item, item.content, item.weight]);
  });
  return { name: META_SHEET_NAME, rows };
}

/** Custom document property names: "TargetSheets." + the metadata key, for the given keys of a record. */
export function documentProperties<K extends string>(
  keys: readonly K[],
  record: Record<K, string | number>,
): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [`TargetSheets.${k}`, String(record[k])]));
}

/** Custom document property names: "TargetSheets." + the metadata key. */
export function metadataProperties(metadata: SheetMetadata): Record<string, string> {
  return documentProperties(META_KEYS, metadata);
}
