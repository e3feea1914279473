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
import { scanXml } from '../../src/xlsx/read-xml';
import { catalog2019, CREATED_AT, identity, planFor } from '../core/plan/catalog-2019';

/** Both writers' parts as [name, text] in zip order, and whether the whole files are equal. */
async function both(
  plan: SheetPlan,
  password?: string,
): Promise<{ exceljs: [string, string][]; direct: [string, string][]; same: boolean }> {
  const options = password ? { password } : {};
  const [a, b] = await Promise.all([renderPlanToXlsx(plan, options), renderPlanDirect(plan, options)]);
  const parts = (bytes: Uint8Array) =>
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)] as [string, string]);
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
        i === 0
          ? { ...item, content: ' 前导空格与\n换行 & <b>“引号”</b> \u0001控制字符', item: "it's" }
          : i === 1
            ? { ...item, category: '' }
            : item,
      ),
    };
    await expectSame(planFor(unit));
  });

  test('… when the unit name holds a control character (a JSON catalog can give one): docProps/custom.xml stays well-formed XML', async () => {
    const unit: Unit = { ...catalog.units[0]!, name: 'A\u0001B' };
    const plan = planFor(unit);
    expect(plan.properties['TargetSheets.unitName']).toBe('A\u0001B');
    await expectSame(plan);
    for (const bytes of [await renderPlanToXlsx(plan), await renderPlanDirect(plan)]) {
      const xml = strFromU8(unzipSync(bytes)['docProps/custom.xml']!);
      // XML 1.0 has no way to write U+0001 (not even &#1;): a part holding it does not parse.
      expect(xml).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F]/);
      const properties = new Map<string, string>();
      let name: string | undefined;
      scanXml(xml, (token) => {
        if (token.kind === 'open' && token.name === 'property') name = token.attrs.name;
        else if (token.kind === 'text' && name) properties.set(name, token.text);
        else if (token.kind === 'close' && token.name === 'property') name = undefined;
      });
      expect(properties.get('TargetSheets.unitName')).toBe('AB');
      expect(properties.get('TargetSheets.unitId')).toBe(unit.id);
    }
  });

  test('… with merges the plan builder does not make today: vertical, block, and over cells the plan does not have', async () => {
    const plan = planFor(catalog.units[0]!);
    // B5:B7 vertical, C8:D9 a block, L2:L3 and N4:O4 beyond the table (ExcelJS creates those cells, unstyled).
    const merged = { ...plan, merges: [...plan.merges, 'B5:B7', 'C8:D9', 'L2:L3', 'N4:O4'] };
    await expectSame(merged);
  });

  test("… with what the plan model allows beyond today's plans: frozen columns, default and equal widths, other styles, booleans, formula results, meta rows", async () => {
    const plan = planFor(catalog.units[0]!);
    const cells = plan.cells.map((c) => {
      if (c.address === 'E5') return { ...c, style: 'custom' };
      if (c.address === 'F5') return { ...c, style: 'bare', value: true };
      if (c.address === 'G5') return { ...c, style: 'builtin', value: false };
      if (c.address === 'H5') return { ...c, formula: 'TRUE', result: true };
      if (c.address === 'I5') return { ...c, formula: '""', result: '' };
      if (c.address === 'J5') return { ...c, formula: 'NA()', result: null };
      return c;
    });
    const varied: SheetPlan = {
      ...plan,
      cells,
      freeze: { ...plan.freeze, rows: 4, cols: 2 },
      print: { ...plan.print, orientation: 'portrait' },
      columns: plan.columns.map((c, i) =>
        i === 6 ? { ...c, width: 9 } : i === 7 || i === 8 ? { ...c, width: 15 } : c,
      ),
      styles: {
        ...plan.styles,
        custom: { numberFormat: '0.0"分"', font: { color: '123456' } },
        bare: {},
        builtin: { numberFormat: '0.00', border: 'none', alignment: {}, font: {} },
      },
      conditionalFormats: [
        ...plan.conditionalFormats,
        { range: 'J5:J6', formula: 'J5=1', style: 'missing', priority: 0, stopIfTrue: false, code: 'extra' },
      ],
      metaSheet: { ...plan.metaSheet, rows: [...plan.metaSheet.rows, [null, 'x', true, 0], [], [' 前后有空格 ']] },
    };
    await expectSame(varied);
    // The variations really are in the file (so the comparison above covered them).
    const parts = unzipSync(await renderPlanDirect(varied));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(parts['xl/styles.xml']!);
    expect(sheet).toContain('<pane xSplit="2" ySplit="4" topLeftCell="A5" activePane="bottomRight" state="frozen"/>');
    expect(sheet).toContain('<col min="8" max="9" width="15" customWidth="1"/>');
    expect(sheet).toMatch(/<pageSetup [^>]*orientation="portrait"/);
    expect(sheet).not.toContain('<col min="7" ');
    expect(sheet).toMatch(/<c r="F5" s="\d+" t="b"><v>1<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="H5" s="\d+" t="b"><f>TRUE<\/f><v>1<\/v><\/c>/);
    expect(sheet).toMatch(/<c r="I5" s="\d+" t="str"><f>&quot;&quot;<\/f><v><\/v><\/c>/);
    expect(sheet).toMatch(/<c r="J5" s="\d+"><f>NA\(\)<\/f><\/c>/);
    expect(sheet).toMatch(/<cfRule type="expression" dxfId="8" priority="8"><formula>J5=1<\/formula>/);
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="0.0&quot;分&quot;"/>');
    expect(styles).toContain('numFmtId="2"');
  });

  test("… with the plan's title and active cell, past column Z too (both writers once worked them out themselves, A–Z only)", async () => {
    const plan = planFor(catalog.units[0]!);
    const other: SheetPlan = { ...plan, title: 'Another title & <b>', freeze: { ...plan.freeze, activeCell: 'AB7' } };
    await expectSame(other);
    const parts = unzipSync(await renderPlanDirect(other));
    expect(strFromU8(parts['xl/worksheets/sheet1.xml']!)).toContain(
      '<selection pane="bottomLeft" activeCell="AB7" sqref="AB7"/>',
    );
    expect(strFromU8(parts['docProps/core.xml']!)).toContain('<dc:title>Another title &amp; &lt;b&gt;</dc:title>');
  });

  test('refuses, with a clear error, the two things it does not write as ExcelJS would: a single-cell validation and a row height without cells', async () => {
    const plan = planFor(catalog.units[0]!);
    const single = { ...plan, validations: [{ ...plan.validations[0]!, range: 'G5' }] };
    await expect(renderPlanDirect(single)).rejects.toThrow('validation range G5 is a single cell');
    const heightOnly = { ...plan, rowHeights: { ...plan.rowHeights, [plan.layout.lastRow + 3]: 20 } };
    await expect(renderPlanDirect(heightOnly)).rejects.toThrow(
      `row ${plan.layout.lastRow + 3} has a height but no cells`,
    );
  });

  // Random catalogs through the real plan builder: any unit the catalog reader could give.
  const cjk = fc.constantFrom(...'党政建设共性个指标重点工作任务省局处室测绘地质海西州办公'.split(''));
  const label = fc
    .array(
      fc.oneof(
        cjk,
        fc.constantFrom(
          'A',
          'b',
          '1',
          '（',
          '）',
          '、',
          ' ',
          '&',
          '<',
          '"',
          "'",
          '\n',
          '\t',
          '\r',
          '😀',
          '\u0001',
          '\uD800',
          '=',
        ),
      ),
      { maxLength: 10 },
    )
    .map((cs) => cs.join(''));
  const weight = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0.5, 1.5, 2.25, 12.125));
  const itemArb: fc.Arbitrary<Item> = fc.record({
    block: fc.constantFrom('party' as const, 'own' as const),
    category: label,
    item: label,
    content: label,
    weight,
    owner: fc.constant(null),
  });
  const unitArb: fc.Arbitrary<Unit> = fc
    .record({
      name: fc.array(cjk, { minLength: 1, maxLength: 12 }).map((cs) => cs.join('')),
      group: fc.constantFrom(...GROUPS),
      items: fc.array(itemArb, { maxLength: 14 }),
    })
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
        await expectSame(
          buildSheetPlan(unit, identity(small), { createdAt: '2021-06-30T12:34:56.000Z', texts: sheetTexts(lang) }),
        );
      }),
      { numRuns: 60 },
    );
  });
});
