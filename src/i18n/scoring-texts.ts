// The scoring workbook's words (namespace "scoring", key "texts") as the plain ScoringTexts object the core's
// builder takes (src/core/scoring-workbook), as ./sheet-texts.ts does for a unit's sheet.
import type { ScoringTexts } from '../core/scoring-workbook/texts';
import { createI18n, DEFAULT_LANG, LANGUAGES, type Lang } from './index';

const byLanguage = new Map<Lang, ScoringTexts>();

/** The scoring texts of one language, built once per language and process; shared and frozen. */
export function scoringTexts(lang: Lang = DEFAULT_LANG): ScoringTexts {
  let texts = byLanguage.get(lang);
  if (!texts) {
    texts = deepFreeze(createI18n(lang).t('scoring:texts', { returnObjects: true }) as unknown as ScoringTexts);
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

let every: readonly ScoringTexts[] | undefined;
/** The texts a returned scoring workbook may have been made with: every language's (the validator tries each). */
export function allScoringTexts(): readonly ScoringTexts[] {
  every ??= Object.freeze(LANGUAGES.map((lang) => scoringTexts(lang)));
  return every;
}
