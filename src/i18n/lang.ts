// The languages, on their own: code that only needs to know or normalise a language (the task pane's first
// render) imports this without pulling in every domain's locale files.
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** Accepts "zh", "zh-CN", "en", "en-US", …; anything else falls back to Chinese. */
export function normaliseLang(input: string | undefined | null): Lang {
  const value = (input ?? '').toLowerCase();
  if (value.startsWith('en')) return 'en';
  return DEFAULT_LANG;
}
