// The Office adapter writing sheet plans into a workbook. Excel is mocked with office-addin-mock (see
// excel-mock.ts): these tests check what the adapter asks Excel to do, in which order and in how many syncs.
import { BORDER_COLOR, type SheetPlan } from '../../src/core/plan/model';
import { parseRange, rangeAddress } from '../../src/core/address';
import { syncCounter } from '../../src/office/excel-api';
import { batchPlans, formulasGrid, insertPlans, type InsertProgress } from '../../src/office/render-plan';
import { excelInput } from '../../src/office/sheet-helpers';
import { useFakeExcel, type FakeExcel, type FakeExcelOptions, type JournalEntry } from './excel-mock';
import { samplePlan } from './sample-plan';

const excel = useFakeExcel();
let fake: FakeExcel;

function setUp(options?: FakeExcelOptions): void {
  fake = excel.install(options);
}

function cellsOf(ranges: (string | null)[]): Set<string> {
  const out = new Set<string>();
  for (const address of ranges) {
    const r = parseRange(address!);
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) out.add(`${row},${col}`);
  }
  return out;
}
function units(n: number): SheetPlan[] {
  return Array.from({ length: n }, (_, i) =>
    samplePlan({ unitId: `unit-${i + 1}`, unitName: `单位${i + 1}`, partyItems: 6, ownItems: 12 }),
  );
}

describe('generating a unit sheet in the open workbook (Excel mocked with office-addin-mock)', () => {
  test('the sheet holds the plan’s texts, numbers and formulas, written as one 2-D array over the block', async () => {
    setUp();
    const plan = samplePlan();
    const result = await insertPlans([plan]);
    const sheet = fake.sheet(result.sheets[0]!.sheetName);
    const writes = fake.setsOn(sheet.name, 'formulas');
    expect(writes).toHaveLength(1);
    expect(writes[0]!.range).toBe(`A1:J${plan.layout.lastRow}`);
    const grid = writes[0]!.value as unknown[][];
    expect(grid).toHaveLength(plan.layout.lastRow);
    const byAddress = new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
    grid.forEach((row, r) =>
      row.forEach((written, c) => {
        const cell = byAddress.get(`${r + 1},${c + 1}`);
        if (!cell) expect(written).toBe('');
        else if (cell.formula !== undefined) expect(written).toBe(`=${cell.formula}`);
        else expect(written).toBe(excelInput(cell.value));
      }),
    );
    // What the workbook then shows: the texts as texts, even those Excel would take for a formula or a number.
    expect(sheet.cells.get('6,4')).toEqual({ input: "'=按时完成", value: '=按时完成' });
    expect(sheet.cells.get('7,4')).toEqual({ input: "'2019", value: '2019' });
    expect(sheet.cells.get('6,5')?.value).toBe(10);
    expect(sheet.cells.get('1,1')?.value).toBe('2019年度测绘地理信息局考核目标评分表');
  });

  test('only the input cells are unlocked; everything else stays locked', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const unitSheet = sheets[0]!.sheetName;
    const lockSets = fake.setsOn(unitSheet, 'format.protection.locked');
    expect(lockSets.every((e) => e.value === false)).toBe(true);
    const unlocked = cellsOf(lockSets.map((e) => e.range));
    const inputs = new Set(plan.cells.filter((c) => !c.locked).map((c) => `${c.row},${c.col}`));
    expect(inputs.size).toBe(5 * 5); // 5 items × 5 input columns
    expect([...unlocked].sort()).toEqual([...inputs].sort());
    // Nothing else in the block is touched, so it keeps Excel's default: locked.
    expect(unlocked.has('6,5')).toBe(false);
    expect(unlocked.has(`${plan.layout.totalRow},7`)).toBe(false);
  });

  test('protection state is loaded (and synced) before protect, and protect comes after every write', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan], { password: 'secret' });
    const sheet = fake.sheet(sheets[0]!.sheetName);
    const indexed = fake.journal.map((e, i) => ({ e, i }));
    const mine = indexed.filter(({ e }) => e.kind !== 'sync' && e.sheet === sheet.id);
    const load = mine.find(({ e }) => e.kind === 'call' && e.method === 'protection.load')!;
    const protect = mine.find(({ e }) => e.kind === 'call' && e.method === 'protection.protect')!;
    expect(load.e).toMatchObject({ args: ['protected'] });
    const syncBetween = indexed.some(({ e, i }) => e.kind === 'sync' && i > load.i && i < protect.i);
    expect(syncBetween).toBe(true);
    const isWrite = (e: JournalEntry) =>
      e.kind === 'set' || (e.kind === 'call' && !/^(protection\.|load$|activate$)/.test(e.method));
    const lastWrite = Math.max(...mine.filter(({ e }) => isWrite(e)).map(({ i }) => i));
    expect(protect.i).toBeGreaterThan(lastWrite);
    expect(sheet.protected).toBe(true);
    expect(sheet.password).toBe('secret');
    expect(sheet.protectOptions).toMatchObject({
      allowInsertRows: false,
      allowDeleteRows: false,
      allowFormatCells: false,
      selectionMode: 'Normal',
    });
  });

  test('a sheet that is not protected is never unprotected', async () => {
    setUp();
    const { sheets } = await insertPlans([samplePlan()]);
    const names = [sheets[0]!.sheetName, sheets[0]!.metaSheetName];
    expect(fake.sheets.map((s) => s.name).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(fake.callsOn(name, 'protection.unprotect')).toHaveLength(0);
      expect(fake.callsOn(name, 'protection.protect')).toHaveLength(1); // once on each
    }
  });

  test('a sheet that reports itself protected is unprotected first, so protect() does not fail', async () => {
    setUp({ newSheetsProtected: true });
    const { sheets } = await insertPlans([samplePlan()]);
    const sheet = fake.sheet(sheets[0]!.sheetName);
    const methods = fake
      .entriesFor(sheet.id)
      .flatMap((e) => (e.kind === 'call' && e.method.startsWith('protection.') ? [e.method] : []));
    expect(methods).toEqual(['protection.load', 'protection.unprotect', 'protection.protect']);
    expect(sheet.protected).toBe(true);
  });

  test('an existing sheet with the unit’s name is kept as it was; the new sheet gets a free name', async () => {
    setUp();
    const existing = fake.addSheet('测绘地理信息局');
    existing.cells.set('1,1', { input: '别人的数据', value: '别人的数据' });
    const result = await insertPlans([samplePlan()]);
    expect(result.sheets[0]).toMatchObject({ sheetName: '测绘地理信息局 (2)', renamed: true });
    expect(fake.sheet('测绘地理信息局')).toBe(existing);
    expect(existing.cells.size).toBe(1);
    expect(fake.entriesFor(existing.id)).toEqual([]);
  });

  test('the meta sheet is very hidden, holds the metadata rows and is protected', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const meta = fake.sheet(sheets[0]!.metaSheetName);
    expect(meta.name).toBe('_meta_survey-bureau');
    expect(meta.visibility).toBe('VeryHidden');
    expect(meta.protected).toBe(true);
    expect(meta.cells.get('2,1')?.value).toBe('unitId');
    expect(meta.cells.get('2,2')?.value).toBe('survey-bureau');
    expect(meta.cells.get('3,2')?.value).toBe(1);
  });

  test('data validation is cleared before its rule is set; the rule compares with the row’s weight', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const unitSheet = sheets[0]!.sheetName;
    const entries = fake.entriesFor(fake.sheet(unitSheet).id);
    const range = plan.validations[0]!.range;
    const clear = entries.findIndex(
      (e) => e.kind === 'call' && e.method === 'dataValidation.clear' && e.range === range,
    );
    const rule = entries.findIndex((e) => e.kind === 'set' && e.prop === 'dataValidation.rule' && e.range === range);
    expect(clear).toBeGreaterThanOrEqual(0);
    expect(rule).toBeGreaterThan(clear);
    expect((entries[rule] as { value: unknown }).value).toEqual({
      decimal: { operator: 'Between', formula1: 0, formula2: '=$E6' },
    });
    expect(fake.setsOn(unitSheet, 'dataValidation.errorAlert')[0]!.value).toMatchObject({
      style: 'Stop',
      message: '自评得分应在0到分值之间',
    });
  });

  test('conditional formats are custom formulas relative to the range’s top-left cell', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const unitSheet = sheets[0]!.sheetName;
    const cf = plan.conditionalFormats[0]!;
    expect(fake.callsOn(unitSheet, 'conditionalFormats.add')).toEqual([
      expect.objectContaining({ range: cf.range, args: ['Custom'] }),
    ]);
    expect(fake.setsOn(unitSheet, 'conditionalFormats.item.custom.rule.formula')[0]!.value).toBe(`=${cf.formula}`);
    expect(fake.setsOn(unitSheet, 'conditionalFormats.item.custom.format.fill.color')[0]!.value).toBe('#FFC7CE');
    expect(fake.setsOn(unitSheet, 'conditionalFormats.item.priority')[0]!.value).toBe(0);
  });

  test('styles are applied once per rectangle of a style, not per cell', async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const unitSheet = sheets[0]!.sheetName;
    const fills = fake.setsOn(unitSheet, 'format.fill.color');
    // The header row is one range; the yellow input cells are one range per input column.
    expect(fills.filter((e) => e.value === '#D9E1F2').map((e) => e.range)).toEqual(['A5:J5']);
    const yellow = fills.filter((e) => e.value === '#FFF2CC');
    expect(yellow).toHaveLength(5 * 2); // five input columns, interrupted by the party subtotal row
    expect(cellsOf(yellow.map((e) => e.range))).toEqual(
      new Set(plan.cells.filter((c) => c.style === 'input' || c.style === 'score').map((c) => `${c.row},${c.col}`)),
    );
    expect(fake.setsOn(unitSheet, 'numberFormat')).toHaveLength(1);
    expect(fake.callsOn(unitSheet, 'merge').map((e) => e.range)).toEqual(plan.merges);
  });

  test("thin borders get the plan's colour (BORDER_COLOR, grey as in the file), not Excel's default black", async () => {
    setUp();
    const plan = samplePlan();
    const { sheets } = await insertPlans([plan]);
    const unitSheet = sheets[0]!.sheetName;
    const entries = fake.entriesFor(fake.sheet(unitSheet).id);
    const edges = fake.callsOn(unitSheet, 'format.borders.getItem');
    expect(edges.length).toBeGreaterThan(0);
    const written = (prop: string) =>
      entries.filter(
        (e) => e.kind === 'set' && new RegExp(`^format\\.borders\\.\\w+\\.${prop}$`).test(e.prop),
      ) as Extract<JournalEntry, { kind: 'set' }>[];
    const colors = written('color');
    // Every edge that gets a style and weight gets the colour too, on the same range.
    expect(colors.map((e) => `${e.range} ${e.prop}`)).toEqual(
      written('weight').map((e) => `${e.range} ${e.prop.replace(/weight$/, 'color')}`),
    );
    expect(colors).toHaveLength(edges.length);
    expect(new Set(colors.map((e) => e.value))).toEqual(new Set([`#${BORDER_COLOR}`]));
    expect(BORDER_COLOR).toBe('808080');
  });

  test('print settings, frozen header and custom properties are set where the host supports them', async () => {
    setUp({ sets: { ExcelApi: '1.14' } });
    const plan = samplePlan();
    const result = await insertPlans([plan]);
    const unitSheet = result.sheets[0]!.sheetName;
    expect(result.notes).toEqual([]);
    expect(fake.setsOn(unitSheet, 'pageLayout.orientation')[0]!.value).toBe('Landscape');
    expect(fake.setsOn(unitSheet, 'pageLayout.paperSize')[0]!.value).toBe('A4');
    expect(fake.setsOn(unitSheet, 'pageLayout.centerHorizontally')[0]!.value).toBe(true);
    expect(fake.setsOn(unitSheet, 'pageLayout.zoom')[0]!.value).toEqual({ horizontalFitToPages: 1 });
    expect(fake.callsOn(unitSheet, 'pageLayout.setPrintTitleRows')[0]!.args).toEqual(['$5:$5']);
    expect(fake.callsOn(unitSheet, 'freezePanes.freezeRows')[0]!.args).toEqual([5]);
    expect(fake.callsOn(unitSheet, 'customProperties.add').map((e) => e.args)).toEqual(Object.entries(plan.properties));
  });

  test("the page orientation is the plan's (print.orientation), not a fixed landscape", async () => {
    setUp({ sets: { ExcelApi: '1.14' } });
    const landscape = samplePlan({ unitId: 'wide', unitName: '横向' });
    const portrait = samplePlan({ unitId: 'tall', unitName: '纵向' });
    portrait.print = { ...portrait.print, orientation: 'portrait' };
    const { sheets } = await insertPlans([landscape, portrait]);
    expect(sheets.map((s) => fake.setsOn(s.sheetName, 'pageLayout.orientation').map((e) => e.value))).toEqual([
      ['Landscape'],
      ['Portrait'],
    ]);
  });

  test('on an older Excel (ExcelApi 1.8) print settings and custom properties are skipped with a note', async () => {
    setUp({ sets: { ExcelApi: '1.8' } });
    const result = await insertPlans([samplePlan()]);
    const unitSheet = result.sheets[0]!.sheetName;
    const entries = fake.entriesFor(fake.sheet(unitSheet).id);
    expect(result.notes.sort()).toEqual(['custom-properties-unsupported', 'page-layout-unsupported']);
    expect(entries.some((e) => (e.kind === 'set' ? e.prop : e.method).startsWith('pageLayout'))).toBe(false);
    expect(fake.callsOn(unitSheet, 'customProperties.add')).toHaveLength(0);
    expect(fake.sheet(result.sheets[0]!.sheetName).protected).toBe(true);
  });
});

describe('round trips to Excel (context.sync calls) when generating sheets', () => {
  test('one unit costs two syncs', async () => {
    setUp();
    const before = syncCounter.count;
    const result = await insertPlans([samplePlan()]);
    expect(fake.syncs).toBe(2);
    expect(result.syncs).toBe(2);
    expect(syncCounter.count - before).toBe(2);
  });

  test('a unit with 300 targets costs the same two syncs as one with 5: syncs do not grow with rows', async () => {
    setUp();
    const result = await insertPlans([samplePlan({ ownItems: 300 })]);
    expect(result.batches).toBe(1);
    expect(fake.syncs).toBe(2);
    const sheet = fake.sheet(result.sheets[0]!.sheetName);
    expect(fake.setsOn(sheet.name, 'formulas')).toHaveLength(1);
    expect(sheet.cells.get('307,4')?.value).toBe('完成第301项工作'); // row 307 holds target 301
  });

  test('fifty units of 18 targets fit one (estimated) request under 4 MB: two syncs in all', async () => {
    setUp();
    const plans = units(50);
    const result = await insertPlans(plans);
    expect(result.sheets).toHaveLength(50);
    expect(result.batches).toBe(1);
    expect(fake.syncs).toBe(2);
    expect(fake.runs).toBe(1);
  });

  test('when the request limit forces it, sheets are split into batches, still two syncs per batch', async () => {
    setUp();
    const plans = units(50);
    const limit = 200_000;
    const expected = batchPlans(plans, limit);
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.length).toBeLessThan(50);
    const result = await insertPlans(plans, { maxRequestBytes: limit });
    expect(result.batches).toBe(expected.length);
    expect(fake.syncs).toBe(2 * expected.length);
    expect(result.sheets.map((s) => s.unitId)).toEqual(plans.map((p) => p.metadata.unitId));
    expect(new Set(result.sheets.map((s) => s.sheetName)).size).toBe(50);
  });

  test('progress is reported per sheet, and cancelling stops between batches with finished sheets only', async () => {
    setUp();
    const plans = units(12);
    const limit = 200_000;
    const firstBatch = batchPlans(plans, limit)[0]!.length;
    const controller = new AbortController();
    const progress: InsertProgress[] = [];
    const result = await insertPlans(plans, {
      maxRequestBytes: limit,
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        if (p.done >= 1) controller.abort();
      },
    });
    expect(result.cancelled).toBe(true);
    expect(result.sheets).toHaveLength(firstBatch);
    expect(progress[0]).toEqual({ done: 0, total: 12, current: '单位1' });
    expect(progress.slice(1).map((p) => p.done)).toEqual(Array.from({ length: firstBatch }, (_, i) => i + 1));
    // Every sheet that exists is complete and protected: nothing half-written is left behind.
    const generated = fake.sheets.filter((s) => s.visibility === 'Visible');
    expect(generated).toHaveLength(firstBatch);
    expect(generated.every((s) => s.protected)).toBe(true);
  });
});

describe('sheet plan to Excel input', () => {
  test('texts Excel would convert are written with the text prefix; others as they are', () => {
    expect(excelInput('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(excelInput('0.5')).toBe("'0.5");
    expect(excelInput('2019-12')).toBe("'2019-12");
    expect(excelInput('TRUE')).toBe("'TRUE");
    expect(excelInput('-完成')).toBe("'-完成");
    expect(excelInput('12:30')).toBe("'12:30");
    expect(excelInput('1,000')).toBe("'1,000");
    expect(excelInput('(5)')).toBe("'(5)");
    expect(excelInput('2019-12-01T00:00:00Z')).toBe("'2019-12-01T00:00:00Z");
    expect(excelInput('１２３')).toBe("'１２３");
    expect(excelInput('#N/A')).toBe("'#N/A");
    expect(excelInput('完成情况')).toBe('完成情况');
    expect(excelInput('按时完成2019年任务')).toBe('按时完成2019年任务');
    expect(excelInput(3.5)).toBe(3.5);
    expect(excelInput(null)).toBe('');
  });

  test('the formulas array covers the block from A1 to the last row and column', () => {
    const plan = samplePlan();
    const grid = formulasGrid(plan);
    expect(grid).toHaveLength(plan.layout.lastRow);
    expect(grid.every((r) => r.length === 10)).toBe(true);
    expect(rangeAddress({ top: 1, left: 1, bottom: grid.length, right: 10 })).toBe(`A1:J${plan.layout.lastRow}`);
  });
});

describe('when Excel refuses a request as too large (Excel on the web, 5 MB)', () => {
  test('the batch is halved and sent again; every unit gets exactly one sheet', async () => {
    // The fake host refuses requests above 600 kB of queued calls; the adapter's estimate allows 4 MB.
    setUp({ requestLimitBytes: 600_000 });
    const plans = units(20);
    const result = await insertPlans(plans);
    expect(fake.requestBytes.some((b) => b > 600_000)).toBe(true); // at least one refusal happened
    expect(result.sheets.map((s) => s.unitId)).toEqual(plans.map((p) => p.metadata.unitId));
    const visible = fake.sheets.filter((s) => s.visibility === 'Visible');
    expect(visible.map((s) => s.name)).toEqual(plans.map((p) => p.sheetName));
    expect(fake.sheets.every((s) => s.protected)).toBe(true);
    // Refused requests cost a sync each; accepted batches two.
    const refused = fake.requestBytes.filter((b) => b > 600_000).length;
    expect(fake.syncs).toBe(refused + 2 * result.batches);
  });

  test('a sheet name Excel cannot take is refused before anything is written', async () => {
    setUp();
    await expect(insertPlans([samplePlan(), samplePlan({ sheetName: '目标/评分' })])).rejects.toMatchObject({
      code: 'sheet-name-invalid',
    });
    expect(fake.sheets).toHaveLength(0);
    expect(fake.syncs).toBe(0);
  });
});
