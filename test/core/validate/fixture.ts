// The 2019 catalog and plans built from it by the same public functions `generate` uses.
import { readCatalogText } from '../../../src/core/catalog/build';
import type { Catalog, Unit } from '../../../src/core/catalog/model';
import { buildSheetPlan } from '../../../src/core/plan/build';
import { catalogFingerprint } from '../../../src/core/plan/fingerprint';
import type { SheetPlan } from '../../../src/core/plan/model';
import { LANGUAGES } from '../../../src/i18n';
import { sheetTexts } from '../../../src/i18n/sheet-texts';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';

export const catalog2019: Catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
export const TEXTS = LANGUAGES.map((l) => sheetTexts(l));
export const CREATED_AT = '2019-12-01T00:00:00.000Z';

export function planFor(
  unit: Unit,
  catalog: Catalog = catalog2019,
  lang: 0 | 1 = 0,
  templateVersion?: number,
): SheetPlan {
  return buildSheetPlan(
    unit,
    { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog) },
    { createdAt: CREATED_AT, texts: TEXTS[lang]!, ...(templateVersion !== undefined ? { templateVersion } : {}) },
  );
}

/** A unit with both blocks and fractional-free weights, the first in the catalog. */
export const sampleUnit: Unit = catalog2019.units.find(
  (u) => u.items.some((i) => i.block === 'party') && u.items.some((i) => i.block === 'own'),
)!;
