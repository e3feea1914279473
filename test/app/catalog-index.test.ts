import { catalogIndex, embeddedCatalogIndex, unitsOf } from '../../src/app/catalog-index';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';

describe('the embedded catalog index (what 生成 shows before the full catalog loads)', () => {
  test('equals the index of the embedded document as the reader reads it today (else: npm run embedded-index)', () => {
    expect(embeddedCatalogIndex()).toEqual(catalogIndex(loadEmbeddedCatalog()));
  });

  test('names every unit of the document, in order, and the reader’s diagnostics', () => {
    const catalog = loadEmbeddedCatalog();
    const index = embeddedCatalogIndex();
    expect(index.units.map((u) => u.name)).toEqual(catalog.units.map((u) => u.name));
    expect(index.diagnostics.filter((d) => d.code === 'unit-total-mismatch').map((d) => d.unit)).toContain(
      '海西州自然资源局',
    );
  });

  test('unitsOf gives back the full units the entries name, in the entries’ order', () => {
    const catalog = loadEmbeddedCatalog();
    const entries = [embeddedCatalogIndex().units[5]!, embeddedCatalogIndex().units[1]!];
    expect(unitsOf(catalog, entries)).toEqual([catalog.units[5], catalog.units[1]]);
  });
});
