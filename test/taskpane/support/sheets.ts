// Sheets for the pane's folder tests, made by the same public functions the pane uses: the embedded 2019
// catalog, the core's sheet plan, the xlsx renderer; "filled" as a unit would with ExcelJS (every 自评得分 at the
// row's full 分值, totals stored as a recalculating spreadsheet program stores them).
import ExcelJS from 'exceljs';
import { readCatalogText } from '../../../src/core/catalog/build';
import type { Catalog, Unit } from '../../../src/core/catalog/model';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';
import { catalogIdentity, planFor } from '../../../src/taskpane/engine/plans';
import { renderPlanToXlsx } from '../../../src/xlsx/render';

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
  return renderPlanToXlsx(planFor(unitNamed(name), catalogIdentity(embeddedCatalog()), '2019-12-01T08:00:00Z'));
}

export async function filledSheet(name: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await template(name)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((w) => w.state === 'visible') as ExcelJS.Worksheet;
  sheet.eachRow((row) => {
    const e = row.getCell(5).value;
    const g = row.getCell(7);
    if (typeof e === 'number' && g.value === null) g.value = e;
    const eResult = e && typeof e === 'object' && 'formula' in e ? (e as ExcelJS.CellFormulaValue).result : undefined;
    if (typeof eResult === 'number' && g.value && typeof g.value === 'object' && 'formula' in g.value) {
      g.value = { formula: (g.value as ExcelJS.CellFormulaValue).formula, result: eResult };
    }
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** localStorage as the pane sees it, in memory. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null { return this.items.get(key) ?? null; }
  setItem(key: string, value: string): void { this.items.set(key, value); }
  dump(): string { return [...this.items.entries()].map(([k, v]) => `${k}=${v}`).join('\n'); }
}
