// Every locale's sheet texts (what the generated sheets say) have the shape the plan builder needs: each text
// present and non-empty where a sheet shows it, nothing extra, placeholders as the builder fills them.
import { sheetTextsSchema } from '../../src/core/plan/texts-schema';
import { LANGUAGES } from '../../src/i18n';
import { allSheetTexts, sheetTexts } from '../../src/i18n/sheet-texts';

test.each([...LANGUAGES])('the %s sheet texts satisfy the schema and carry their placeholders', (lang) => {
  const texts = sheetTexts(lang);
  expect(sheetTextsSchema.safeParse(texts).error?.issues ?? []).toEqual([]);
  expect(texts.title).toEqual(expect.stringContaining('{unit}'));
  expect(texts.weightBad).toEqual(expect.stringContaining('{weight}'));
  for (const placeholder of ['{filled}', '{count}', '{problems}', '{weightCheck}'])
    expect(texts.status).toContain(placeholder);
});

test('the schema refuses texts with a missing or empty entry', () => {
  const texts = sheetTexts('zh-CN');
  expect(sheetTextsSchema.safeParse({ ...texts, total: '' }).success).toBe(false);
  const { subtotal: _dropped, ...missing } = texts;
  expect(sheetTextsSchema.safeParse(missing).success).toBe(false);
  expect(sheetTextsSchema.safeParse({ ...texts, groups: { ...texts.groups, city: undefined } }).success).toBe(false);
});

test('the texts of every language, which the validator tries a returned sheet against, are built once', () => {
  expect(allSheetTexts()).toEqual(LANGUAGES.map((lang) => sheetTexts(lang)));
  expect(allSheetTexts()).toBe(allSheetTexts());
  expect(Object.isFrozen(allSheetTexts())).toBe(true);
});

test.each([...LANGUAGES])(
  'the %s sheet texts are built once and shared, frozen (the pane plans 52 units with them)',
  (lang) => {
    const texts = sheetTexts(lang);
    expect(sheetTexts(lang)).toBe(texts);
    expect(Object.isFrozen(texts)).toBe(true);
    expect(Object.isFrozen(texts.groups)).toBe(true);
    expect(allSheetTexts()[LANGUAGES.indexOf(lang)]).toBe(texts);
  },
);
