// Sheet plans of the real 2019 catalog, built by the same public functions the CLI and the task pane use.
import { readCatalogText } from '../../src/core/catalog/build';
import type { Catalog } from '../../src/core/catalog/model';
import { buildSheetPlan } from '../../src/core/plan/build';
import { catalogFingerprint } from '../../src/core/plan/fingerprint';
import type { SheetPlan } from '../../src/core/plan/model';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';

export const CREATED_AT = '2019-12-01T00:00:00Z';

export function catalog2019(): Catalog {
  return readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
}

export function plans2019(catalog: Catalog = catalog2019()): SheetPlan[] {
  const identity = { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog) };
  return catalog.units.map((unit) =>
    buildSheetPlan(unit, identity, { createdAt: CREATED_AT, texts: sheetTexts('zh-CN') }),
  );
}
