// Every locale's sheet texts (what the generated sheets say) have the shape the plan builder needs: each text
// present and non-empty where a sheet shows it, nothing extra, placeholders as the builder fills them.
import { sheetTextsSchema } from '../../src/core/plan/texts-schema';
import { LANGUAGES } from '../../src/i18n';
import { allSheetTexts, sheetTexts } from '../../src/i18n/sheet-texts';
import { buildSheetPlan } from '../../src/core/plan/build';
import type { SheetTexts } from '../../src/core/plan/texts';
import { CREATED_AT, identity, smallCatalog } from '../core/plan/catalog-2019';

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

test("the validator tries every language's texts first, then their earlier editions; all built once", () => {
  const all = allSheetTexts();
  expect(all.slice(0, LANGUAGES.length)).toEqual(LANGUAGES.map((lang) => sheetTexts(lang)));
  expect(all.length).toBeGreaterThan(LANGUAGES.length);
  for (const texts of all) expect(sheetTextsSchema.safeParse(texts).error?.issues ?? []).toEqual([]);
  expect(allSheetTexts()).toBe(all);
  expect(Object.isFrozen(all)).toBe(true);
  for (const texts of all) expect(Object.isFrozen(texts.groups)).toBe(true);
});

test('an earlier edition differs only in names, so a sheet made with it has the same fingerprint', () => {
  const catalog = smallCatalog();
  const unit = catalog.units[0]!;
  const plan = (texts: SheetTexts) => buildSheetPlan(unit, identity(catalog), { createdAt: CREATED_AT, texts });
  const current = plan(sheetTexts('zh-CN'));
  for (const earlier of allSheetTexts().slice(LANGUAGES.length)) {
    const old = plan(earlier);
    expect(old.metadata.fingerprint).toBe(current.metadata.fingerprint);
    expect(old.cells.filter((c, i) => c.value !== current.cells[i]!.value).length).toBeGreaterThan(0);
  }
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
