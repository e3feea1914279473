// The summary added to the open workbook through Office.js, against office-addin-mock: which sheets are added
// (never replacing one), what is written into them and in which order, the chart, and how many round trips.
// This does not prove that Excel accepts the calls; it pins down what the adapter asks for.
import { OfficeMockObject } from 'office-addin-mock';
import type { Catalog, Item, Unit } from '../../src/core/catalog/model';
import type { Submission } from '../../src/core/collect/model';
import { summaryToSheets } from '../../src/core/collect/sheets';
import { buildSummary } from '../../src/core/collect/summary';
import { summaryTextsFor } from '../../src/collect/texts';
import { parseRange } from '../../src/core/address';
import { syncCounter } from '../../src/office/excel-api';
import { columnWidthPoints, freeSheetName } from '../../src/office/render-plan';
import { formulaInput, insertSummary } from '../../src/office/summary';

// office-addin-mock's entry point pulls in ESM-only packages through office-addin-manifest; the enum is enough.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp'));

type Entry =
  | { kind: 'sync' }
  | { kind: 'set'; path: string; value: unknown }
  | { kind: 'call'; path: string; args: unknown[] };

/** A stand-in Excel: the sheet list must be loaded and synced before it is read; every write is journaled. */
class FakeExcel {
  journal: Entry[] = [];
  syncs = 0;
  constructor(readonly existing: string[]) {}

  /** Records sets and calls under a dotted path; any property read gives a nested recorder. */
  private recorder(path: string): unknown {
    const fake = this;
    const target = function () {} as unknown as Record<string, unknown>;
    return new Proxy(target, {
      get(_t, key) {
        if (typeof key === 'symbol') return undefined;
        if (key === 'then') return undefined;
        return fake.recorder(`${path}.${key}`);
      },
      set(_t, key, value) {
        fake.journal.push({ kind: 'set', path: `${path}.${String(key)}`, value });
        return true;
      },
      apply(_t, _this, args) {
        fake.journal.push({ kind: 'call', path, args });
        return fake.recorder(`${path}()`);
      },
    });
  }

  install(): () => void {
    const g = globalThis as { Excel?: unknown };
    const before = g.Excel;
    const fake = this;
    g.Excel = {
      run(_options: unknown, batch: (context: unknown) => Promise<unknown>) {
        return batch(fake.context());
      },
    };
    return () => {
      g.Excel = before;
    };
  }

  private context(): OfficeMockObject {
    const fake = this;
    let pendingLoad = false;
    const worksheets = new OfficeMockObject({
      items: [],
      add(name: string) {
        fake.journal.push({ kind: 'call', path: 'worksheets.add', args: [name] });
        return fake.recorder(`sheet[${name}]`);
      },
      load(properties: string) {
        expect(properties).toBe('items/name');
        pendingLoad = true;
        return worksheets;
      },
    });
    const context = new OfficeMockObject({ workbook: {} });
    (context.workbook as unknown as { worksheets: unknown }).worksheets = worksheets;
    context.sync = async () => {
      fake.syncs++;
      fake.journal.push({ kind: 'sync' });
      if (pendingLoad) {
        worksheets.items = fake.existing.map((name) => ({ name }));
        pendingLoad = false;
      }
    };
    return context;
  }

  sets(path: RegExp): Array<{ path: string; value: unknown }> {
    return this.journal.filter((e): e is { kind: 'set'; path: string; value: unknown } => e.kind === 'set' && path.test(e.path));
  }
  calls(path: RegExp): Array<{ path: string; args: unknown[] }> {
    return this.journal.filter((e): e is { kind: 'call'; path: string; args: unknown[] } => e.kind === 'call' && path.test(e.path));
  }
}

const items: Item[] = [
  { block: 'party', category: '党政建设', item: '党建', content: '党建工作', weight: 20 },
  { block: 'own', category: '共性指标', item: '业务', content: '业务工作', weight: 80 },
];
const units: Unit[] = [
  { id: 'a', name: '甲局', group: 'bureau', totalWeight: 100, items },
  { id: 'b', name: '=1+1', group: 'bureau', totalWeight: 100, items },
  { id: 'c', name: '西宁市局', group: 'city', totalWeight: 100, items },
];
const catalog: Catalog = { year: 2019, source: 't', diagnostics: [], units };
const sub = (u: Unit, self: number, file: string): Submission => ({
  file,
  submittedAt: '2020-01-10T00:00:00.000Z',
  report: { status: 'valid', identity: { unitId: u.id, unitName: u.name, group: u.group, year: 2019 }, totals: { self, assessed: null }, issues: [] },
  items: [
    { ...items[0]!, selfScore: 20, assessedScore: null, deductionReason: '' },
    { ...items[1]!, selfScore: self - 20, assessedScore: null, deductionReason: self < 100 ? '@SUM(A1)' : '' },
  ],
});
const book = summaryToSheets(buildSummary(catalog, [sub(units[0]!, 90, '甲局.xlsx'), sub(units[1]!, 95, '-cmd.xlsx')]), summaryTextsFor('zh-CN'));

let fake: FakeExcel;
let uninstall: () => void;
beforeEach(() => {
  syncCounter.reset();
});
afterEach(() => uninstall());

describe('汇总 in the task pane: the summary is added to the open workbook', () => {
  test('every summary sheet is added, in two syncs, with 汇总 activated and a clustered column chart of the group averages', async () => {
    fake = new FakeExcel(['Sheet1']);
    uninstall = fake.install();
    const result = await insertSummary(book);
    expect(result).toEqual({ sheets: ['汇总', '未提交', '问题', '指标统计', '文件清单', '扣分说明'], chart: true });
    expect(fake.syncs).toBe(2);
    expect(syncCounter.count).toBe(2);
    expect(fake.calls(/^worksheets\.add$/).map((c) => c.args[0])).toEqual(result.sheets);
    // The sheet list is read in the first sync, everything else is written in the second.
    expect(fake.journal.findIndex((e) => e.kind === 'sync')).toBe(0);
    const add = fake.calls(/^sheet\[汇总\]\.charts\.add$/);
    expect(add).toHaveLength(1);
    expect(add[0]!.args[0]).toBe('ColumnClustered');
    expect(add[0]!.args[2]).toBe('Columns');
    expect(fake.sets(/^sheet\[汇总\]\.charts\.add\(\)\.title\.text$/)[0]!.value).toBe('各组平均总分');
    expect(fake.calls(/^sheet\[汇总\]\.charts\.add\(\)\.setPosition$/)[0]!.args).toEqual([book.chart!.anchor]);
    expect(fake.calls(/^sheet\[汇总\]\.activate$/)).toHaveLength(1);
  });

  test('sheets already in the workbook are never replaced: a taken name gets a number', async () => {
    fake = new FakeExcel(['汇总', '问题', '问题 (2)']);
    uninstall = fake.install();
    const result = await insertSummary(book);
    expect(result.sheets.slice(0, 3)).toEqual(['汇总 (2)', '未提交', '问题 (3)']);
  });

  test("a unit's texts that look like formulas are written as text: text format first, then a leading apostrophe", async () => {
    fake = new FakeExcel([]);
    uninstall = fake.install();
    await insertSummary(book);
    const sets = fake.journal.filter((e) => e.kind === 'set' && /^sheet\[汇总\]\.getRange\(\)\.(numberFormat|formulas)$/.test(e.path)) as Array<{ path: string; value: unknown[][] }>;
    expect(sets.map((s) => s.path.split('.').pop())).toEqual(['numberFormat', 'formulas']);
    const [formats, formulas] = [sets[0]!.value, sets[1]!.value] as [string[][], Array<Array<string | number>>];
    const r = formulas.findIndex((row) => row[1] === "'=1+1");
    expect(r).toBeGreaterThan(0);
    expect(formats[r]![1]).toBe('@');
    expect(formulas[r]![15]).toBe("'-cmd.xlsx");
    // Our own formulas are formulas.
    expect(String(formulas[r]![11])).toMatch(/^=IF\(K\d+="","",COUNTIFS\(/);
    const deductions = fake.sets(/^sheet\[扣分说明\]\.getRange\(\)\.formulas$/)[0]!.value as string[][];
    expect(deductions.flat()).toContain("'@SUM(A1)");
    expect(deductions.flat()).not.toContain('@SUM(A1)');
  });

  test("styles go through render-plan's applyStyle: thin borders with their weight, inside edges only where a rectangle has several rows or columns", async () => {
    fake = new FakeExcel([]);
    uninstall = fake.install();
    await insertSummary(book);
    // Each write to a range follows its getRange(address) call: attribute the border calls and sets to it.
    const byRange = new Map<string, { edges: string[]; weights: unknown[]; styles: unknown[] }>();
    let current: string | null = null;
    for (const e of fake.journal) {
      if (e.kind === 'call' && e.path === 'sheet[汇总].getRange') current = String(e.args[0]);
      if (!current || e.kind === 'sync' || !e.path.startsWith('sheet[汇总].getRange().format.borders.getItem')) continue;
      const entry = byRange.get(current) ?? { edges: [], weights: [], styles: [] };
      byRange.set(current, entry);
      if (e.kind === 'call') entry.edges.push(String(e.args[0]));
      else if (e.path.endsWith('.weight')) entry.weights.push(e.value);
      else if (e.path.endsWith('.style')) entry.styles.push(e.value);
    }
    expect(byRange.size).toBeGreaterThan(1);
    let singleRows = 0;
    for (const [address, { edges, weights, styles }] of byRange) {
      const rect = parseRange(address);
      const expected = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
      if (rect.bottom > rect.top) expected.push('InsideHorizontal');
      else singleRows++;
      if (rect.right > rect.left) expected.push('InsideVertical');
      expect(edges).toEqual(expected);
      expect(styles).toEqual(expected.map(() => 'Continuous'));
      expect(weights).toEqual(expected.map(() => 'Thin'));
    }
    expect(singleRows).toBeGreaterThan(0);
  });

  test("column widths are the core's characters converted by columnWidthPoints, as for the generated sheets", async () => {
    fake = new FakeExcel([]);
    uninstall = fake.install();
    await insertSummary(book);
    for (const sheet of book.sheets) {
      const widths = fake.sets(new RegExp(`^sheet\\[${sheet.name}\\]\\.getRange\\(\\)\\.format\\.columnWidth$`)).map((e) => e.value);
      expect(widths).toEqual(sheet.columns.map((c) => columnWidthPoints(c.width)));
    }
  });
});

describe('sheet names and cell inputs', () => {
  test("names go through the adapter's one freeSheetName: a taken name (any letter case) gets \" (2)\", an invalid one is refused", () => {
    expect(freeSheetName('Summary', new Set(['SUMMARY']))).toBe('Summary (2)');
    expect(freeSheetName('x'.repeat(40), new Set(['x'.repeat(31)]))).toBe(`${'x'.repeat(27)} (2)`);
    // Summary sheet names come from the locale files; one Excel refuses is a bug there, not renamed here.
    expect(() => freeSheetName('a/b:c', new Set())).toThrow(expect.objectContaining({ code: 'sheet-name-invalid' }));
  });
  test("text Excel might coerce gets an apostrophe (render-plan's excelInput); other text, numbers and our formulas do not", () => {
    expect(['=1', '+1', '-1', '@A', 'a=1'].map((value) => formulaInput({ kind: 'text', value }))).toEqual(["'=1", "'+1", "'-1", "'@A", 'a=1']);
    // The shared guard is broader than "= + - @": dates, numbers, booleans and errors as text stay text too.
    expect(['1-3', '2019-12', '0.5', 'TRUE', '#N/A', '１２３', '甲局'].map((value) => formulaInput({ kind: 'text', value })))
      .toEqual(["'1-3", "'2019-12", "'0.5", "'TRUE", "'#N/A", "'１２３", '甲局']);
    expect(formulaInput({ kind: 'number', value: -3 })).toBe(-3);
    expect(formulaInput({ kind: 'formula', formula: 'SUM(A1)', result: 1 })).toBe('=SUM(A1)');
  });
});
