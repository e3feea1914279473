// A catalog's index: what a face needs to show and pick units (year, source, each unit's id, name and group) and
// what its reader said (diagnostics), without the units' targets. The task pane starts 生成 from the embedded
// catalog's index, computed once from the embedded document (src/seeds/embedded-index.json, written by
// `npm run embedded-index` and checked against the document by test/app/catalog-index.test.ts), and reads the
// full catalog only when a use case needs the targets. A full Catalog is itself a CatalogIndex.
import type { Catalog, Unit } from '../core/catalog/model';
import embedded from '../seeds/embedded-index.json';

export type UnitEntry = Pick<Unit, 'id' | 'name' | 'group'>;

export interface CatalogIndex extends Pick<Catalog, 'year' | 'source' | 'diagnostics'> {
  units: UnitEntry[];
}

export function catalogIndex(catalog: Catalog): CatalogIndex {
  return {
    year: catalog.year,
    source: catalog.source,
    units: catalog.units.map(({ id, name, group }) => ({ id, name, group })),
    diagnostics: catalog.diagnostics,
  };
}

/** The embedded catalog's index (the same as catalogIndex(loadEmbeddedCatalog()), without reading the document). */
export function embeddedCatalogIndex(): CatalogIndex {
  // JSON's types are wider than the model's (a code is a string, not a Severity): the test checks the contents.
  return embedded as unknown as CatalogIndex;
}

/** The catalog's units that an index's entries name, in the entries' order. */
export function unitsOf(catalog: Catalog, entries: readonly UnitEntry[]): Unit[] {
  const byId = new Map(catalog.units.map((u) => [u.id, u]));
  return entries.flatMap((e) => byId.get(e.id) ?? []);
}
