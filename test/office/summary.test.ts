// The summary added to the open workbook through Office.js, against the shared Excel stand-in (excel-mock.ts, on
// office-addin-mock): which sheets are added (never replacing one), what is written into them and in which order,
// the chart, the frozen panes and how many round trips, and what the stand-in's workbook then holds. This does
// not prove that Excel accepts the calls; it pins down what the adapter asks for. The stand-in is strict: a
// member it does not know cannot be called, and on a chart only the known properties can be set (last describe).
import type { Catalog, Unit } from '../../src/core/catalog/model';
import type { Submission } from '../../src/core/collect/model';
import { summaryToSheets } from '../../src/core/collect/sheets';
import { buildSummary } from '../../src/core/collect/summary';
import { summaryTextsFor } from '../../src/app/collect/texts';
import { parseRange } from '../../src/core/address';
import { BORDER_COLOR } from '../../src/core/plan/model';
import { runExcel, syncCounter } from '../../src/office/excel-api';
import { columnWidthPoints, freeSheetName } from '../../src/office/sheet-helpers';
import { formulaInput, insertSummary } from '../../src/office/summary';
import { unit, valid } from '../core/collect/fixture';
import { useFakeExcel, type FakeExcel, type SetEntry } from './excel-mock';

// The collect tests' fixture (test/core/collect/fixture.ts), with this test's units: one named like a formula.
const units: Unit[] = [unit('a', '甲局', 'bureau'), unit('b', '=1+1', 'bureau'), unit('c', '西宁市局', 'city')];
const catalog: Catalog = { year: 2019, source: 't', diagnostics: [], units };
/** A valid submission; below 100 its deduction reason looks like a formula ('@SUM(A1)'). */
const sub = (u: Unit, self: number, file: string): Submission => valid(u, self, file, self < 100 ? '@SUM(A1)' : '');
const book = summaryToSheets(
  buildSummary(catalog, [sub(units[0]!, 90, '甲局.xlsx'), sub(units[1]!, 95, '-cmd.xlsx')]),
  summaryTextsFor('zh-CN'),
);

const excel = useFakeExcel();
let fake: FakeExcel;

/** A fresh stand-in holding the given (empty) sheets, installed as the global Excel. */
function setUp(existing: string[]): void {
  fake = excel.install();
  for (const name of existing) fake.addSheet(name);
}

beforeEach(() => {
  syncCounter.reset();
});

describe('汇总 in the task pane: the summary is added to the open workbook', () => {
  test('every summary sheet is added, in two syncs, with 汇总 activated and a clustered column chart of the group averages', async () => {
    setUp(['Sheet1']);
    const result = await insertSummary(book);
    expect(result).toEqual({ sheets: ['汇总', '未提交', '问题', '指标统计', '文件清单', '扣分说明'], chart: true });
    expect(fake.syncs).toBe(2);
    expect(syncCounter.count).toBe(2);
    expect(fake.runs).toBe(1);
    expect(fake.callsOn(null, 'worksheets.add').map((c) => c.args[0])).toEqual(result.sheets);
    // The workbook holds them after the sheet it had, in the summary's order.
    expect(fake.sheets.map((s) => s.name)).toEqual(['Sheet1', ...result.sheets]);
    // The sheet list is read in the first sync (nothing else is queued before it), everything else is written in
    // the second, and nothing is queued after it.
    const firstSync = fake.journal.findIndex((e) => e.kind === 'sync');
    expect(fake.journal.slice(0, firstSync)).toEqual([
      { kind: 'call', sheet: null, range: null, method: 'worksheets.load', args: ['items/name'] },
    ]);
    expect(fake.journal[fake.journal.length - 1]).toEqual({ kind: 'sync', n: 2 });

    const add = fake.callsOn('汇总', 'charts.add');
    expect(add).toHaveLength(1);
    expect(add[0]!.args[0]).toBe('ColumnClustered');
    expect(add[0]!.args[2]).toBe('Columns');
    expect(fake.setsOn('汇总', 'chart.title.text')[0]!.value).toBe('各组平均总分');
    expect(fake.callsOn('汇总', 'chart.setPosition')[0]!.args).toEqual([book.chart!.anchor]);
    expect(fake.callsOn('汇总', 'activate')).toHaveLength(1);
    expect(fake.activeId).toBe(fake.sheet('汇总').id);

    // The chart Excel then holds: the two group averages (自评 F, 考核 G) side by side, one series per column,
    // named by the core, with the group names (A) as the x axis, at the core's anchor; on 汇总 only.
    const spec = book.chart!;
    expect(spec.categories).toBe('A9:A10');
    expect(spec.series.map((s) => s.values)).toEqual(['F9:F10', 'G9:G10']);
    expect(fake.sheet('汇总').charts).toEqual([
      {
        type: 'ColumnClustered',
        source: { sheet: '汇总', address: 'F9:G10' },
        seriesBy: 'Columns',
        title: '各组平均总分',
        series: spec.series.map((s) => ({ name: s.name, xAxisValues: { sheet: '汇总', address: 'A9:A10' } })),
        position: { start: spec.anchor, end: null },
      },
    ]);
    expect(fake.sheets.filter((s) => s.name !== '汇总').flatMap((s) => s.charts)).toEqual([]);
  });

  test('sheets already in the workbook are never replaced: a taken name gets a number', async () => {
    setUp(['汇总', '问题', '问题 (2)']);
    fake.sheet('汇总').cells.set('1,1', { input: 'mine', value: 'mine' });
    const result = await insertSummary(book);
    expect(result.sheets.slice(0, 3)).toEqual(['汇总 (2)', '未提交', '问题 (3)']);
    // The sheets that were there stay, first and untouched (nothing is queued on them); the summary's follow.
    expect(fake.sheets.map((s) => s.name)).toEqual(['汇总', '问题', '问题 (2)', ...result.sheets]);
    expect(fake.sheet('汇总').cells).toEqual(new Map([['1,1', { input: 'mine', value: 'mine' }]]));
    for (const name of ['汇总', '问题', '问题 (2)']) expect(fake.entriesFor(fake.sheet(name).id)).toEqual([]);
    expect(fake.sheet('汇总 (2)').charts).toHaveLength(1);
    expect(fake.activeId).toBe(fake.sheet('汇总 (2)').id);
  });

  test("a unit's texts that look like formulas are written as text: text format first, then a leading apostrophe", async () => {
    setUp([]);
    await insertSummary(book);
    const sets = fake
      .entriesFor(fake.sheet('汇总').id)
      .filter((e): e is SetEntry => e.kind === 'set' && (e.prop === 'numberFormat' || e.prop === 'formulas'));
    expect(sets.map((s) => s.prop)).toEqual(['numberFormat', 'formulas']);
    const rows = book.sheets[0]!.rows.length;
    expect(sets.map((s) => s.range)).toEqual([`A1:P${rows}`, `A1:P${rows}`]);
    const [formats, formulas] = [sets[0]!.value, sets[1]!.value] as [string[][], Array<Array<string | number>>];
    const r = formulas.findIndex((row) => row[1] === "'=1+1");
    expect(r).toBeGreaterThan(0);
    expect(formats[r]![1]).toBe('@');
    expect(formulas[r]![15]).toBe("'-cmd.xlsx");
    // Our own formulas are formulas.
    expect(String(formulas[r]![11])).toMatch(/^=IF\(K\d+="","",COUNTIFS\(/);
    // What the sheet then holds: the text format on the cell, and the text shown without the apostrophe.
    const summary = fake.sheet('汇总');
    expect(summary.formats.get(`${r + 1},2`)).toBe('@');
    expect(summary.cells.get(`${r + 1},2`)).toEqual({ input: "'=1+1", value: '=1+1' });
    expect(summary.cells.get(`${r + 1},16`)).toEqual({ input: "'-cmd.xlsx", value: '-cmd.xlsx' });
    const deductions = fake.setsOn('扣分说明', 'formulas')[0]!.value as string[][];
    expect(deductions.flat()).toContain("'@SUM(A1)");
    expect(deductions.flat()).not.toContain('@SUM(A1)');
  });

  test("styles go through the adapter's one applyStyle: thin borders with their weight and the plan's colour, inside edges only where a rectangle has several rows or columns", async () => {
    setUp([]);
    await insertSummary(book);
    // Border calls and writes, by the range they were queued on.
    const byRange = new Map<string, { edges: string[]; weights: string[]; styles: string[]; colors: string[] }>();
    for (const e of fake.entriesFor(fake.sheet('汇总').id)) {
      const border = e.kind === 'call' ? e.method === 'format.borders.getItem' : /^format\.borders\./.test(e.prop);
      if (!border) continue;
      const entry = byRange.get(e.range!) ?? { edges: [], weights: [], styles: [], colors: [] };
      byRange.set(e.range!, entry);
      if (e.kind === 'call') {
        entry.edges.push(String(e.args[0]));
        continue;
      }
      const [, edge, prop] = /^format\.borders\.(\w+)\.(\w+)$/.exec(e.prop)!;
      if (prop === 'weight') entry.weights.push(`${edge}:${String(e.value)}`);
      else if (prop === 'style') entry.styles.push(`${edge}:${String(e.value)}`);
      else if (prop === 'color') entry.colors.push(`${edge}:${String(e.value)}`);
      else throw new Error(`unexpected border write ${e.prop}`);
    }
    expect(byRange.size).toBeGreaterThan(1);
    let singleRows = 0;
    for (const [address, { edges, weights, styles, colors }] of byRange) {
      const rect = parseRange(address);
      const expected = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
      if (rect.bottom > rect.top) expected.push('InsideHorizontal');
      else singleRows++;
      if (rect.right > rect.left) expected.push('InsideVertical');
      expect(edges).toEqual(expected);
      expect(styles).toEqual(expected.map((edge) => `${edge}:Continuous`));
      expect(weights).toEqual(expected.map((edge) => `${edge}:Thin`));
      expect(colors).toEqual(expected.map((edge) => `${edge}:#${BORDER_COLOR}`));
    }
    expect(singleRows).toBeGreaterThan(0);
  });

  test("column widths are the core's characters converted by columnWidthPoints, as for the generated sheets", async () => {
    setUp([]);
    await insertSummary(book);
    for (const sheet of book.sheets) {
      const widths = fake.setsOn(sheet.name, 'format.columnWidth').map((e) => e.value);
      expect(widths).toEqual(sheet.columns.map((c) => columnWidthPoints(c.width)));
      // Each on its own column.
      expect(fake.sheet(sheet.name).columnWidths).toEqual(
        new Map(sheet.columns.map((c, i) => [i + 1, columnWidthPoints(c.width)])),
      );
    }
  });

  test("the core's frozen panes: 汇总 its two title rows and two name columns, the tables their header row", async () => {
    setUp([]);
    await insertSummary(book);
    expect(book.sheets.map((s) => s.freeze)).toEqual([{ rows: 2, cols: 2 }, ...Array(5).fill({ rows: 1, cols: 0 })]);
    for (const sheet of book.sheets) expect(fake.sheet(sheet.name).frozen).toEqual(sheet.freeze);
  });

  test('each table gets a filter from its header row to its last row, as in the summary file', async () => {
    setUp([]);
    await insertSummary(book);
    const tables = book.sheets.filter((s) => s.filter !== null);
    expect(tables.map((s) => s.name)).toContain(book.sheets[0]!.name);
    for (const sheet of book.sheets) {
      // The core's filter (test/core/collect/sheets.test.ts checks its extent): header row to last row, all columns.
      expect([sheet.name, fake.sheet(sheet.name).autoFilter]).toEqual([sheet.name, sheet.filter]);
    }
    // 汇总's filter starts at its header row (row 2, under the title), not at the title.
    expect(fake.sheet(book.sheets[0]!.name).autoFilter).toMatch(/^A2:/);
  });
});

describe('the Excel stand-in refuses what Excel or Office.js would not take (so a misspelt call cannot pass)', () => {
  /** One batch against a fresh stand-in holding "Sheet1" and a chart of A1:B3 on it, by columns. */
  async function withChart(
    batch: (chart: Excel.Chart, ws: Excel.Worksheet, context: Excel.RequestContext) => Promise<void> | void,
  ) {
    setUp(['Sheet1']);
    await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      await batch(ws.charts.add('ColumnClustered', ws.getRange('A1:B3'), 'Columns'), ws, context);
    });
  }

  test('a chart member it does not know cannot be called or set', async () => {
    await expect(
      withChart((chart) => {
        (chart as unknown as { setPositon(cell: string): void }).setPositon('D1');
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      withChart((chart) => {
        (chart.title as unknown as { txt: string }).txt = 'x';
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      withChart((chart) => {
        (chart as unknown as { name: string }).name = 'x';
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      withChart((chart) => {
        (chart.series.getItemAt(0) as unknown as { nmae: string }).nmae = 'x';
      }),
    ).rejects.toThrow(TypeError);
    await expect(
      withChart((chart) => {
        (chart.series as unknown as { add(name: string): void }).add('x');
      }),
    ).rejects.toThrow(TypeError);
    excel.allowUnsent(); // each batch threw before its sync, on purpose
  });

  test('an unknown chart type, a series the source does not have, or a string where Office.js wants a Range rejects the sync', async () => {
    await expect(
      withChart(async (_chart, ws, context) => {
        ws.charts.add('ColumnClusterd' as Excel.ChartType, ws.getRange('A1:B3'));
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      withChart(async (chart, _ws, context) => {
        chart.series.getItemAt(2).name = 'third';
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    await expect(
      withChart(async (chart, _ws, context) => {
        chart.series.getItemAt(0).setXAxisValues('A1:A3' as unknown as Excel.Range);
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    // And what it takes, it keeps: by columns, two series for A1:B3.
    await withChart(async (chart, ws, context) => {
      chart.series.getItemAt(1).name = 'second';
      chart.series.getItemAt(1).setXAxisValues(ws.getRange('C1:C3'));
      await context.sync();
    });
    expect(fake.sheet('Sheet1').charts[0]!.series).toEqual([
      { name: null, xAxisValues: null },
      { name: 'second', xAxisValues: { sheet: 'Sheet1', address: 'C1:C3' } },
    ]);
  });
});

describe('sheet names and cell inputs', () => {
  test('names go through the adapter\'s one freeSheetName: a taken name (any letter case) gets " (2)", an invalid one is refused', () => {
    expect(freeSheetName('Summary', new Set(['SUMMARY']))).toBe('Summary (2)');
    expect(freeSheetName('x'.repeat(40), new Set(['x'.repeat(31)]))).toBe(`${'x'.repeat(27)} (2)`);
    // Summary sheet names come from the locale files; one Excel refuses is a bug there, not renamed here.
    expect(() => freeSheetName('a/b:c', new Set())).toThrow(expect.objectContaining({ code: 'sheet-name-invalid' }));
  });
  test("text Excel might coerce gets an apostrophe (the adapter's one excelInput); other text, numbers and our formulas do not", () => {
    expect(['=1', '+1', '-1', '@A', 'a=1'].map((value) => formulaInput({ kind: 'text', value }))).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@A",
      'a=1',
    ]);
    // The shared guard is broader than "= + - @": dates, numbers, booleans and errors as text stay text too.
    expect(
      ['1-3', '2019-12', '0.5', 'TRUE', '#N/A', '１２３', '甲局'].map((value) => formulaInput({ kind: 'text', value })),
    ).toEqual(["'1-3", "'2019-12", "'0.5", "'TRUE", "'#N/A", "'１２３", '甲局']);
    expect(formulaInput({ kind: 'number', value: -3 })).toBe(-3);
    expect(formulaInput({ kind: 'formula', formula: 'SUM(A1)', result: 1 })).toBe('=SUM(A1)');
  });
});
