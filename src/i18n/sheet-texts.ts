// The sheet's words (namespace "sheet", key "texts") as the plain SheetTexts object the core's plan builder takes.
// The locale files ship with the code: test/i18n/sheet-texts.test.ts checks each of them against the schema
// (core/plan/texts-schema), so start-up does not load zod for them.
import type { SheetTexts } from '../core/plan/texts';
import { createI18n, DEFAULT_LANG, LANGUAGES, type Lang } from './index';

const byLanguage = new Map<Lang, SheetTexts>();

/**
 * The sheet texts of one language, built once per language and process (an i18next instance costs ~1 ms, and the
 * pane plans ~52 units at a time). Shared and frozen: nobody changes them.
 */
export function sheetTexts(lang: Lang = DEFAULT_LANG): SheetTexts {
  let texts = byLanguage.get(lang);
  if (!texts) {
    texts = deepFreeze(createI18n(lang).t('sheet:texts', { returnObjects: true }) as unknown as SheetTexts);
    byLanguage.set(lang, texts);
  }
  return texts;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

let everyLanguage: readonly SheetTexts[] | undefined;
/**
 * The sheet texts of every language a template can be generated in: the validator finds which one a returned sheet
 * was made with. Built once per process and shared (nobody changes them).
 */
export function allSheetTexts(): readonly SheetTexts[] {
  everyLanguage ??= Object.freeze(LANGUAGES.map((lang) => sheetTexts(lang)));
  return everyLanguage;
}
