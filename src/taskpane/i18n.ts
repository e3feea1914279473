// The pane's i18next instance. It starts with only the namespaces the first render needs (glossary, common,
// taskpane); the other domains' messages (catalog, sheet, validate, …) are added by `addAllNamespaces` from the
// async engine chunks that use them, so that every domain's locale files do not weigh on the first render.
// Options mirror createI18n in src/i18n/index.ts (synchronous init, Chinese fallback).
import { useEffect, useState } from 'react';
import i18next, { type i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANG, normaliseLang, type Lang } from '../i18n/lang';
import zhGlossary from '../i18n/locales/zh-CN/glossary.json';
import zhCommon from '../i18n/locales/zh-CN/common.json';
import zhTaskpane from '../i18n/locales/zh-CN/taskpane.json';
import enGlossary from '../i18n/locales/en/glossary.json';
import enCommon from '../i18n/locales/en/common.json';
import enTaskpane from '../i18n/locales/en/taskpane.json';

const STORAGE_KEY = 'target-sheets.lang';

export function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored) return normaliseLang(stored);
  } catch {
    // Storage can be blocked (privacy settings, sandboxed frames): fall back to the default.
  }
  return DEFAULT_LANG;
}

export function rememberLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the switch still applies to this session.
  }
}

let paneI18n: I18n | null = null;

export function createPaneI18n(lang: Lang = initialLang()): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    resources: {
      'zh-CN': { glossary: zhGlossary, common: zhCommon, taskpane: zhTaskpane },
      en: { glossary: enGlossary, common: enCommon, taskpane: enTaskpane },
    },
    ns: ['glossary', 'common', 'taskpane'],
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  paneI18n = instance;
  return instance;
}

/** Adds every domain's messages to the pane's instance (called from async chunks before they format messages). */
export async function addAllNamespaces(): Promise<void> {
  const instance = paneI18n;
  if (!instance) return;
  const { resources } = await import(/* webpackChunkName: "locales" */ '../i18n/resources');
  for (const [lang, namespaces] of Object.entries(resources)) {
    for (const [ns, bundle] of Object.entries(namespaces)) {
      if (!instance.hasResourceBundle(lang, ns)) instance.addResourceBundle(lang, ns, bundle, true, false);
    }
  }
}

/** Adds one domain's messages in the given languages (each file its own small chunk, fetched once). */
export async function addNamespaces(names: readonly string[], langs: readonly Lang[]): Promise<void> {
  const instance = paneI18n;
  if (!instance) return;
  await Promise.all(
    langs.flatMap((lang) =>
      names
        .filter((ns) => !instance.hasResourceBundle(lang, ns))
        .map(async (ns) => {
          const bundle = (await import(
            /* webpackChunkName: "locale-[request]" */ `../i18n/locales/${lang}/${ns}.json`
          )) as { default: object };
          instance.addResourceBundle(lang, ns, bundle.default, true, false);
        }),
    ),
  );
}

/**
 * True once the given namespaces are there in the current language; loads them (and loads them again after a
 * switch of the language) for a view that shows a domain's messages before any engine has loaded them all.
 */
export function useNamespaces(names: readonly string[]): boolean {
  const { i18n } = useTranslation();
  const lang = normaliseLang(i18n.language);
  const key = names.join(',');
  const present = names.every((ns) => i18n.hasResourceBundle(lang, ns));
  const [, setLoads] = useState(0);
  useEffect(() => {
    if (present) return;
    let live = true;
    void addNamespaces(key.split(','), [lang]).then(() => live && setLoads((n) => n + 1));
    return () => {
      live = false;
    };
  }, [key, lang, present]);
  return present;
}
