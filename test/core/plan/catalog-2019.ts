// The 2019 catalog and the Chinese sheet texts, built by the same public functions the CLI uses.
import { readCatalogText } from '../../../src/core/catalog/build';
import { type Catalog, type Unit } from '../../../src/core/catalog/model';
import { catalogSchema } from '../../../src/core/catalog/schema';
import { buildSheetPlan } from '../../../src/core/plan/build';
import { catalogIdentity } from '../../../src/core/plan/fingerprint';
import type { SheetPlan } from '../../../src/core/plan/model';
import { sheetTexts } from '../../../src/i18n/sheet-texts';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';

let cached: Catalog | undefined;
export function catalog2019(): Catalog {
  cached ??= readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
  return cached;
}

/** The core's catalogIdentity, under the name the tests use. */
export const identity = (catalog: Catalog) => catalogIdentity(catalog);

export const CREATED_AT = '2019-12-01T00:00:00.000Z';

export function planFor(unit: Unit, catalog: Catalog = catalog2019()): SheetPlan {
  return buildSheetPlan(unit, catalogIdentity(catalog), { createdAt: CREATED_AT, texts: sheetTexts('zh-CN') });
}

/** A small catalog made through the schema, for hand-checked cases. */
export function smallCatalog(overrides: Partial<Unit> = {}): Catalog {
  return catalogSchema.parse({
    year: 2019,
    source: 'small.txt',
    diagnostics: [],
    units: [
      {
        id: 'unit-a',
        name: '测试处',
        group: 'department',
        totalWeight: 100,
        items: [
          { block: 'party', category: '党政建设', item: '班子建设', content: '加强班子建设。', weight: 20 },
          { block: 'party', category: '党政建设', item: '党风廉政', content: '落实主体责任。', weight: 10 },
          { block: 'own', category: '共性指标', item: '重点工作', content: '完成年度重点工作。', weight: 40.5 },
          { block: 'own', category: '个性指标', item: '专项任务', content: '=完成专项任务', weight: 29.5 },
        ],
        ...overrides,
      },
    ],
  });
}
