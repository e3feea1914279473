// No English inside a Chinese message, and no Chinese inside an English one, anywhere in the product: every message
// of every locale key (every namespace, both languages) is walked. A Latin word inside a zh-CN message must be one
// of the tokens below, each allowed for the reason given; placeholders ({{x}}, the sheet texts' {x}), references to
// other keys ($t(…)), addresses and paths are not words. An English message may hold Chinese only where it names
// what the file itself holds: the sheet, the master sheet and the registers are Chinese documents whatever the
// language of the pane or the command line (their headers and values are a file contract).
import { strToU8, zipSync } from 'fflate';
import { validateWorkbookBytes } from '../../src/app/check';
import { UnopenableCatalogFile } from '../../src/core/catalog/file';
import { formatIssue } from '../../src/core/validate/format';
import { createTranslator } from '../../src/i18n';
import { resources } from '../../src/i18n/resources';
import { readMasterWorkbook } from '../../src/xlsx/master';

type Leaf = [key: string, text: string];

function leaves(value: unknown, path: string, out: Leaf[] = []): Leaf[] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) leaves(v, path.endsWith(':') ? `${path}${k}` : `${path}.${k}`, out);
  return out;
}

function messages(lang: keyof typeof resources): Leaf[] {
  return Object.entries(resources[lang]).flatMap(([ns, bundle]) => leaves(bundle, `${ns}:`));
}

/**
 * What is not a word of the message: placeholders ({{x}}, the sheet texts' {x}, a hint's {站点 ID}), references to
 * other keys, addresses, paths and example timestamps.
 */
function words(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\$t\([^)]*\)/g, ' ')
    .replace(/https?:\/\/[^\s，。；、）)]*/g, ' ')
    .replace(/\/[\w.<>\u4e00-\u9fff-]*/g, ' ')
    .replace(/\d{4}-\d{2}-\d{2}T[\d:]+Z?/g, ' ');
}

// Latin tokens a Chinese message may hold, and why.
const ALLOWED: Record<string, string> = {
  // Names of products, services and standards, which have no Chinese name of their own in the users' offices.
  Excel: 'product',
  Word: 'product',
  Microsoft: 'product',
  SharePoint: 'product',
  OneDrive: 'product',
  Graph: 'Microsoft Graph, the API by name',
  Nextcloud: 'product',
  WebDAV: 'protocol',
  HTTP: 'protocol',
  http: 'the scheme a user types',
  ID: 'as Microsoft writes it in its Chinese Entra and Microsoft 365 screens (应用程序(客户端) ID)',
  'SHA-256': 'the name of the checksum',
  'UTF-8': 'the name of an encoding',
  GB18030: 'the name of an encoding (a Chinese national standard)',
  // File formats and extensions the user sees in file names.
  xlsx: 'extension',
  xlsm: 'extension',
  xls: 'extension',
  docx: 'extension',
  txt: 'extension',
  zip: 'extension',
  JSON: 'format',
  CSV: 'format',
  XML: 'format (inside a Word document)',
  ISO: 'ISO 8601, the date format the command line takes',
  // The language switch names each language in that language, so that a reader finds their own.
  English: 'a language named in itself',
  // Excel's own reserved sheet name, quoted as Excel spells it.
  History: 'a name Excel reserves',
  // What the user types on the command line: commands, options and their values, environment variables.
  'target-sheets': 'command',
  catalog: 'command',
  push: 'command',
  validate: 'command',
  '--retry-queue': 'option',
  '--to': 'option',
  '--year': 'option',
  '--as': 'option',
  '--out': 'option',
  '--force': 'option',
  '--verify': 'option',
  collect: 'command',
  '--push': 'option',
  FILE: 'an argument, as the help names it',
  FROM: 'an argument, as the help names it',
  '-archive-': 'part of the archive folder name the command makes (<年度>-archive-<时间>)',
  'manifest.json': 'the name of the file the archive writes',
  YYYY: 'the form of a year the option takes',
  'yyyy-mm-dd': 'the form of the date --deadline takes',
  P: "Excel's page-number code &P in the printed footer (第 &P 页)",
  N: "Excel's page-count code &N in the printed footer (共 &N 页)",
  template: 'a value of --as',
  returned: 'a value of --as',
  scoring: "a value of --as (a scoring workbook) and the shared folder's scoring/ folder",
  en: 'a value of --lang',
  zh: 'a value of --lang',
  'zh-CN': 'a value of --lang',
  NODE_EXTRA_CA_CERTS: 'environment variable',
  SOURCE_DATE_EPOCH: 'environment variable',
  TARGET_SHEETS_PASSWORD: 'environment variable',
};

const LATIN = /-{0,2}[A-Za-z][A-Za-z0-9_.+-]*/g;

test('no Latin word inside a Chinese message, except the allowed tokens', () => {
  const found: string[] = [];
  for (const [key, text] of messages('zh-CN')) {
    for (const [token] of words(text).matchAll(LATIN)) {
      if (!(token in ALLOWED)) found.push(`${key}: "${token}" in ${text}`);
    }
  }
  expect(found).toEqual([]);
});

test('every allowed token is still used (the list does not outlive the messages)', () => {
  const used = new Set<string>();
  for (const [, text] of messages('zh-CN')) for (const [token] of words(text).matchAll(LATIN)) used.add(token);
  expect(Object.keys(ALLOWED).filter((token) => !used.has(token))).toEqual([]);
});

test('no Chinese inside an English message, except the names the Chinese documents themselves hold', () => {
  const zhGlossary = leaves(resources['zh-CN'].glossary, 'glossary:').map(([, text]) => text);
  const fileContract = new Set([
    ...zhGlossary,
    // The master sheet's values and notes (src/core/catalog/master.ts), the registers' types and columns.
    '本单位',
    '（本组各单位）',
    '考核目标',
    '年度',
    '单位',
    '分',
    '加分',
    '扣分',
    '一票否决',
    '事由',
    // The 考核设置 sheet's name and the register's and survey's header texts (src/core/results: a file contract).
    '考核设置',
    '类型',
    '优秀',
    '良好',
    '一般',
    '差',
    // The scoring workbook's header row, first and last cell (src/core/scoring-workbook: a file contract).
    '序号',
    '考核扣分说明',
    // A unit name of the 2019 document, quoted as the example of an ambiguous 考核单位 in the master sheet's notes.
    '信息中心',
    // The language switch names each language in that language.
    '中文',
  ]);
  const found: string[] = [];
  for (const [key, text] of messages('en')) {
    for (const [run] of words(text).matchAll(/[\u3000-\u9fff\uff00-\uffef]+/g)) {
      if (!fileContract.has(run)) found.push(`${key}: "${run}" in ${text}`);
    }
  }
  expect(found).toEqual([]);
});

// The reader's own failures (src/xlsx/read.ts, src/xlsx/master.ts) carry what the zip or XML library said as a
// parameter for the log; the sentence the user reads is theirs alone.
describe("the reader's failures are worded in the user's language only", () => {
  const zh = createTranslator('zh-CN');
  const latinOutsideAllowed = (text: string) =>
    [...words(text).matchAll(LATIN)].map(([token]) => token).filter((token) => !(token in ALLOWED));
  const doctype = zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook><sheets/></workbook>'),
  });
  const workbook = zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook><sheets/></workbook>'.padEnd(4000, ' ')),
  });
  const truncated = workbook.subarray(0, Math.floor(workbook.length * 0.6));

  test.each([
    ['an XML DOCTYPE', doctype],
    ['a truncated zip', truncated],
  ])('checking %s', (_, bytes) => {
    const [issue] = validateWorkbookBytes(bytes).issues;
    expect(issue!.code).toBe('file-corrupt');
    const shown = formatIssue(zh, issue!);
    expect(shown).toMatch(/[\u4e00-\u9fff]/);
    expect(latinOutsideAllowed(shown)).toEqual([]);
  });

  test('reading a truncated master sheet', async () => {
    const failure: unknown = await readMasterWorkbook(truncated, { source: 'm.xlsx', fallbackYear: 2019 }).catch(
      (error: unknown) => error,
    );
    if (!(failure instanceof UnopenableCatalogFile)) throw new Error('expected an unopenable catalog file');
    const shown: string = zh(`catalog:diagnostics.${failure.code}`, failure.params);
    expect(shown).toMatch(/[\u4e00-\u9fff]/);
    expect(latinOutsideAllowed(shown)).toEqual([]);
  });
});
