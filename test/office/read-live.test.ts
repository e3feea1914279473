// Reading the open workbook for validation, live validation on edits, and jumping to a cell. Excel is mocked
// with office-addin-mock (excel-mock.ts): this checks what is read and how many syncs it costs.
import type { WorkbookContents } from '../../src/core/validate/grid';
import { OfficeAdapterError } from '../../src/office/excel-api';
import { DEFAULT_DEBOUNCE_MS, startLiveValidation } from '../../src/office/live';
import { selectCell } from '../../src/office/navigate';
import { readTemplateContents, readWorkbookContents } from '../../src/office/read-workbook';
import { insertPlans } from '../../src/office/render-plan';
import { useFakeExcel, type FakeExcel, type FakeExcelOptions } from './excel-mock';
import { passRecorder, useFakeClock } from './passes';
import { samplePlan } from './sample-plan';

const excel = useFakeExcel();
let fake: FakeExcel;
function setUp(options?: FakeExcelOptions): void {
  fake = excel.install(options);
}

const sorted = (contents: WorkbookContents) => ({
  sheets: contents.sheets.map((s) => ({ ...s, cells: [...s.cells].sort((a, b) => a.row - b.row || a.col - b.col) })),
});

const returned: WorkbookContents = {
  sheets: [
    {
      name: '测绘 地理信息局',
      visibility: 'visible',
      protected: true,
      cells: [
        { address: 'B3', row: 3, col: 2, value: '序号' },
        { address: 'F4', row: 4, col: 6, value: 10 },
        { address: 'G4', row: 4, col: 7, value: 8.5 },
        { address: 'H4', row: 4, col: 8, value: '部分完成' },
        // The value Excel computes (the stand-in recalculates the workbook it opens).
        { address: 'G9', row: 9, col: 7, value: 8.5, formula: '=SUM(G4:G8)' },
      ],
    },
    {
      name: '_meta',
      visibility: 'veryHidden',
      protected: false,
      cells: [{ address: 'A1', row: 1, col: 1, value: 'format' }],
    },
    { name: 'Empty', visibility: 'hidden', protected: false, cells: [] },
  ],
};

describe('reading the open workbook for 检查 (Excel mocked with office-addin-mock)', () => {
  test('every sheet reads back with its cells, formulas, visibility and protection', async () => {
    setUp();
    fake.load(returned);
    const contents = await readWorkbookContents();
    expect(sorted(contents)).toEqual(sorted(returned));
    // Listing the sheets, then reading them: Office.js cannot reach a used range before it knows the sheet.
    expect(fake.syncs).toBe(2);
  });

  test('named sheets are read in one sync', async () => {
    setUp();
    fake.load(returned);
    const contents = await readWorkbookContents({ sheets: ['测绘 地理信息局', '_meta'] });
    expect(sorted(contents)).toEqual(sorted({ sheets: returned.sheets.slice(0, 2) }));
    expect(fake.syncs).toBe(1);
  });

  test('a generated sheet reads back as the plan’s texts, numbers and formulas', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const contents = await readWorkbookContents({ sheets: [sheets[0]!.sheetName, sheets[0]!.metaSheetName] });
    const [unit, meta] = contents.sheets;
    expect(unit).toMatchObject({ name: '测绘地理信息局', visibility: 'visible', protected: true });
    expect(meta).toMatchObject({ name: '_meta_survey-bureau', visibility: 'veryHidden', protected: true });
    const read = new Map(unit!.cells.map((c) => [c.address, c]));
    for (const cell of plan.cells) {
      if (cell.formula !== undefined) expect(read.get(cell.address)?.formula).toBe(`=${cell.formula}`);
      else if (cell.value !== undefined && cell.value !== null) expect(read.get(cell.address)?.value).toBe(cell.value);
    }
    expect(read.get('D6')?.value).toBe('=按时完成');
    expect(read.get('D6')?.formula).toBeUndefined();
  });

  test('a sheet that is gone is reported with a code, not a crash', async () => {
    setUp();
    fake.load(returned);
    await expect(readWorkbookContents({ sheets: ['不存在'] })).rejects.toMatchObject({ code: 'sheet-missing' });
    await expect(readWorkbookContents({ sheets: ['不存在'] })).rejects.toBeInstanceOf(OfficeAdapterError);
  });

  test('jumping to a problem activates its sheet and selects the cell in one sync', async () => {
    setUp();
    fake.load(returned);
    await selectCell('测绘 地理信息局', 'G4');
    const id = fake.sheet('测绘 地理信息局').id;
    const methods = fake.entriesFor(id).flatMap((e) => (e.kind === 'call' ? [`${e.range ?? ''}:${e.method}`] : []));
    expect(methods).toEqual([':activate', ':getRange', 'G4:select']);
    expect(fake.syncs).toBe(1);
  });
});

describe('live validation while the unit fills in its sheet (Excel mocked with office-addin-mock)', () => {
  // The debounce runs on jest's fake clock: a test moves time on itself and waits for the pass it expects, so
  // neither a slow machine nor a fast one changes what it sees. The stand-in's own turns are not the test's clock.
  useFakeClock();

  async function started(options: { sets?: Record<string, string> } = {}) {
    setUp(options);
    fake.load(returned, { unlocked: { '测绘 地理信息局': ['F4:J8'] } });
    const passes = passRecorder<WorkbookContents>();
    const session = await startLiveValidation({
      sheet: '测绘 地理信息局',
      validate: (contents) => contents,
      onPass: passes.add,
      initialPass: false,
    });
    return { passes, session };
  }

  test('quick edits are validated together, once, in one sync that reads the sheet and its meta sheet', async () => {
    const { passes, session } = await started();
    const syncsBefore = fake.syncs;
    await fake.edit('测绘 地理信息局', 'G4', 9);
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS - 1);
    await fake.edit('测绘 地理信息局', 'G5', 7);
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS - 1);
    await fake.edit('测绘 地理信息局', 'H5', '未完成');
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS - 1);
    // Each edit put the pause off again: no pass yet, nothing read.
    expect(passes.all).toHaveLength(0);
    expect(fake.syncs - syncsBefore).toBe(0);
    const pass = passes.next();
    await jest.advanceTimersByTimeAsync(1);
    const read = await pass;
    expect(passes.all).toHaveLength(1);
    expect(fake.syncs - syncsBefore).toBe(1);
    expect(read.sheets.map((s) => s.name)).toEqual(['测绘 地理信息局', '_meta']);
    await session.stop();
  });

  test('a pasted range is re-read whole, with the sum below it recalculated', async () => {
    const { passes, session } = await started();
    const pass = passes.next();
    await fake.edit('测绘 地理信息局', 'G4:G5', 99);
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
    const cells = new Map((await pass).sheets[0]!.cells.map((c) => [c.address, c]));
    expect(cells.get('G4')?.value).toBe(99);
    expect(cells.get('G5')?.value).toBe(99);
    expect(cells.get('G9')).toMatchObject({ value: 198, formula: '=SUM(G4:G8)' });
    await session.stop();
  });

  test('the add-in’s own writes do not start a pass (ExcelApi 1.14 triggerSource)', async () => {
    const { passes, session } = await started({ sets: { ExcelApi: '1.14' } });
    await fake.edit('测绘 地理信息局', 'G4', 5, 'ThisLocalAddin');
    // No pass was scheduled at all: no timer is waiting.
    expect(jest.getTimerCount()).toBe(0);
    const pass = passes.next();
    await fake.edit('测绘 地理信息局', 'G4', 6, 'Unknown');
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
    await pass;
    expect(passes.all).toHaveLength(1);
    await session.stop();
  });

  test('after stop, the handlers are removed and edits no longer validate', async () => {
    const { passes, session } = await started();
    expect(fake.sheet('测绘 地理信息局').onChanged).toHaveLength(1);
    await session.stop();
    expect(fake.sheet('测绘 地理信息局').onChanged).toHaveLength(0);
    expect(fake.sheet('测绘 地理信息局').onProtectionChanged).toHaveLength(0);
    const syncs = fake.syncs;
    await fake.edit('测绘 地理信息局', 'G4', 3);
    expect(jest.getTimerCount()).toBe(0);
    await jest.runAllTimersAsync();
    expect(passes.all).toHaveLength(0);
    expect(fake.syncs).toBe(syncs);
  });

  test('starting on a sheet that does not exist fails with a code', async () => {
    setUp();
    fake.load(returned);
    await expect(
      startLiveValidation({ sheet: '别的表', validate: () => null, onPass: () => undefined }),
    ).rejects.toMatchObject({
      code: 'sheet-missing',
    });
  });
});

describe('live validation in a workbook that holds several generated units (Excel mocked)', () => {
  async function generated() {
    setUp();
    const plans = [
      samplePlan({ unitId: 'a-unit', unitName: '甲单位' }),
      samplePlan({ unitId: 'b-unit', unitName: '乙单位' }),
    ];
    const { sheets } = await insertPlans(plans);
    return sheets;
  }

  test('without a sheet name, the active template is validated together with its own meta sheet', async () => {
    const sheets = await generated();
    const passes: string[][] = [];
    const session = await startLiveValidation({
      validate: (c) => c.sheets.map((s) => s.name),
      onPass: (names) => passes.push(names),
    });
    expect(passes).toEqual([[sheets[0]!.sheetName, sheets[0]!.metaSheetName]]);
    expect(fake.sheet('甲单位').onChanged).toHaveLength(1);
    await session.stop();
  });

  test('检查 reads only the active unit’s sheet and its meta sheet, in two syncs', async () => {
    const sheets = await generated();
    const before = fake.syncs;
    const read = await readTemplateContents();
    expect(read.sheetName).toBe('甲单位');
    expect(read.contents.sheets.map((s) => s.name)).toEqual([sheets[0]!.sheetName, sheets[0]!.metaSheetName]);
    expect(fake.syncs - before).toBe(2);
    const other = await readTemplateContents('乙单位');
    expect(other.contents.sheets.map((s) => s.name)).toEqual([sheets[1]!.sheetName, sheets[1]!.metaSheetName]);
  });

  test('a named template is validated with the meta sheet that follows it, not another unit’s', async () => {
    const sheets = await generated();
    const passes: string[][] = [];
    const syncsBefore = fake.syncs;
    const session = await startLiveValidation({
      sheet: '乙单位',
      validate: (c) => c.sheets.map((s) => s.name),
      onPass: (names) => passes.push(names),
    });
    expect(passes).toEqual([[sheets[1]!.sheetName, sheets[1]!.metaSheetName]]);
    expect(sheets[1]!.metaSheetName).toBe('_meta_b-unit');
    // Starting: list the sheets; then register the handlers and read the first pass in the same batch.
    expect(fake.syncs - syncsBefore).toBe(2);
    // …and a pass after an edit is still one sync.
    const afterStart = fake.syncs;
    await fake.edit('乙单位', 'G6', 1); // 自评得分 of its first item
    await session.runPass();
    expect(fake.syncs - afterStart).toBe(1);
    expect(passes).toHaveLength(2);
    await session.stop();
  });
});

describe('live validation when the sheet goes away (Excel mocked)', () => {
  test('deleting the template sheet during the session reports sheet-missing to the pane', async () => {
    setUp();
    fake.load(returned);
    const errors: unknown[] = [];
    const session = await startLiveValidation({
      sheet: '测绘 地理信息局',
      validate: (c) => c,
      onPass: () => undefined,
      onError: (e) => errors.push(e),
      initialPass: false,
    });
    fake.sheets.splice(fake.sheets.indexOf(fake.sheet('测绘 地理信息局')), 1);
    await session.runPass();
    expect(errors).toEqual([expect.objectContaining({ code: 'sheet-missing' })]);
    await session.stop();
  });
});

describe('live validation whose first read fails (Excel mocked)', () => {
  test('the failure goes to onError and the session it returns removes the handlers registered with that read', async () => {
    // The start's second request (handlers + first read) is larger than its first (the sheet list): a limit between
    // the two refuses exactly the request that shares its batch with sheet.onChanged.add.
    setUp({ requestLimitBytes: 700 });
    fake.load(returned);
    const errors: unknown[] = [];
    const passes: unknown[] = [];
    const session = await startLiveValidation({
      sheet: '测绘 地理信息局',
      validate: (c) => c,
      onPass: (c) => passes.push(c),
      onError: (e) => errors.push(e),
    });
    expect(fake.requestBytes[0]).toBeLessThanOrEqual(700);
    expect(fake.requestBytes[1]).toBeGreaterThan(700);
    expect(fake.syncs).toBe(2);
    expect(errors).toEqual([expect.objectContaining({ code: 'RequestPayloadSizeLimitExceeded' })]);
    expect(passes).toHaveLength(0);
    expect(fake.sheet('测绘 地理信息局').onChanged).toHaveLength(1);
    await session.stop();
    expect(fake.sheet('测绘 地理信息局').onChanged).toHaveLength(0);
    expect(fake.sheet('测绘 地理信息局').onProtectionChanged).toHaveLength(0);
  });
});
