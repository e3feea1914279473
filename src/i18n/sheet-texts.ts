// The sheet's words (namespace "sheet", key "texts") as the plain SheetTexts object the core's plan builder takes.
// The locale files ship with the code: test/i18n/sheet-texts.test.ts checks each of them against the schema
// (core/plan/texts-schema), so start-up does not load zod for them.
import type { SheetTexts } from '../core/plan/texts';
import { createI18n, DEFAULT_LANG, LANGUAGES, type Lang } from './index';

const byLanguage = new Map<Lang, SheetTexts>();

/**
 * The sheet texts of one language, built once per language and process (an i18next instance costs more than a
 * plan, and the pane plans 52 units at a time). Shared and frozen: nobody changes them.
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

/** What an earlier edition wrote otherwise: any text, and any single group, block or validation text. */
type EarlierChange = {
  [K in keyof SheetTexts]?: SheetTexts[K] extends object ? Partial<SheetTexts[K]> : SheetTexts[K];
};

/**
 * The texts of a language's earlier editions ("earlierTexts": what changed since, over the current texts), e.g. the
 * names templates carried before the glossary unified them.
 */
function earlierSheetTexts(lang: Lang): SheetTexts[] {
  const current = sheetTexts(lang);
  const changes = createI18n(lang).t('sheet:earlierTexts', { returnObjects: true }) as unknown;
  if (!Array.isArray(changes)) return [];
  return (changes as EarlierChange[]).map((change) => {
    const merged: Record<string, unknown> = { ...current, ...change };
    // Each group of texts (groups, blocks, validation, …) is merged key by key; a list is replaced whole.
    for (const [key, value] of Object.entries(current)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        merged[key] = { ...value, ...(change as Record<string, object | undefined>)[key] };
      }
    }
    return deepFreeze(merged as unknown as SheetTexts);
  });
}

let everyEdition: readonly SheetTexts[] | undefined;
/**
 * The sheet texts a returned sheet may have been made with: every language's, then their earlier editions (so a
 * template issued before a name changed still validates). The validator tries them in this order. Built once per
 * process and shared (nobody changes them).
 */
export function allSheetTexts(): readonly SheetTexts[] {
  everyEdition ??= Object.freeze([
    ...LANGUAGES.map((lang) => sheetTexts(lang)),
    ...LANGUAGES.flatMap((lang) => earlierSheetTexts(lang)),
  ]);
  return everyEdition;
}
