// A stand-in for the Excel host, built on office-addin-mock (Microsoft's package for unit-testing add-ins).
// Excel itself cannot run here: this does not prove that Excel accepts the calls, only what the adapter asks
// for, in which order, and how many `context.sync()` round trips it costs.
//
// - Proxy objects (workbook, worksheets, ranges, protection, …) are `OfficeMockObject`s, so a property the
//   adapter reads without `load()` + `sync()` comes back as the mock's error string, as Excel would refuse it.
// - Every property set and method call on them is journaled in order, with sync markers between batches.
// - Writes take effect at the next sync, in queue order, like a batch: protect() on a protected sheet, a name
//   that is taken, or a missing sheet make that sync reject, as Excel does.
// - merge() is recorded on the sheet (FakeSheet.merges); a used range gives them back through
//   getMergedAreasOrNullObject (only when the fake host claims ExcelApi 1.13, as Office.js).
// - Number formats, column widths and frozen panes are recorded on the sheet (FakeSheet.formats, columnWidths,
//   frozen) at the sync; a number-format array that does not match its range makes the sync reject, as values do.
// - Charts (Worksheet.charts.add, title, series names and x-axis values, setPosition) are recorded on the sheet
//   (FakeSheet.charts). The chart objects are strict: besides the members listed here nothing can be called, and
//   setting any property other than title.text and a series' name throws (Office.js would silently keep a
//   misspelt property on its proxy object and never send it to Excel). A chart type the fake does not know, a
//   series index the source data does not have, or an argument that is not one of this fake's ranges makes the
//   sync reject.
// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose entry point pulls in
// ESM-only packages that jest (CommonJS here) cannot load: the test files map it to the enum's own module
// (jest.mock), the bench with an esbuild alias.
import { OfficeMockObject } from 'office-addin-mock';
import type { CellValue } from '../../src/core/plan/model';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { cellAddress, columnNumber, parseRange, rangeAddress } from '../../src/core/address';

export type JournalEntry =
  | { kind: 'sync'; n: number }
  | { kind: 'set'; sheet: string | null; range: string | null; prop: string; value: unknown }
  | { kind: 'call'; sheet: string | null; range: string | null; method: string; args: unknown[] };

type Input = string | number | boolean;

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  protectOptions: unknown;
  password: string | undefined;
  /** "row,col" → what was written (formula text with '=' or a constant) and the value shown. */
  cells: Map<string, { input: Input; value: CellValue }>;
  onChanged: ((args: object) => Promise<unknown>)[];
  onProtectionChanged: ((args: object) => Promise<unknown>)[];
  /** Merged areas (A1 ranges), as merge() left them or a test set them (a sheet merged by hand). */
  merges: string[];
  /** "row,col" → the number format set through Range.numberFormat. */
  formats: Map<string, string>;
  /** Column number (1 = A) → width in points, set through Range.format.columnWidth. */
  columnWidths: Map<number, number>;
  /** Frozen rows and columns (freezeAt / freezeRows / freezeColumns); null when nothing was frozen. */
  frozen: { rows: number; cols: number } | null;
  /** Charts added through Worksheet.charts.add, as Excel holds them after the sync. */
  charts: FakeChart[];
  /** The range of the sheet's autofilter (Worksheet.autoFilter.apply, ExcelApi 1.9); null when none. */
  autoFilter: string | null;
}

/** A range as a chart (or freezeAt) was given it: the sheet's name at the sync and the A1 address. */
export interface FakeRangeRef {
  sheet: string;
  address: string;
}

export interface FakeChart {
  type: string;
  source: FakeRangeRef;
  seriesBy: 'Auto' | 'Columns' | 'Rows';
  title: string | null;
  /** As Excel makes them from the source: one per column (by columns) or row (by rows). */
  series: { name: string | null; xAxisValues: FakeRangeRef | null }[];
  /** setPosition's start and (optional) end cell. */
  position: { start: string; end: string | null } | null;
}

/** Excel.ChartType values the fake accepts (a subset: add one here when an adapter needs it). */
const CHART_TYPES = new Set([
  'ColumnClustered', 'ColumnStacked', 'ColumnStacked100', 'BarClustered', 'BarStacked', 'BarStacked100',
  'Line', 'LineStacked', 'LineStacked100', 'LineMarkers', 'Pie', 'Doughnut', 'Area', 'XYScatter', 'Radar',
]);

/** Rules for the property writes on a journaled mock (and its nested mocks), by full path. */
interface SetRules {
  /** When given, only these paths may be set: any other write throws. */
  settable?: ReadonlySet<string>;
  /** Called after a write is journaled (to queue its effect for the sync). */
  onSet?: (path: string, value: unknown) => void;
}

export class MockExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export interface FakeExcelOptions {
  /** Requirement sets the fake host claims, e.g. {"ExcelApi": "1.14"}. Default: ExcelApi 1.14. */
  sets?: Record<string, string>;
  /** Unrealistic on purpose: new sheets report themselves protected, to see the adapter unprotect first. */
  newSheetsProtected?: boolean;
  /**
   * Refuse a sync whose queued calls, as JSON, exceed this many bytes (like Excel on the web's 5 MB limit,
   * RequestPayloadSizeLimitExceeded): nothing of that request is applied.
   */
  requestLimitBytes?: number;
}

function versionAtLeast(have: string, want: string): boolean {
  const a = have.split('.').map(Number);
  const b = want.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly journal: JournalEntry[] = [];
  syncs = 0;
  runs = 0;
  /** Size (UTF-8 JSON of the journaled calls) of each request sent by a sync, refused ones included. */
  readonly requestBytes: number[] = [];
  private journalMark = 0;
  /** The active sheet's id (default: the first sheet). */
  activeId: string | null = null;
  private addedSinceSync: FakeSheet[] = [];
  private nextId = 1;
  private pending: (() => void)[] = [];
  private mocks: OfficeMockObject[] = [];
  private readonly sets: Record<string, string>;

  constructor(private readonly options: FakeExcelOptions = {}) {
    this.sets = options.sets ?? { ExcelApi: '1.14' };
  }

  // ---- seeding and inspection ------------------------------------------------------------------------

  addSheet(name: string, visibility: FakeSheet['visibility'] = 'Visible'): FakeSheet {
    const sheet: FakeSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility,
      protected: false,
      protectOptions: undefined,
      password: undefined,
      cells: new Map(),
      onChanged: [],
      onProtectionChanged: [],
      merges: [],
      formats: new Map(),
      columnWidths: new Map(),
      frozen: null,
      autoFilter: null,
      charts: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  /** Fills the fake workbook from neutral contents (what a returned sheet holds). */
  load(contents: WorkbookContents): void {
    for (const s of contents.sheets) {
      const sheet = this.addSheet(
        s.name,
        s.visibility === 'veryHidden' ? 'VeryHidden' : s.visibility === 'hidden' ? 'Hidden' : 'Visible',
      );
      sheet.protected = s.protected;
      for (const c of s.cells) {
        const formula = c.formula === undefined ? undefined : c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
        sheet.cells.set(`${c.row},${c.col}`, { input: formula ?? (c.value ?? ''), value: c.value });
      }
    }
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name} in the fake workbook`);
    return found;
  }

  /** What the adapter queued on one sheet (by id), in order. */
  entriesFor(sheetId: string): Exclude<JournalEntry, { kind: 'sync' }>[] {
    return this.journal.filter((e): e is Exclude<JournalEntry, { kind: 'sync' }> => e.kind !== 'sync' && e.sheet === sheetId);
  }

  /** A user edit (or paste) in the workbook: changes the cell, then raises onChanged like Excel. */
  async edit(sheetName: string, address: string, value: CellValue, triggerSource = 'Unknown'): Promise<void> {
    const sheet = this.sheet(sheetName);
    const rect = parseRange(address);
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) sheet.cells.set(`${r},${c}`, { input: value ?? '', value });
    }
    await Promise.all(
      sheet.onChanged.map((h) =>
        h({ address, changeType: 'RangeEdited', source: 'Local', worksheetId: sheet.id, triggerSource }),
      ),
    );
  }

  /** Whether the fake host claims the requirement set (as Office.context.requirements.isSetSupported). */
  supports(name: string, version: string): boolean {
    const have = this.sets[name];
    return have !== undefined && versionAtLeast(have, version);
  }

  // ---- installation as the Office.js globals -----------------------------------------------------------

  install(): () => void {
    const g = globalThis as { Excel?: unknown; Office?: unknown };
    const before = { Excel: g.Excel, Office: g.Office };
    const fake = this;
    g.Excel = new OfficeMockObject({
      run(first: unknown, second?: unknown) {
        const batch = (typeof first === 'function' ? first : second) as (context: unknown) => Promise<unknown>;
        const context = first instanceof OfficeMockObject && 'workbook' in first ? first : fake.newContext();
        fake.runs++;
        return batch(context);
      },
    });
    g.Office = new OfficeMockObject({
      context: {
        requirements: {
          isSetSupported(name: string, version: string) {
            return fake.supports(name, version);
          },
        },
      },
      HostType: { Excel: 'Excel' },
      async onReady() {
        return { host: 'Excel', platform: 'PC' };
      },
    });
    return () => {
      g.Excel = before.Excel;
      g.Office = before.Office;
    };
  }

  // ---- the request context -----------------------------------------------------------------------------

  private newContext(): OfficeMockObject {
    const fake = this;
    const context = new OfficeMockObject({
      workbook: {
        application: {
          suspendApiCalculationUntilNextSync() {},
          suspendScreenUpdatingUntilNextSync() {},
          calculate() {},
        },
      },
    });
    context.sync = async () => {
      fake.syncs++;
      const bytes = fake.journal
        .slice(fake.journalMark)
        .reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
      fake.requestBytes.push(bytes);
      fake.journal.push({ kind: 'sync', n: fake.syncs });
      fake.journalMark = fake.journal.length;
      const added = fake.addedSinceSync;
      fake.addedSinceSync = [];
      const effects = fake.pending;
      fake.pending = [];
      if (fake.options.requestLimitBytes !== undefined && bytes > fake.options.requestLimitBytes) {
        for (const sheet of added) fake.sheets.splice(fake.sheets.indexOf(sheet), 1);
        fake.mocks = [];
        throw new MockExcelError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes refused`);
      }
      for (const effect of effects) effect();
      const mocks = fake.mocks;
      fake.mocks = [];
      for (const mock of mocks) await mock.sync();
      // office-addin-mock settles loaded values in microtasks: let them run before the batch continues.
      await new Promise((resolve) => setImmediate(resolve));
    };
    const workbook = context.workbook as OfficeMockObject;
    workbook.application = this.recorded(workbook.application as OfficeMockObject, null, null, 'application');
    workbook.worksheets = this.worksheetsMock();
    return context;
  }

  private track<T extends OfficeMockObject>(mock: T): T {
    this.mocks.push(mock);
    return mock;
  }

  /** Journals sets and calls on a mock (and its nested mocks), then passes them through. */
  private recorded<T extends object>(
    target: T,
    sheet: string | null,
    range: string | null,
    path: string,
    rules: SetRules = {},
  ): T {
    const fake = this;
    const children = new Map<PropertyKey, unknown>();
    const prefix = path === '' ? '' : `${path}.`;
    return new Proxy(target, {
      get(t, key) {
        const v = Reflect.get(t, key, t);
        if (typeof key === 'symbol' || key.startsWith('_')) return v;
        if (typeof v === 'function') {
          return (...args: unknown[]) => {
            fake.journal.push({ kind: 'call', sheet, range, method: `${prefix}${key}`, args });
            return v.apply(t, args);
          };
        }
        if (v instanceof OfficeMockObject) {
          if (!children.has(key)) children.set(key, fake.recorded(v, sheet, range, `${prefix}${key}`, rules));
          return children.get(key);
        }
        return v;
      },
      set(t, key, value) {
        if (typeof key === 'string' && !key.startsWith('_')) {
          const prop = `${prefix}${key}`;
          if (rules.settable && !rules.settable.has(prop)) throw new TypeError(`the fake Excel has no settable ${prop}`);
          fake.journal.push({ kind: 'set', sheet, range, prop, value });
          rules.onSet?.(prop, value);
        }
        return Reflect.set(t, key, value, t);
      },
    });
  }

  private worksheetsMock(): OfficeMockObject {
    const fake = this;
    let itemsLoad: string[] | null = null;
    const collection = new OfficeMockObject({
      add(name?: string) {
        const sheet = fake.addSheet(name ?? fake.defaultName());
        fake.addedSinceSync.push(sheet);
        if (name !== undefined && fake.sheets.filter((s) => s.name.toLowerCase() === name.toLowerCase()).length > 1) {
          fake.pending.push(() => {
            throw new MockExcelError('ItemAlreadyExists', `a sheet named ${name} exists`);
          });
        }
        if (fake.options.newSheetsProtected) sheet.protected = true;
        return fake.sheetMock(sheet);
      },
      getItem(key: string) {
        const sheet = fake.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
        if (!sheet) {
          fake.pending.push(() => {
            throw new MockExcelError('ItemNotFound', `no sheet ${key}`);
          });
          return fake.sheetMock(fake.addDetached(key));
        }
        return fake.sheetMock(sheet);
      },
      getActiveWorksheet() {
        const sheet = fake.sheets.find((s) => s.id === fake.activeId) ?? fake.sheets[0];
        if (!sheet) throw new Error('the fake workbook has no sheet');
        return fake.sheetMock(sheet);
      },
      getItemOrNullObject(key: string) {
        const sheet = fake.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
        return fake.sheetMock(sheet ?? fake.addDetached(key), true, !sheet);
      },
      load(properties: string) {
        // Collections load "items/<property>": the properties are loaded on each item at the sync.
        itemsLoad = properties.split(',').map((p) => p.trim().replace(/^items\//, ''));
        const items: OfficeMockObject[] = [];
        fake.pending.push(() => {
          for (const sheet of fake.sheets) {
            const item = fake.sheetMock(sheet, false);
            item.load(itemsLoad!);
            items.push(item);
          }
          collection.items = items;
        });
        return collection;
      },
    });
    return this.recorded(collection, null, null, 'worksheets');
  }

  private detached: FakeSheet[] = [];
  private addDetached(name: string): FakeSheet {
    const sheet = this.addSheet(name);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.detached.push(sheet);
    return sheet;
  }

  private defaultName(): string {
    for (let n = this.sheets.length + 1; ; n++) {
      const name = `Sheet${n}`;
      if (!this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  private sheetMock(sheet: FakeSheet, record = true, isNull = false): OfficeMockObject {
    const fake = this;
    const later = (effect: () => void) => fake.pending.push(effect);
    const mock = this.track(
      new OfficeMockObject({
        id: sheet.id,
        name: sheet.name,
        position: fake.sheets.indexOf(sheet),
        visibility: sheet.visibility,
        protection: {
          protected: sheet.protected,
          protect(options?: unknown, password?: string) {
            later(() => {
              // Since June 2026 Excel throws when the sheet is already protected (office-js#6784).
              if (sheet.protected) throw new MockExcelError('AccessDenied', `${sheet.name} is already protected`);
              sheet.protected = true;
              sheet.protectOptions = options;
              sheet.password = password;
            });
          },
          unprotect(password?: string) {
            later(() => {
              if (!sheet.protected) throw new MockExcelError('AccessDenied', `${sheet.name} is not protected`);
              if (sheet.password !== undefined && sheet.password !== password) {
                throw new MockExcelError('InvalidArgument', 'wrong password');
              }
              sheet.protected = false;
            });
          },
        },
        // ExcelApi 1.7. freezeAt freezes the rows and columns down to the range's bottom-right cell; freezeRows
        // and freezeColumns set one of the two and keep the other.
        freezePanes: {
          freezeAt(frozenRange: unknown) {
            const target = fake.rangeArgument(sheet, frozenRange, 'freezeAt');
            later(() => {
              fake.require('1.7', 'freezePanes');
              const ref = target();
              if (ref.sheet !== sheet.name) throw new MockExcelError('InvalidArgument', `freezeAt: ${ref.address} is on ${ref.sheet}`);
              const rect = parseRange(ref.address);
              sheet.frozen = { rows: rect.bottom, cols: rect.right };
            });
          },
          freezeRows(count = 1) {
            later(() => {
              fake.require('1.7', 'freezePanes');
              fake.count(count, 'freezeRows');
              sheet.frozen = { rows: count, cols: sheet.frozen?.cols ?? 0 };
            });
          },
          freezeColumns(count = 1) {
            later(() => {
              fake.require('1.7', 'freezePanes');
              fake.count(count, 'freezeColumns');
              sheet.frozen = { rows: sheet.frozen?.rows ?? 0, cols: count };
            });
          },
        },
        // ExcelApi 1.9: one autofilter per sheet, over the given range (a later apply replaces it).
        autoFilter: {
          apply(range: unknown) {
            const target = fake.rangeArgument(sheet, range, 'autoFilter.apply');
            later(() => {
              fake.require('1.9', 'autoFilter');
              const ref = target();
              if (ref.sheet !== sheet.name) throw new MockExcelError('InvalidArgument', `autoFilter.apply: ${ref.address} is on ${ref.sheet}`);
              sheet.autoFilter = ref.address;
            });
          },
        },
        charts: {
          add(type: string, sourceData: unknown, seriesBy: FakeChart['seriesBy'] = 'Auto') {
            return fake.chartMock(sheet, type, sourceData, seriesBy);
          },
        },
        pageLayout: { setPrintTitleRows() {} },
        customProperties: { add() {} },
        onChanged: {
          add(handler: (args: object) => Promise<unknown>) {
            sheet.onChanged.push(handler);
            return fake.handlerResult(sheet.onChanged, handler);
          },
        },
        onProtectionChanged: {
          add(handler: (args: object) => Promise<unknown>) {
            sheet.onProtectionChanged.push(handler);
            return fake.handlerResult(sheet.onProtectionChanged, handler);
          },
        },
        activate() {
          later(() => (fake.activeId = sheet.id));
        },
        getRange(address: string) {
          return fake.rangeMock(sheet, address);
        },
        getUsedRangeOrNullObject() {
          return fake.usedRangeMock(sheet);
        },
        // Never a null object: a blank sheet gives its top-left cell, as Office.js documents.
        getUsedRange() {
          return fake.usedRangeMock(sheet, true);
        },
      }),
    );
    // Readable after the sync without load(), as in Office.js.
    mock.isNullObject = isNull;
    if (!record) return mock;
    const proxy = this.recorded(mock, sheet.id, null, '');
    // Property writes on the sheet itself (name, visibility) take effect at the sync.
    return new Proxy(proxy, {
      set(t, key, value) {
        Reflect.set(t, key, value);
        if (key === 'name') {
          later(() => {
            const clash = fake.sheets.find((s) => s !== sheet && s.name.toLowerCase() === String(value).toLowerCase());
            if (clash) throw new MockExcelError('InvalidArgument', `the name ${String(value)} is taken`);
            sheet.name = String(value);
          });
        }
        if (key === 'visibility') later(() => (sheet.visibility = value as FakeSheet['visibility']));
        return true;
      },
    });
  }

  private handlerResult(list: ((args: object) => Promise<unknown>)[], handler: (args: object) => Promise<unknown>) {
    const fake = this;
    return {
      remove() {
        fake.pending.push(() => {
          const i = list.indexOf(handler);
          if (i >= 0) list.splice(i, 1);
        });
      },
    };
  }

  private rangeMock(sheet: FakeSheet, address: string): OfficeMockObject {
    const fake = this;
    const mock = new OfficeMockObject({
      format: {
        font: {},
        fill: {},
        protection: {},
        borders: {
          getItem(edge: string) {
            return fake.recorded(new OfficeMockObject({}), sheet.id, address, `format.borders.${edge}`);
          },
        },
      },
      dataValidation: { clear() {} },
      conditionalFormats: {
        add() {
          return fake.recorded(
            new OfficeMockObject({ custom: { rule: {}, format: { font: {}, fill: {} } } }),
            sheet.id,
            address,
            'conditionalFormats.item',
          );
        },
      },
      merge() {
        fake.pending.push(() => sheet.merges.push(address));
      },
      select() {},
    });
    const proxy = this.recorded(mock, sheet.id, address, '', {
      onSet(prop, value) {
        if (prop === 'numberFormat') fake.pending.push(() => fake.writeFormats(sheet, address, value));
        if (prop === 'format.columnWidth') {
          const columns = columnsOf(address);
          fake.pending.push(() => {
            if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
              throw new MockExcelError('InvalidArgument', `columnWidth ${String(value)}`);
            }
            for (let c = columns.left; c <= columns.right; c++) sheet.columnWidths.set(c, value);
          });
        }
      },
    });
    const range = new Proxy(proxy, {
      get(t, key) {
        // In a request Office.js sends a reference to the range, not the object: keep request sizes honest.
        if (key === 'toJSON') return () => ({ range: address });
        return Reflect.get(t, key);
      },
      set(t, key, value) {
        Reflect.set(t, key, value);
        if (key === 'formulas' || key === 'values') fake.pending.push(() => fake.writeGrid(sheet, address, value));
        return true;
      },
    });
    this.ranges.set(range, { sheet, address });
    return range;
  }

  /** Ranges handed out by getRange, to recognise them when the adapter passes one back (a chart's source, …). */
  private readonly ranges = new WeakMap<object, { sheet: FakeSheet; address: string }>();

  /**
   * A Range (one of this fake's) or, where Office.js allows it, an A1 string on `sheet`: resolved at the sync
   * (the sheet's name then). Anything else makes the sync reject.
   */
  private rangeArgument(sheet: FakeSheet, value: unknown, what: string, allowString = true): () => FakeRangeRef {
    const known = typeof value === 'object' && value !== null ? this.ranges.get(value) : undefined;
    if (known) return () => ({ sheet: known.sheet.name, address: known.address });
    if (allowString && typeof value === 'string') {
      return () => {
        try {
          parseRange(value);
        } catch {
          throw new MockExcelError('InvalidArgument', `${what}: not an address: ${value}`);
        }
        return { sheet: sheet.name, address: value };
      };
    }
    return () => {
      throw new MockExcelError('InvalidArgument', `${what}: not a range of this workbook`);
    };
  }

  /** Rejects the sync when the fake host does not claim ExcelApi `version`. */
  private require(version: string, what: string): void {
    if (!this.supports('ExcelApi', version)) throw new MockExcelError('ApiNotFound', `${what} needs ExcelApi ${version}`);
  }

  private count(value: unknown, what: string): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new MockExcelError('InvalidArgument', `${what}(${String(value)})`);
    }
  }

  /** Worksheet.charts.add: the chart and its parts, strict (see the header). Effects at the sync, in order. */
  private chartMock(sheet: FakeSheet, type: string, sourceData: unknown, seriesBy: FakeChart['seriesBy']): OfficeMockObject {
    const fake = this;
    const later = (effect: () => void) => fake.pending.push(effect);
    const source = this.rangeArgument(sheet, sourceData, 'charts.add', false);
    let chart: FakeChart | undefined;
    later(() => {
      if (!CHART_TYPES.has(type)) throw new MockExcelError('InvalidArgument', `chart type ${type}`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy)) throw new MockExcelError('InvalidArgument', `seriesBy ${seriesBy}`);
      const ref = source();
      const rect = parseRange(ref.address);
      const rows = rect.bottom - rect.top + 1;
      const cols = rect.right - rect.left + 1;
      // Auto: Excel's usual choice, fewer series than points (here: by columns unless there are more columns).
      const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && rows >= cols);
      chart = {
        type,
        source: ref,
        seriesBy,
        title: null,
        series: Array.from({ length: byColumns ? cols : rows }, () => ({ name: null, xAxisValues: null })),
        position: null,
      };
      sheet.charts.push(chart);
    });
    const mock = new OfficeMockObject({
      title: {},
      series: {
        getItemAt(index: number) {
          later(() => {
            if (!chart!.series[index]) throw new MockExcelError('ItemNotFound', `the chart has no series ${index}`);
          });
          const series = new OfficeMockObject({
            setXAxisValues(values: unknown) {
              const ref = fake.rangeArgument(sheet, values, 'setXAxisValues', false);
              later(() => {
                fake.require('1.7', 'ChartSeries.setXAxisValues');
                chart!.series[index]!.xAxisValues = ref();
              });
            },
          });
          return fake.recorded(series, sheet.id, null, 'chart.series.item', {
            settable: new Set(['chart.series.item.name']),
            onSet(_prop, value) {
              later(() => {
                if (typeof value !== 'string') throw new MockExcelError('InvalidArgument', `series name ${String(value)}`);
                chart!.series[index]!.name = value;
              });
            },
          });
        },
      },
      setPosition(startCell: unknown, endCell?: unknown) {
        const start = fake.rangeArgument(sheet, startCell, 'setPosition');
        const end = endCell === undefined ? null : fake.rangeArgument(sheet, endCell, 'setPosition');
        later(() => {
          chart!.position = { start: start().address, end: end ? end().address : null };
        });
      },
    });
    return this.recorded(mock, sheet.id, null, 'chart', {
      settable: new Set(['chart.title.text']),
      onSet(_prop, value) {
        later(() => {
          if (typeof value !== 'string') throw new MockExcelError('InvalidArgument', `chart title ${String(value)}`);
          chart!.title = value;
        });
      },
    });
  }

  private writeFormats(sheet: FakeSheet, address: string, grid: unknown): void {
    const rect = parseRange(address);
    const rows = grid as unknown[][];
    if (!Array.isArray(rows) || rows.length !== rect.bottom - rect.top + 1
      || rows.some((r) => !Array.isArray(r) || r.length !== rect.right - rect.left + 1)) {
      throw new MockExcelError('InvalidArgument', `the number formats do not match ${address}`);
    }
    rows.forEach((row, i) => row.forEach((format, j) => sheet.formats.set(`${rect.top + i},${rect.left + j}`, String(format))));
  }

  private writeGrid(sheet: FakeSheet, address: string, grid: unknown): void {
    const rect = parseRange(address);
    const rows = grid as Input[][];
    if (rows.length !== rect.bottom - rect.top + 1 || rows.some((r) => r.length !== rect.right - rect.left + 1)) {
      throw new MockExcelError('InvalidArgument', `the array does not match ${address}`);
    }
    rows.forEach((row, i) =>
      row.forEach((input, j) => {
        const key = `${rect.top + i},${rect.left + j}`;
        if (input === '') sheet.cells.delete(key);
        else {
          // No calculation engine here: a formula cell shows no value; "'text" shows the text.
          const value = typeof input === 'string' && input.startsWith('=') ? null
            : typeof input === 'string' && input.startsWith("'") ? input.slice(1) : input;
          sheet.cells.set(key, { input, value });
        }
      }),
    );
  }

  private usedRangeMock(sheet: FakeSheet, blankAsTopLeft = false): OfficeMockObject {
    const keys = [...sheet.cells.keys()].map((k) => k.split(',').map(Number) as [number, number]);
    if (keys.length === 0 && !blankAsTopLeft) {
      const empty = this.track(new OfficeMockObject({ address: '', values: [], formulas: [] }));
      empty.isNullObject = true;
      return empty;
    }
    if (keys.length === 0) keys.push([1, 1]);
    const rect = {
      top: Math.min(...keys.map((k) => k[0])),
      left: Math.min(...keys.map((k) => k[1])),
      bottom: Math.max(...keys.map((k) => k[0])),
      right: Math.max(...keys.map((k) => k[1])),
    };
    const values: CellValue[][] = [];
    const formulas: Input[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const vRow: CellValue[] = [];
      const fRow: Input[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = sheet.cells.get(`${r},${c}`);
        vRow.push(cell ? (cell.value ?? '') : '');
        const input = cell?.input ?? '';
        fRow.push(typeof input === 'string' && input.startsWith("'") ? input.slice(1) : input);
      }
      values.push(vRow);
      formulas.push(fRow);
    }
    const quoted = /^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name.replace(/'/g, "''")}'`;
    const fake = this;
    const used = this.track(new OfficeMockObject({
      address: `${quoted}!${rangeAddress(rect)}`,
      values,
      formulas,
      // ExcelApi 1.13. The sheet's merged areas (all of them: the fake's used range covers every written cell);
      // readable after load('areas/items/address') and a sync; a null object when there are none.
      getMergedAreasOrNullObject() {
        if (!fake.supports('ExcelApi', '1.13')) throw new MockExcelError('ApiNotFound', 'getMergedAreasOrNullObject needs ExcelApi 1.13');
        const merged = new OfficeMockObject({
          areas: {},
          load(properties: string) {
            if (properties !== 'areas/items/address') throw new Error(`unexpected load of merged areas: ${properties}`);
            fake.pending.push(() => {
              (merged.areas as unknown as { items: { address: string }[] }).items = sheet.merges.map((a) => ({ address: `${quoted}!${a}` }));
              merged.isNullObject = sheet.merges.length === 0;
            });
            return merged;
          },
        });
        return merged;
      },
    }));
    used.isNullObject = false;
    return this.recorded(used, sheet.id, rangeAddress(rect), 'usedRange');
  }
}

/** The columns an address covers: "C:E", "C5", "C5:E9" (a whole-row address like "5:5" is not modelled). */
function columnsOf(address: string): { left: number; right: number } {
  const [a, b = a] = address.split(':');
  const letters = (part: string) => {
    const m = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(part.trim());
    if (!m) throw new Error(`the fake Excel does not model column widths on ${address}`);
    return columnNumber(m[1]!);
  };
  const [x, y] = [letters(a!), letters(b!)];
  return { left: Math.min(x, y), right: Math.max(x, y) };
}

/** The cell at (row, col) of a 2-D array written over a range that starts at A1. */
export function at<T>(grid: T[][], address: string): T | undefined {
  const { top, left } = parseRange(address);
  return grid[top - 1]?.[left - 1];
}

export { cellAddress };
