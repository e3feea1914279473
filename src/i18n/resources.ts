// All locale resources, bundled. One namespace per domain; each namespace file is owned by that domain. The
// `glossary` namespace holds the names users see (the product, the sheet, the groups, the blocks, the columns…):
// the other namespaces refer to them as $t(glossary:…), so a name reads the same everywhere and changes in one place.
import zhGlossary from './locales/zh-CN/glossary.json';
import zhCommon from './locales/zh-CN/common.json';
import zhCatalog from './locales/zh-CN/catalog.json';
import zhSheet from './locales/zh-CN/sheet.json';
import zhValidate from './locales/zh-CN/validate.json';
import zhFolders from './locales/zh-CN/folders.json';
import zhTaskpane from './locales/zh-CN/taskpane.json';
import zhCollect from './locales/zh-CN/collect.json';
import zhCli from './locales/zh-CN/cli.json';
import zhResults from './locales/zh-CN/results.json';
import zhScoring from './locales/zh-CN/scoring.json';
import enGlossary from './locales/en/glossary.json';
import enCommon from './locales/en/common.json';
import enCatalog from './locales/en/catalog.json';
import enSheet from './locales/en/sheet.json';
import enValidate from './locales/en/validate.json';
import enFolders from './locales/en/folders.json';
import enTaskpane from './locales/en/taskpane.json';
import enCollect from './locales/en/collect.json';
import enCli from './locales/en/cli.json';
import enResults from './locales/en/results.json';
import enScoring from './locales/en/scoring.json';

export const NAMESPACES = [
  'glossary',
  'common',
  'catalog',
  'sheet',
  'validate',
  'folders',
  'taskpane',
  'collect',
  'cli',
  'results',
  'scoring',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const resources = {
  'zh-CN': {
    glossary: zhGlossary,
    common: zhCommon,
    catalog: zhCatalog,
    sheet: zhSheet,
    validate: zhValidate,
    folders: zhFolders,
    taskpane: zhTaskpane,
    collect: zhCollect,
    cli: zhCli,
    results: zhResults,
    scoring: zhScoring,
  },
  en: {
    glossary: enGlossary,
    common: enCommon,
    catalog: enCatalog,
    sheet: enSheet,
    validate: enValidate,
    folders: enFolders,
    taskpane: enTaskpane,
    collect: enCollect,
    cli: enCli,
    results: enResults,
    scoring: enScoring,
  },
} as const;
