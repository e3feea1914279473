// One sheet plan per chosen unit, built by the core — the same plans the file renderer and the Office adapter
// write. The sheet's words are Chinese (the template is a Chinese document, whatever the pane's language).
import type { Unit } from '../../core/catalog/model';
import { buildSheetPlan } from '../../core/plan/build';
import { catalogIdentity } from '../../core/plan/fingerprint';
import type { CatalogIdentity, SheetPlan } from '../../core/plan/model';
import { planTimestamp } from '../../core/plan/timestamp';
import type { ValidateOptions } from '../../core/validate/validate';
import { allSheetTexts, sheetTexts } from '../../i18n/sheet-texts';

/** The catalog's identity as the core records it (year, source, catalogFingerprint). */
export { catalogIdentity };

export function planFor(unit: Unit, identity: CatalogIdentity, createdAt: string): SheetPlan {
  return buildSheetPlan(unit, identity, { createdAt, texts: sheetTexts('zh-CN') });
}

/** The time the user pressed 生成, recorded in every sheet of the run. */
export function runTimestamp(now = new Date()): string {
  return planTimestamp(now);
}

/** What the validator needs to rebuild a plan: the sheet texts of every language a template may be made in. */
export function validateOptions(): ValidateOptions {
  return { texts: allSheetTexts() };
}
