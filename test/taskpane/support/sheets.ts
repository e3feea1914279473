// Sheets for the pane's folder tests, made by the same public functions the pane uses: the embedded 2019
// catalog, the core's sheet plan, the xlsx renderer; "filled" as a unit would with ExcelJS (every 自评得分 at the
// row's full 分值, totals stored as a recalculating spreadsheet program stores them).
import { readCatalogText } from '../../../src/core/catalog/build';
import type { Catalog, Unit } from '../../../src/core/catalog/model';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';
import { planRun, planUnit } from '../../../src/app/plan';
import { renderPlanToXlsx } from '../../../src/xlsx/render';
import { fillFullMarks } from '../../support/fill';

let catalog: Catalog | undefined;
export function embeddedCatalog(): Catalog {
  catalog ??= readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
  return catalog;
}

export function unitNamed(name: string): Unit {
  const unit = embeddedCatalog().units.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit;
}

export async function template(name: string): Promise<Uint8Array> {
  return renderPlanToXlsx(planUnit(unitNamed(name), planRun(embeddedCatalog(), { createdAt: '2019-12-01T08:00:00Z' })));
}

export async function filledSheet(name: string): Promise<Uint8Array> {
  return fillFullMarks(await template(name));
}

/** localStorage as the pane sees it, in memory. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  dump(): string {
    return [...this.items.entries()].map(([k, v]) => `${k}=${v}`).join('\n');
  }
}
