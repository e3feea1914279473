// One sheet plan per chosen unit, built by the core — the same plans the file renderer and the Office adapter
// write. The sheet's words are Chinese (the template is a Chinese document, whatever the pane's language).
import type { Catalog, Unit } from '../../core/catalog/model';
import { buildSheetPlan, type CatalogIdentity } from '../../core/plan/build';
import { catalogFingerprint } from '../../core/plan/fingerprint';
import type { SheetPlan } from '../../core/plan/model';
import type { ValidateOptions } from '../../core/validate/validate';
import { allSheetTexts, sheetTexts } from '../../i18n/sheet-texts';

export function catalogIdentity(catalog: Catalog): CatalogIdentity {
  return { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog) };
}

export function planFor(unit: Unit, identity: CatalogIdentity, createdAt: string): SheetPlan {
  return buildSheetPlan(unit, identity, { createdAt, texts: sheetTexts('zh-CN') });
}

/** Seconds precision: the time the user pressed 生成, recorded in every sheet of the run. */
export function runTimestamp(now = new Date()): string {
  return `${now.toISOString().slice(0, 19)}Z`;
}

/** What the validator needs to rebuild a plan: the sheet texts of every language a template may be made in. */
export function validateOptions(): ValidateOptions {
  return { texts: allSheetTexts() };
}
