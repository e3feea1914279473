// Every locale's scoring texts (what a scoring workbook says) are complete and carry the placeholders the builder
// fills (src/core/scoring-workbook/build.ts).
import { LANGUAGES } from '../../src/i18n';
import { allScoringTexts, scoringTexts } from '../../src/i18n/scoring-texts';

test.each([...LANGUAGES])('the %s scoring texts are complete', (lang) => {
  const texts = scoringTexts(lang);
  for (const [key, placeholders] of [
    ['workbookTitle', ['{year}', '{scorer}']],
    ['title', ['{year}', '{scorer}', '{group}']],
    ['status', ['{scored}', '{count}', '{problems}']],
  ] as const)
    for (const p of placeholders) expect([key, texts[key]]).toEqual([key, expect.stringContaining(p)]);
  for (const value of [texts.team, texts.subtotal, texts.total, texts.notSubmitted, ...Object.values(texts.groups)])
    expect(value).toMatch(/^[^$]+$/);
  expect(Object.values(texts.validation).every((v) => v.length > 0)).toBe(true);
});

test('zh-CN names the 考核组 and 未提交 as the glossary does; the validator tries every language', () => {
  expect(scoringTexts('zh-CN').team).toBe('考核组');
  expect(scoringTexts('zh-CN').notSubmitted).toBe('未提交');
  expect(allScoringTexts()).toEqual(LANGUAGES.map((l) => scoringTexts(l)));
});
