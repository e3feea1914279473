// 在表中标出问题 and 清除标记 in Excel (the stand-in): a sheet the adapter generated (protected, its input cells
// filled in the plan's colours), filled in by the unit with problems, checked, marked and cleared. The marks are
// exactly the problem cells, the sheet is protected again with the options it had, the validator sees no
// difference, clearing leaves every cell's fill as it was, and the cost is two syncs for 3 problems as for 30.
import { parseCell } from '../../src/core/address';
import type { ValidateOptions } from '../../src/core/validate/validate';
import { LANGUAGES } from '../../src/i18n';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { checkOpenWorkbook } from '../../src/office/check';
import { OfficeAdapterError } from '../../src/office/excel-api';
import { clearMarks, MARK_FILL, markCells } from '../../src/office/marks';
import { insertPlans } from '../../src/office/render-plan';
import { useFakeExcel, type FakeExcel, type FakeFill } from './excel-mock';
import { catalog2019, plans2019 } from './real-plans';
import { returnedUnit } from './returned';

const excel = useFakeExcel();
const options: ValidateOptions = { texts: LANGUAGES.map((lang) => sheetTexts(lang)) };
const catalog = catalog2019();
const plan = plans2019(catalog)[0]!;
const items = plan.layout.itemRows;
const { cell, weight } = returnedUnit(plan);

let fake: FakeExcel;

/** The unit's sheet generated into the stand-in by the adapter, as 生成 into the workbook does. */
async function generated(password?: string): Promise<string> {
  fake = excel.install();
  const { sheets } = await insertPlans([plan], password ? { password } : {});
  return sheets[0]!.sheetName;
}

/** Every item filled in correctly, then `bad` items with a problem each: a score above its weight. */
async function filledWithProblems(sheetName: string, bad: number): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    await fake.edit(sheetName, cell('completion', i), '已完成');
    await fake.edit(sheetName, cell('selfScore', i), i < bad ? weight(i) + 1 : weight(i));
  }
}

/** Every item below full marks without a 扣分说明 (one problem each), and the 完成情况 of the first `count` emptied (one more each). */
async function withoutReasons(sheetName: string, count: number): Promise<void> {
  for (let i = 0; i < items.length; i++) {
    await fake.edit(sheetName, cell('completion', i), i < count ? '' : '已完成');
    await fake.edit(sheetName, cell('selfScore', i), weight(i) - 0.5);
  }
}

const fillsOf = (sheetName: string) => new Map<string, FakeFill>(fake.sheet(sheetName).fills);
const keyOf = (address: string) => {
  const { row, col } = parseCell(address);
  return `${row},${col}`;
};

async function problemCells(sheetName: string): Promise<string[]> {
  const { report } = await checkOpenWorkbook({ ...options, catalog, sheet: sheetName });
  return [...new Set(report.issues.flatMap((i) => (i.cell ? [i.cell] : [])))];
}

describe('在表中标出问题 and 清除标记 (the stand-in)', () => {
  test('the marked cells are exactly the problem cells; protection is on again with the same options; 清除标记 gives every fill back', async () => {
    const sheetName = await generated();
    await filledWithProblems(sheetName, 2);
    const sheet = fake.sheet(sheetName);
    const options0 = sheet.protectOptions;
    expect(options0).toMatchObject({ allowFormatCells: false });
    const before = fillsOf(sheetName);
    const { report } = await checkOpenWorkbook({ ...options, catalog, sheet: sheetName });
    const cells = await problemCells(sheetName);
    expect(cells).toHaveLength(2);

    const syncs = fake.syncs;
    const marks = await markCells(sheetName, cells);
    expect(fake.syncs - syncs).toBe(2);
    const after = fillsOf(sheetName);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key)),
    );
    expect(changed.sort()).toEqual(cells.map(keyOf).sort());
    for (const address of cells) expect(after.get(keyOf(address))).toEqual({ color: MARK_FILL, pattern: 'Solid' });
    expect(sheet.protected).toBe(true);
    expect(sheet.protectOptions).toEqual(options0);
    expect(marks.cells.map((c) => c.address)).toEqual(cells);

    // The validator sees the same sheet: formats are not part of what it reads nor of the fingerprint.
    expect((await checkOpenWorkbook({ ...options, catalog, sheet: sheetName })).report).toEqual(report);

    const cleared = fake.syncs;
    await clearMarks(marks);
    expect(fake.syncs - cleared).toBe(2);
    expect(fillsOf(sheetName)).toEqual(before);
    expect(sheet.protected).toBe(true);
    expect(sheet.protectOptions).toEqual(options0);
  });

  test('a cell without a fill of its own gets no fill back (not a white one); a sheet whose protection was removed stays unprotected', async () => {
    const sheetName = await generated();
    await filledWithProblems(sheetName, 1);
    const sheet = fake.sheet(sheetName);
    sheet.protected = false; // the unit removed the sheet's protection and changed a 分值 (a cell with no fill)
    const changedWeight = cell('weight', 1);
    await fake.edit(sheetName, changedWeight, weight(1) + 3);
    const before = fillsOf(sheetName);
    const cells = await problemCells(sheetName);
    expect(cells).toContain(changedWeight);
    expect(before.has(keyOf(changedWeight))).toBe(false);

    const marks = await markCells(sheetName, cells);
    expect(fake.sheet(sheetName).fills.get(keyOf(changedWeight))).toEqual({ color: MARK_FILL, pattern: 'Solid' });
    expect(marks.cells.find((c) => c.address === changedWeight)?.before).toEqual({ color: '#FFFFFF', pattern: 'None' });
    expect(sheet.protected).toBe(false);
    await clearMarks(marks);
    expect(fillsOf(sheetName)).toEqual(before);
    expect(sheet.protected).toBe(false);
    expect(fake.callsOn(sheetName, 'protection.protect')).toHaveLength(1); // the one of 生成
  });

  test('marking costs the same syncs for 3 problems as for 30', async () => {
    const cost = async (problems: number) => {
      const sheetName = await generated();
      if (problems <= items.length) await filledWithProblems(sheetName, problems);
      else await withoutReasons(sheetName, problems - items.length);
      const cells = await problemCells(sheetName);
      expect(cells).toHaveLength(problems);
      const syncs = fake.syncs;
      const marks = await markCells(sheetName, cells);
      const marked = fake.syncs - syncs;
      await clearMarks(marks);
      return { marked, cleared: fake.syncs - syncs - marked };
    };
    expect(items.length).toBeLessThan(30);
    expect(await cost(3)).toEqual({ marked: 2, cleared: 2 });
    expect(await cost(30)).toEqual({ marked: 2, cleared: 2 });
  });

  test('a sheet protected with a password: marked and cleared with it; without it, a stable error and nothing changed', async () => {
    const sheetName = await generated('s3cret');
    await filledWithProblems(sheetName, 3);
    const cells = await problemCells(sheetName);
    const before = fillsOf(sheetName);
    const sheet = fake.sheet(sheetName);

    const refused = markCells(sheetName, cells);
    await expect(refused).rejects.toBeInstanceOf(OfficeAdapterError);
    await expect(refused).rejects.toMatchObject({ code: 'marks-failed', params: { sheet: sheetName } });
    expect(fillsOf(sheetName)).toEqual(before);
    expect(sheet.protected).toBe(true);

    const marks = await markCells(sheetName, cells, { password: 's3cret' });
    expect(cells.every((a) => fake.sheet(sheetName).fills.get(keyOf(a))?.color === MARK_FILL)).toBe(true);
    expect(sheet.protected).toBe(true);
    expect(sheet.password).toBe('s3cret');
    await clearMarks(marks, { password: 's3cret' });
    expect(fillsOf(sheetName)).toEqual(before);
    expect(sheet.password).toBe('s3cret');
  });
});
