import { readFileSync } from 'node:fs';
import path from 'node:path';
import zh from '../../../src/i18n/locales/zh-CN/catalog.json';
import en from '../../../src/i18n/locales/en/catalog.json';
import { diagnosticMessage, diagnosticSentence, unitsWithWarnings } from '../../../src/core/catalog/messages';
import { catalog2019 } from '../validate/fixture';
import { createTranslator } from '../../../src/i18n';

const sources = ['build.ts', 'read-text.ts', 'owners.ts'].map((f) =>
  readFileSync(path.join(__dirname, '../../../src/core/catalog', f), 'utf8'),
);
// Every code the reader and builder can report: report('<severity>', '<code>' … and the codes kept on dropped tables.
const reported = new Set<string>();
for (const source of sources) {
  for (const m of source.matchAll(/report\('(?:error|warning|info)', '([a-z0-9-]+)'/g)) reported.add(m[1]!);
  for (const m of source.matchAll(/dropped: '([a-z0-9-]+)'/g)) reported.add(m[1]!);
  for (const m of source.matchAll(/code: '([a-z0-9-]+)'/g)) reported.add(m[1]!);
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('catalog messages', () => {
  test('the reader reports a known set of codes', () => {
    expect(reported.size).toBeGreaterThan(25);
    expect([...reported]).toEqual(
      expect.arrayContaining([
        'weight-missing',
        'weight-not-numeric',
        'unit-total-mismatch',
        'row-split',
        'label-repeated',
      ]),
    );
  });

  test.each([...reported].sort())('"%s" has a Chinese and an English message with the same placeholders', (code) => {
    const zhText = (zh.diagnostics as Record<string, string>)[code];
    const enText = (en.diagnostics as Record<string, string>)[code];
    expect(typeof zhText).toBe('string');
    expect(typeof enText).toBe('string');
    expect(placeholders(zhText!)).toEqual(placeholders(enText!));
  });

  test('a group is named in words, in each language', () => {
    const d = {
      severity: 'error' as const,
      code: 'party-block-missing',
      unit: null,
      line: 3,
      params: { group: 'department' },
    };
    expect(diagnosticMessage(createTranslator('zh-CN'), d)).toBe(
      '文档中没有适用于厅机关处室的党政建设表，这些单位只有本单位目标',
    );
    expect(diagnosticMessage(createTranslator('en'), d)).toBe(
      'no party-building table applies to group "Department offices"; its units have only the block "Own targets"',
    );
  });

  test('a sentence names the unit first and the source line last, in each language', () => {
    const d = catalog2019.diagnostics.find((x) => x.code === 'unit-total-mismatch' && x.unit === '海西州自然资源局')!;
    expect(diagnosticSentence(createTranslator('zh-CN'), d)).toBe(
      '海西州自然资源局：分值合计 105 分，应为 100 分（党政建设 20 分 + 本单位目标 85 分，本单位目标应为 80 分）；生成的表会标出（第 1117 行）',
    );
    expect(diagnosticSentence(createTranslator('en'), d)).toBe(
      '海西州自然资源局: weights add up to 105, expected 100 (Party building 20 + Own targets 85; Own targets should be 80); the generated sheet shows it (line 1117)',
    );
    const t = createTranslator('zh-CN');
    const base = { severity: 'warning' as const, code: 'year-missing', params: { year: 2019 } };
    expect(diagnosticSentence(t, { ...base, unit: '人事处', line: null })).toBe(
      '人事处：标题中没有写明年度，暂按 2019 年处理',
    );
    expect(diagnosticSentence(t, { ...base, unit: null, line: 7 })).toBe(
      '标题中没有写明年度，暂按 2019 年处理（第 7 行）',
    );
    expect(diagnosticSentence(t, { ...base, unit: null, line: null })).toBe('标题中没有写明年度，暂按 2019 年处理');
  });

  test('the units whose sheets come with a problem of the catalog: warnings and errors tied to a unit, in catalog order', () => {
    expect(unitsWithWarnings(catalog2019).map((u) => u.name)).toEqual([
      '海西州自然资源局',
      '海北州自然资源局',
      '果洛州自然资源局',
    ]);
    // Only among the units given (a generate run of some units); infos (e.g. a name written with spaces) do not count.
    const some = catalog2019.units.filter((u) => ['人事处', '果洛州自然资源局'].includes(u.name));
    expect(unitsWithWarnings(catalog2019, some).map((u) => u.name)).toEqual(['果洛州自然资源局']);
  });
});
