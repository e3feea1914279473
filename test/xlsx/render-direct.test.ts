// The direct template writer (src/xlsx/render-direct.ts) must write exactly what the ExcelJS renderer writes:
// every part, byte for byte, and so the same file. ExcelJS's renderer is the definition; this test is what keeps
// the fast writer honest when the plan or ExcelJS changes.
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { GROUPS, type Catalog, type Item, type Unit } from '../../src/core/catalog/model';
import { buildSheetPlan } from '../../src/core/plan/build';
import type { SheetPlan } from '../../src/core/plan/model';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import { renderPlanDirect } from '../../src/xlsx/render-direct';
import { catalog2019, CREATED_AT, identity, planFor } from '../core/plan/catalog-2019';

/** Both writers' parts as [name, text] in zip order, and whether the whole files are equal. */
async function both(plan: SheetPlan, password?: string): Promise<{ exceljs: [string, string][]; direct: [string, string][]; same: boolean }> {
  const options = password ? { password } : {};
  const [a, b] = await Promise.all([renderPlanToXlsx(plan, options), renderPlanDirect(plan, options)]);
  const parts = (bytes: Uint8Array) => Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)] as [string, string]);
  return { exceljs: parts(a), direct: parts(b), same: Buffer.from(a).equals(Buffer.from(b)) };
}

async function expectSame(plan: SheetPlan, password?: string): Promise<void> {
  const r = await both(plan, password);
  // Part by part first, so that a difference shows as a readable XML diff.
  expect(r.direct.map(([name]) => name)).toEqual(r.exceljs.map(([name]) => name));
  for (const [i, [name, xml]] of r.exceljs.entries()) expect([name, r.direct[i]![1]]).toEqual([name, xml]);
  expect(r.same).toBe(true);
}

describe('the direct template writer', () => {
  const catalog = catalog2019();

  test('writes the same file as the ExcelJS renderer for every unit of the 2019 catalog', async () => {
    expect(catalog.units.length).toBeGreaterThan(40);
    for (const unit of catalog.units) await expectSame(planFor(unit));
  });

  test('… with the English sheet texts', async () => {
    for (const unit of catalog.units) {
      await expectSame(buildSheetPlan(unit, identity(catalog), { createdAt: CREATED_AT, texts: sheetTexts('en') }));
    }
  });

  test('… with a sheet password (hash, salt and spin count)', async () => {
    const plan = planFor(catalog.units[0]!);
    const r = await both(plan, 'kaohe-2019');
    expect(r.direct.find(([name]) => name === 'xl/worksheets/sheet1.xml')![1]).toMatch(/spinCount="100000"/);
    await expectSame(plan, 'kaohe-2019');
    await expectSame(planFor(catalog.units[catalog.units.length - 1]!), 'p@ss "w<o>rd" &');
  });

  test('… when the texts need escaping: quotes, apostrophes, <>&, control characters, leading spaces', async () => {
    const unit: Unit = {
      ...catalog.units[0]!,
      name: `O'Brien & <Co> "局"`,
      items: catalog.units[0]!.items.map((item, i) =>
        i === 0 ? { ...item, content: ' 前导空格与\n换行 & <b>“引号”</b> \u0001控制字符', item: "it's" } : i === 1 ? { ...item, category: '' } : item,
      ),
    };
    await expectSame(planFor(unit));
  });

  // Random catalogs through the real plan builder: any unit the catalog reader could give.
  const cjk = fc.constantFrom(...'党政建设共性个指标重点工作任务省局处室测绘地质海西州办公'.split(''));
  const label = fc.array(fc.oneof(cjk, fc.constantFrom('A', 'b', '1', '（', '）', '、', ' ', '&', '<', '"', "'", '\n', '\t', '\r', '😀', '\u0001', '\uD800', '=')), { maxLength: 10 }).map((cs) => cs.join(''));
  const weight = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0.5, 1.5, 2.25, 12.125));
  const itemArb: fc.Arbitrary<Item> = fc.record({ block: fc.constantFrom('party' as const, 'own' as const), category: label, item: label, content: label, weight });
  const unitArb: fc.Arbitrary<Unit> = fc
    .record({ name: fc.array(cjk, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')), group: fc.constantFrom(...GROUPS), items: fc.array(itemArb, { maxLength: 14 }) })
    .map(({ name, group, items }) => ({
      id: `${group}-01`,
      name,
      group,
      items: [...items.filter((i) => i.block === 'party'), ...items.filter((i) => i.block === 'own')],
      totalWeight: items.reduce((t, i) => t + i.weight, 0),
    }));

  test('writes the same file as the ExcelJS renderer for random units (property)', async () => {
    await fc.assert(
      fc.asyncProperty(unitArb, fc.constantFrom('zh-CN' as const, 'en' as const), async (unit, lang) => {
        const small: Catalog = { year: 2021, source: 'random.txt', units: [unit], diagnostics: [] };
        await expectSame(buildSheetPlan(unit, identity(small), { createdAt: '2021-06-30T12:34:56.000Z', texts: sheetTexts(lang) }));
      }),
      { numRuns: 60 },
    );
  });
});
