// One glossary for the names users see (src/i18n/locales/*/glossary.json): the sheet, the pane, the summary and
// the CLI refer to it, the contracts that spell a name out (the master sheet's values, the sheet's header, the
// manifest) agree with it, and the names it replaced stay out of every locale file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BLOCK_LABELS, GROUP_LABELS, MASTER_HEADERS, masterTitle } from '../../src/core/catalog/master';
import { BLOCKS, GROUPS } from '../../src/core/catalog/model';
import { COLUMNS } from '../../src/core/plan/model';
import { createTranslator, LANGUAGES } from '../../src/i18n';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import zh from '../../src/i18n/locales/zh-CN/glossary.json';
import en from '../../src/i18n/locales/en/glossary.json';

const LOCALES = path.join(__dirname, '../../src/i18n/locales');
const ROOT = path.join(__dirname, '../..');

/** Every string of every locale file, with where it is ("zh-CN/sheet.json texts.title"). */
function localeStrings(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (value: unknown, file: string, key: string): void => {
    if (typeof value === 'string') out.push({ where: `${file} ${key}`, text: value });
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, file, key ? `${key}.${k}` : k);
  };
  for (const lang of LANGUAGES) {
    for (const file of readdirSync(path.join(LOCALES, lang))) {
      walk(JSON.parse(readFileSync(path.join(LOCALES, lang, file), 'utf8')), `${lang}/${file}`, '');
    }
  }
  return out;
}

function keysOf(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('the glossary', () => {
  test('names the same things in every language', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zh).sort());
    expect(Object.keys(zh.groups)).toEqual([...GROUPS]);
    expect(Object.keys(zh.blocks)).toEqual([...BLOCKS]);
  });

  test('every $t(glossary:…) in a locale file names one of its entries', () => {
    const entries = new Set(keysOf(zh));
    const references = localeStrings().flatMap(({ where, text }) =>
      [...text.matchAll(/\$t\(glossary:([\w.]+)\)/g)].map((m) => ({ where, key: m[1]! })),
    );
    expect(references.length).toBeGreaterThan(50);
    expect(references.filter((r) => !entries.has(r.key))).toEqual([]);
  });

  test.each([...LANGUAGES])('%s: a message that names a glossary entry shows the name, not the reference', (lang) => {
    const t = createTranslator(lang);
    expect(t('taskpane:title')).toBe(lang === 'en' ? en.product : zh.product);
    expect(t('collect:texts.groups.city')).toBe((lang === 'en' ? en : zh).groups.city);
    expect(t('catalog:cli.columns')).not.toContain('$t(');
  });
});

describe('contracts that spell a name out agree with the glossary', () => {
  test("the master sheet's 分组 and 板块 values and its header name groups and blocks as the glossary does", () => {
    expect(GROUP_LABELS).toEqual(zh.groups);
    expect(BLOCK_LABELS.party).toBe(zh.blocks.party);
    // 板块's value for the own block stays 本单位 (a value staff type and drop-downs hold); the name starts with it.
    expect(zh.blocks.own.startsWith(BLOCK_LABELS.own)).toBe(true);
    expect(MASTER_HEADERS.group).toBe(zh.group);
    expect(MASTER_HEADERS.block).toBe(zh.block);
    expect(masterTitle(2019)).toBe(`2019年度${zh.masterSheet}`);
  });

  test("the sheet's header, 小计, 合计 and title are the glossary's", () => {
    const columns = zh.columns as Record<string, string>;
    expect(COLUMNS.map((c) => c.header)).toEqual(COLUMNS.map((c) => columns[c.key]));
    const texts = sheetTexts('zh-CN');
    expect([texts.subtotal, texts.total]).toEqual([zh.columns.subtotal, zh.columns.total]);
    expect(texts.title).toBe(`{year}年度{unit}${zh.sheet}`);
    expect(texts.groups).toEqual(zh.groups);
    expect(texts.blocks).toEqual(zh.blocks);
  });

  test('the add-in is named by the glossary in its manifest and its page title', () => {
    const manifest = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    expect(manifest).toContain(`<DisplayName DefaultValue="${zh.product}">`);
    expect(manifest).toContain(`<Override Locale="en-US" Value="${en.product}"/>`);
    const html = readFileSync(path.join(ROOT, 'src/taskpane/taskpane.html'), 'utf8');
    expect(html).toContain(`<title>Target Sheets · ${zh.product}</title>`);
  });
});

describe('names that were unified stay out of every locale file', () => {
  // The Chinese names the glossary replaced. "sheet.json earlierTexts" keeps the earlier editions' names on purpose:
  // the validator recognises templates issued with them.
  const OLD: [RegExp, string][] = [
    [/目标考核表/, 'the product is 考核目标评分表'],
    [/年度目标考核评分表/, 'the product is 考核目标评分表'],
    [/业务工作目标|业务目标|业务指标/, 'the own block is 本单位目标'],
    [/自然资源主管部门|厅机关各部门|厅直属事业单位/, 'groups are 市（州）局, 厅机关处室, 厅直属单位'],
    [/(?<!考核目标)评分表|考核表/, "a unit's sheet is 考核目标评分表"],
    [/(?<!考核)目标总表/, 'the master sheet is 考核目标总表'],
    [/退回/, 'a returned sheet is 交回的'],
    [/未交/, 'a missing unit is 未提交'],
    [/(?<!指标)类别/, 'a group is 分组 (类别 is only in 指标类别)'],
  ];
  const strings = localeStrings().filter(({ where }) => !/sheet\.json earlierTexts/.test(where));
  // 评分表 alone is the scorers' workbook (PRODUCT.md's glossary): the glossary's one entry for it says so, and every
  // other file refers to that entry.
  const named = (where: string) => /glossary\.json scoringWorkbook$/.test(where);

  test.each(OLD)('%s (%s)', (pattern) => {
    expect(strings.filter(({ where, text }) => pattern.test(text) && !named(where))).toEqual([]);
  });
});
