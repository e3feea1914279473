import { readFileSync } from 'node:fs';
import path from 'node:path';
import zh from '../../../src/i18n/locales/zh-CN/catalog.json';
import en from '../../../src/i18n/locales/en/catalog.json';
import { diagnosticMessage } from '../../../src/core/catalog/messages';
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
});
