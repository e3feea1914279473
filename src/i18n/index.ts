// One i18next instance per caller (CLI run, task pane, test), initialised synchronously from bundled resources.
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { NAMESPACES, resources } from './resources';

import { DEFAULT_LANG, type Lang } from './lang';

export { LANGUAGES, DEFAULT_LANG, normaliseLang, type Lang } from './lang';

export function createI18n(lang: Lang = DEFAULT_LANG): I18n {
  const instance = i18next.createInstance();
  // initAsync: false + inline resources makes init synchronous, so `t` works on the next line.
  void instance.init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    resources,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // i18next 25 otherwise prints an advertisement on stdout, which would corrupt `--json` output.
    showSupportNotice: false,
  });
  return instance;
}

export function createTranslator(lang: Lang = DEFAULT_LANG): TFunction {
  return createI18n(lang).t;
}

export type { TFunction };
