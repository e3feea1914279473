// The 2019 catalog's units generated into one workbook through the Office adapter. Excel is mocked with
// office-addin-mock (excel-mock.ts): this checks what is written and how many syncs it costs, not Excel itself.
import type { SheetPlan } from '../../src/core/plan/model';
import { parseRange } from '../../src/core/address';
import { readWorkbookContents } from '../../src/office/read-workbook';
import { batchPlans, DEFAULT_MAX_REQUEST_BYTES, insertPlans } from '../../src/office/render-plan';
import { excelInput } from '../../src/office/sheet-helpers';
import { useFakeExcel, type FakeExcel } from './excel-mock';
import { plans2019 } from './real-plans';

let fake: FakeExcel;
const excel = useFakeExcel();

const plans: SheetPlan[] = plans2019();

function setUp(): void {
  fake = excel.install();
}

describe('the 2019 units generated into one workbook (Excel mocked with office-addin-mock)', () => {
  test('every unit gets a protected sheet holding exactly its plan, with only the inputs unlocked', async () => {
    setUp();
    expect(plans.length).toBeGreaterThanOrEqual(50);
    const result = await insertPlans(plans);
    expect(result.sheets).toHaveLength(plans.length);
    result.sheets.forEach((inserted, i) => {
      const plan = plans[i]!;
      const sheet = fake.sheet(inserted.sheetName);
      expect(inserted.sheetName).toBe(plan.sheetName);
      expect(sheet.protected).toBe(true);
      const entries = fake.entriesFor(sheet.id);
      const grid = entries.find((e) => e.kind === 'set' && e.prop === 'formulas')!;
      const written = (grid as { value: unknown[][] }).value;
      const expected = new Map(
        plan.cells.map((c) => [`${c.row},${c.col}`, c.formula !== undefined ? `=${c.formula}` : excelInput(c.value)]),
      );
      written.forEach((row, r) => row.forEach((v, c) => expect(v).toBe(expected.get(`${r + 1},${c + 1}`) ?? '')));

      const unlocked = new Set<string>();
      for (const e of entries) {
        if (e.kind !== 'set' || e.prop !== 'format.protection.locked') continue;
        const rect = parseRange(e.range!);
        for (let row = rect.top; row <= rect.bottom; row++)
          for (let col = rect.left; col <= rect.right; col++) unlocked.add(`${row},${col}`);
      }
      const inputs = plan.cells.filter((c) => !c.locked).map((c) => `${c.row},${c.col}`);
      // 完成情况, 自评得分, 扣分说明 and 佐证材料 per item (考核得分 is the assessors'), and the signature block's seven
      // cells (two fields are merges of two).
      expect(inputs.length).toBe(plan.layout.itemRows.length * 4 + 7);
      expect([...unlocked].sort()).toEqual(inputs.sort());

      const meta = fake.sheet(inserted.metaSheetName);
      expect(meta.visibility).toBe('VeryHidden');
      expect(meta.protected).toBe(true);
      const notes = fake.sheet(inserted.notesSheetName!);
      expect(inserted.notesSheetName).toBe('填报说明' + (i === 0 ? '' : ` (${i + 1})`));
      expect(notes.protected).toBe(true);
    });
  });

  test('all units cost two syncs per batch, batches cut only by the 4 MB request estimate', async () => {
    setUp();
    const expectedBatches = batchPlans(plans, DEFAULT_MAX_REQUEST_BYTES).length;
    expect(expectedBatches).toBeLessThanOrEqual(Math.ceil(plans.length / 10));
    const result = await insertPlans(plans);
    expect(result.batches).toBe(expectedBatches);
    expect(fake.syncs).toBe(2 * expectedBatches);
    expect(fake.syncs / plans.length).toBeLessThanOrEqual(2);
  });

  test('one unit of the catalog costs two syncs', async () => {
    setUp();
    await insertPlans([plans[0]!]);
    expect(fake.syncs).toBe(2);
  });

  test('what the workbook then holds reads back as the plan’s texts, numbers and formulas', async () => {
    setUp();
    const plan =
      plans.find((p) => p.cells.some((c) => typeof c.value === 'string' && /^[=+\-@]/.test(c.value))) ?? plans[0]!;
    const { sheets } = await insertPlans([plan]);
    const contents = await readWorkbookContents({ sheets: [sheets[0]!.sheetName, sheets[0]!.metaSheetName] });
    const cells = new Map(contents.sheets[0]!.cells.map((c) => [c.address, c]));
    for (const cell of plan.cells) {
      const read = cells.get(cell.address);
      if (cell.formula !== undefined) expect(read?.formula).toBe(`=${cell.formula}`);
      else if (cell.value !== undefined && cell.value !== null && cell.value !== '') {
        expect(read?.value).toBe(cell.value);
        expect(read?.formula).toBeUndefined();
      }
    }
    const meta = contents.sheets[1]!;
    expect(meta.visibility).toBe('veryHidden');
    expect(meta.cells.length).toBeGreaterThan(0);
  });
});
