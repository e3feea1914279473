// A stand-in for the Excel host, built on office-addin-mock (Microsoft's package for unit-testing add-ins).
// Excel itself cannot run here: this does not prove that Excel accepts the calls, only what the adapter asks
// for, in which order, and how many `context.sync()` round trips it costs — and, because it calculates and
// protects as Excel does, what a unit would see:
//
// - Formulas are calculated by a real formula engine (HyperFormula, excel-calc.ts) after every sync that was not
//   suspended (application.suspendApiCalculationUntilNextSync; calculate() recalculates at its sync), after every
//   user edit (edit()) and when a workbook is opened (load()). `values` then show the computed results, `formulas`
//   keep the formulas. A formula that does not parse makes its sync reject (InvalidArgument).
// - Every cell is locked unless format.protection.locked = false unlocked it (or load() was told so). On a
//   protected sheet a write of values or formulas that touches a locked cell makes the sync reject with
//   AccessDenied ("You cannot perform the requested operation.", office-js-notes.md §2) and changes nothing;
//   locking or unlocking cells is refused too; a user edit of such a cell throws (Excel refuses it).
// - A property or argument that @types/office-js types with an Excel enum (or an options object holding one)
//   takes only that enum's values (office-types.ts): anything else makes the sync reject with InvalidArgument.
// - Range.select() records the selection (FakeExcel.selection) at the sync.
//
// - Proxy objects (workbook, worksheets, ranges, protection, …) are `OfficeMockObject`s, so a property the
//   adapter reads without `load()` + `sync()` comes back as the mock's error string, as Excel would refuse it.
// - Every property set and method call on them is journaled in order, with sync markers between batches.
// - Writes take effect at the next sync, in queue order, like a batch: protect() on a protected sheet, a name
//   that is taken, or a missing sheet make that sync reject, as Excel does. The sheets a refused request added
//   are removed again (worksheets.add with a taken name leaves no second sheet); effects it applied before the
//   refusal are not undone (the fake has no rollback).
// - Each Excel.run has its own queue (a Batch; Excel.run(context, …) shares that context's): what a batch queued
//   after its last sync (it threw before syncing, or forgot the sync) is dropped when the batch ends, as Office.js
//   sends commands only at context.sync(); the next batch never applies it. FakeExcel.unsent lists such calls.
// - merge() is recorded on the sheet (FakeSheet.merges); a used range gives them back through
//   getMergedAreasOrNullObject (only when the fake host claims ExcelApi 1.13, as Office.js).
// - Cell fills (format.fill.color, .pattern, .clear()) are recorded on the sheet (FakeSheet.fills) at the sync and
//   read back by format.fill.load('color, pattern') as Excel reports them (no fill: pattern "None", color #FFFFFF;
//   a range of different fills: null). A protected sheet refuses them (AccessDenied) unless its protection allows
//   formatting cells (allowFormatCells), as Excel refuses a format change the protection does not allow.
// - Number formats, column widths and frozen panes are recorded on the sheet (FakeSheet.formats, columnWidths,
//   frozen) at the sync; a number-format array that does not match its range makes the sync reject, as values do.
// - Charts (Worksheet.charts.add, title, series names and x-axis values, setPosition) are recorded on the sheet
//   (FakeSheet.charts). A chart type the fake does not know, a series index the source data does not have, or an
//   argument that is not one of this fake's ranges makes the sync reject.
// - The objects are strict (see Shape and SHAPES below): ranges and their format, font, fill, borders, cell
//   protection, data validation and conditional formats; used ranges; worksheets and their protection, freeze
//   panes, page layout, autofilter, charts; the worksheet collection; the application. Only the members listed
//   in their shape (each one an Office.js member, checked against @types/office-js) can be read, called or set;
//   anything else throws a TypeError at once. Against the real Office.js a misspelt member reads as undefined,
//   calling it throws a TypeError ("… is not a function"), and setting it silently adds a plain property to the
//   JavaScript proxy object that is never sent to Excel: a no-op nobody notices (setting a read-only property,
//   which Office.js defines as a getter, throws a TypeError in strict-mode code). Here all of them throw, so a
//   test that runs the line fails.
// office-addin-mock needs only the OfficeApp enum from office-addin-manifest, whose entry point pulls in
// ESM-only packages that jest (CommonJS here) cannot load: jest maps it to the enum's own module
// (moduleNameMapper in jest.config.cjs), the bench with an esbuild alias.
import { OfficeMockObject } from 'office-addin-mock';
import type { CellValue } from '../../src/core/plan/model';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { cellAddress, columnNumber, parseRange, rangeAddress } from '../../src/core/address';
import { Calculator, FormulaSyntaxError, isFormula, type FakeCell, type Input } from './excel-calc';
import { offTypeArguments, offTypeReason, officeTypes } from './office-types';

export type JournalEntry =
  | { kind: 'sync'; n: number }
  | { kind: 'set'; sheet: string | null; range: string | null; prop: string; value: unknown }
  | { kind: 'call'; sheet: string | null; range: string | null; method: string; args: unknown[] };

export type SetEntry = Extract<JournalEntry, { kind: 'set' }>;
export type CallEntry = Extract<JournalEntry, { kind: 'call' }>;

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  protected: boolean;
  protectOptions: unknown;
  password: string | undefined;
  /**
   * "row,col" → what was written (formula text with '=' or a constant) and the value shown: a formula's value is
   * what the formula engine computed at the last recalculation (see excel-calc.ts).
   */
  cells: Map<string, FakeCell>;
  /** "row,col" of the cells whose format.protection.locked is false; every other cell is locked, as in Excel. */
  unlocked: Set<string>;
  /** FakeExcelOptions.newSheetsProtected: `protected` is reported, not enforced, until protect or unprotect. */
  protectionReportedOnly?: boolean;
  onChanged: ((args: object) => Promise<unknown>)[];
  onProtectionChanged: ((args: object) => Promise<unknown>)[];
  /** Merged areas (A1 ranges), as merge() left them or a test set them (a sheet merged by hand). */
  merges: string[];
  /** "row,col" → the number format set through Range.numberFormat. */
  formats: Map<string, string>;
  /** "row,col" → the cell's fill (format.fill); a cell not listed has no fill. */
  fills: Map<string, FakeFill>;
  /** Column number (1 = A) → width in points, set through Range.format.columnWidth. */
  columnWidths: Map<number, number>;
  /** Frozen rows and columns (freezeAt / freezeRows / freezeColumns); null when nothing was frozen. */
  frozen: { rows: number; cols: number } | null;
  /** Charts added through Worksheet.charts.add, as Excel holds them after the sync. */
  charts: FakeChart[];
  /** The range of the sheet's autofilter (Worksheet.autoFilter.apply, ExcelApi 1.9); null when none. */
  autoFilter: string | null;
}

/** A cell's fill as RangeFill reports it (a solid colour, or another pattern over it). */
export interface FakeFill {
  color: string;
  pattern: string;
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
  'ColumnClustered',
  'ColumnStacked',
  'ColumnStacked100',
  'BarClustered',
  'BarStacked',
  'BarStacked100',
  'Line',
  'LineStacked',
  'LineStacked100',
  'LineMarkers',
  'Pie',
  'Doughnut',
  'Area',
  'XYScatter',
  'Radar',
]);

/**
 * What the fake models of one Office.js object: the members that may be read or called (`read`), the properties
 * that may be set (`set`, readable too) and the objects its navigation properties lead to (`children`). Anything
 * else throws a TypeError at once (see the header). Every name is an Office.js member of `officeClass` (checked
 * against @types/office-js by test/office/excel-mock-strict.test.ts): add one here when an adapter needs it.
 */
export interface Shape {
  /** The Office.js class, as in @types/office-js (namespace Excel, or OfficeExtension for EventHandlers). */
  readonly officeClass: string;
  readonly read?: readonly string[];
  readonly set?: readonly string[];
  readonly children?: Readonly<Record<string, Shape>>;
}

const RANGE_FONT: Shape = {
  officeClass: 'RangeFont',
  set: ['bold', 'italic', 'underline', 'strikethrough', 'size', 'color', 'name'],
};
const RANGE_FILL: Shape = { officeClass: 'RangeFill', read: ['load', 'clear'], set: ['color', 'pattern'] };
const RANGE_BORDER: Shape = { officeClass: 'RangeBorder', set: ['style', 'weight', 'color'] };
const RANGE_FORMAT: Shape = {
  officeClass: 'RangeFormat',
  set: [
    'columnWidth',
    'rowHeight',
    'horizontalAlignment',
    'verticalAlignment',
    'wrapText',
    'indentLevel',
    'shrinkToFit',
  ],
  children: {
    font: RANGE_FONT,
    fill: RANGE_FILL,
    borders: { officeClass: 'RangeBorderCollection', read: ['getItem'] },
    protection: { officeClass: 'FormatProtection', set: ['locked', 'formulaHidden'] },
  },
};
const CONDITIONAL_FORMAT: Shape = {
  officeClass: 'ConditionalFormat',
  set: ['priority', 'stopIfTrue'],
  children: {
    custom: {
      officeClass: 'CustomConditionalFormat',
      children: {
        rule: { officeClass: 'ConditionalFormatRule', set: ['formula'] },
        format: {
          officeClass: 'ConditionalRangeFormat',
          children: {
            font: {
              officeClass: 'ConditionalRangeFont',
              set: ['bold', 'italic', 'underline', 'strikethrough', 'color'],
            },
            fill: { officeClass: 'ConditionalRangeFill', set: ['color'] },
          },
        },
      },
    },
  },
};
/** A range from Worksheet.getRange: written, formatted, merged, selected (its contents are not read back). */
const RANGE: Shape = {
  officeClass: 'Range',
  read: ['merge', 'select'],
  set: ['formulas', 'values', 'numberFormat'],
  children: {
    format: RANGE_FORMAT,
    dataValidation: {
      officeClass: 'DataValidation',
      read: ['clear'],
      set: ['ignoreBlanks', 'rule', 'errorAlert', 'prompt'],
    },
    conditionalFormats: { officeClass: 'ConditionalFormatCollection', read: ['add'] },
  },
};
/** A used range: read (address, values, formulas after load and sync), and its merged areas (ExcelApi 1.13). */
const USED_RANGE: Shape = {
  officeClass: 'Range',
  read: ['isNullObject', 'load', 'address', 'values', 'formulas', 'getMergedAreasOrNullObject'],
};
const EVENT_HANDLERS: Shape = { officeClass: 'EventHandlers', read: ['add'] };
const WORKSHEET: Shape = {
  officeClass: 'Worksheet',
  read: ['isNullObject', 'load', 'id', 'position', 'activate', 'getRange', 'getUsedRange', 'getUsedRangeOrNullObject'],
  set: ['name', 'visibility', 'tabColor', 'showGridlines'],
  children: {
    protection: {
      officeClass: 'WorksheetProtection',
      read: ['load', 'protected', 'options', 'protect', 'unprotect'],
    },
    freezePanes: { officeClass: 'WorksheetFreezePanes', read: ['freezeAt', 'freezeRows', 'freezeColumns'] },
    autoFilter: { officeClass: 'AutoFilter', read: ['apply'] },
    charts: { officeClass: 'ChartCollection', read: ['add'] },
    pageLayout: {
      officeClass: 'PageLayout',
      read: ['setPrintTitleRows', 'setPrintArea'],
      children: {
        headersFooters: {
          officeClass: 'HeaderFooterGroup',
          children: {
            defaultForAllPages: {
              officeClass: 'HeaderFooter',
              set: ['leftHeader', 'centerHeader', 'rightHeader', 'leftFooter', 'centerFooter', 'rightFooter'],
            },
          },
        },
      },
      set: [
        'blackAndWhite',
        'orientation',
        'paperSize',
        'zoom',
        'leftMargin',
        'rightMargin',
        'topMargin',
        'bottomMargin',
        'headerMargin',
        'footerMargin',
        'centerHorizontally',
        'printGridlines',
      ],
    },
    customProperties: { officeClass: 'WorksheetCustomPropertyCollection', read: ['add'] },
    onChanged: EVENT_HANDLERS,
    onProtectionChanged: EVENT_HANDLERS,
  },
};
const WORKSHEETS: Shape = {
  officeClass: 'WorksheetCollection',
  read: ['load', 'items', 'add', 'getItem', 'getItemOrNullObject', 'getActiveWorksheet'],
};
const APPLICATION: Shape = {
  officeClass: 'Application',
  read: ['suspendApiCalculationUntilNextSync', 'suspendScreenUpdatingUntilNextSync', 'calculate'],
};
const CHART: Shape = {
  officeClass: 'Chart',
  read: ['setPosition'],
  children: {
    title: { officeClass: 'ChartTitle', set: ['text'] },
    series: { officeClass: 'ChartSeriesCollection', read: ['getItemAt'] },
  },
};
const CHART_SERIES: Shape = { officeClass: 'ChartSeries', read: ['setXAxisValues'], set: ['name'] };

/** Every strict object the fake hands out, by a name for the tests (test/office/excel-mock-strict.test.ts). */
export const SHAPES = {
  RANGE,
  USED_RANGE,
  RANGE_BORDER,
  CONDITIONAL_FORMAT,
  WORKSHEET,
  WORKSHEETS,
  APPLICATION,
  CHART,
  CHART_SERIES,
} as const;

/**
 * Keys JavaScript itself reads on any object (awaiting it, JSON.stringify, jest's matchers and printing): they
 * are not Office.js members and read as they are (undefined on the fake's objects), never throw.
 */
const JS_PROTOCOL = new Set([
  'then',
  'toJSON',
  'constructor',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'inspect',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  'toString',
  'valueOf',
  'toLocaleString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
]);

/** How one journaled mock (and its nested mocks) is checked and what a write does. */
interface Rules {
  /** The members it has (see Shape); without one the object is not strict. */
  shape?: Shape;
  /** Called after a write is journaled (to queue its effect for the sync), with the full path. */
  onSet?: (path: string, value: unknown) => void;
  /** False: checked, but not journaled (the items of a loaded collection, a null used range). Default true. */
  journal?: boolean;
}

/**
 * One request context's queue: what an Excel.run queued and has not sent yet. Each Excel.run has its own (a run
 * in an existing object's context, Excel.run(context, …), shares that context's queue).
 */
class Batch {
  /** Effects of the queued writes, applied in order at the next sync. */
  pending: (() => void)[] = [];
  /** Sheets added since the last sync (gone again if the request is refused or never sent). */
  added: FakeSheet[] = [];
  /** Mocks whose loaded values settle at the next sync. */
  mocks: OfficeMockObject[] = [];
  /** Journal entries since the last sync: the request the next sync sends. */
  entries: Exclude<JournalEntry, { kind: 'sync' }>[] = [];
  /** Excel.run calls in progress on this context. */
  running = 0;
  /** application.suspendApiCalculationUntilNextSync() was called: the next sync does not recalculate. */
  calculationSuspended = false;
}

export class MockExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeExcelOptions {
  /** Requirement sets the fake host claims, e.g. {"ExcelApi": "1.14"}. Default: ExcelApi 1.14. */
  sets?: Record<string, string>;
  /**
   * Unrealistic on purpose: new sheets report themselves protected, to see the adapter unprotect first. Their
   * protection is only reported: writes to them are not refused (FakeSheet.protectionReportedOnly).
   */
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
  /**
   * What each batch that ended without sending it had queued (journal entries, in order), one list per such
   * batch: Excel never received it. Empty when every batch synced its last call.
   */
  readonly unsent: Exclude<JournalEntry, { kind: 'sync' }>[][] = [];
  /** The active sheet's id (default: the first sheet). */
  activeId: string | null = null;
  /** The cell or range selected last (Range.select), as the sheet's name and the address, at that sync. */
  selection: { sheet: string; address: string } | null = null;
  /** How many times the workbook was recalculated (after syncs that were not suspended, edits, loads). */
  recalculations = 0;
  private readonly calculator = new Calculator();
  private nextId = 1;
  /** Each request context's queue. */
  private readonly batches = new WeakMap<object, Batch>();
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
      unlocked: new Set(),
      onChanged: [],
      onProtectionChanged: [],
      merges: [],
      formats: new Map(),
      fills: new Map(),
      columnWidths: new Map(),
      frozen: null,
      autoFilter: null,
      charts: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  /**
   * Opens neutral contents (what a returned file holds) in the fake workbook, then recalculates, as Excel does when
   * it opens our templates (fullCalcOnLoad). Every cell is locked, as in Excel, except those `unlocked` names per
   * sheet (A1 cells or ranges): a template's inputs, which the file reader does not report.
   */
  load(contents: WorkbookContents, options: { unlocked?: Record<string, readonly string[]> } = {}): void {
    for (const s of contents.sheets) {
      const sheet = this.addSheet(
        s.name,
        s.visibility === 'veryHidden' ? 'VeryHidden' : s.visibility === 'hidden' ? 'Hidden' : 'Visible',
      );
      sheet.protected = s.protected;
      for (const c of s.cells) {
        const formula = c.formula === undefined ? undefined : c.formula.startsWith('=') ? c.formula : `=${c.formula}`;
        sheet.cells.set(`${c.row},${c.col}`, { input: formula ?? c.value ?? '', value: c.value });
      }
      for (const address of options.unlocked?.[s.name] ?? [])
        for (const key of cellKeys(address)) sheet.unlocked.add(key);
    }
    this.recalculate();
  }

  /**
   * Recalculates every formula of the workbook with the formula engine (excel-calc.ts). A formula that does not
   * parse makes it throw InvalidArgument, as Excel refuses such a write.
   */
  recalculate(): void {
    this.recalculations++;
    try {
      this.calculator.recalculate(this.sheets);
    } catch (error) {
      if (error instanceof FormulaSyntaxError) throw new MockExcelError('InvalidArgument', error.message);
      throw error;
    }
  }

  /** Whether the cell at "row,col" of `sheet` is locked (Excel's default for every cell). */
  isLocked(sheet: FakeSheet, key: string): boolean {
    return !sheet.unlocked.has(key);
  }

  /** A format change of a protected sheet whose protection does not allow formatting cells: AccessDenied. */
  private guardFormat(sheet: FakeSheet, address: string, what: string): void {
    const options = sheet.protectOptions as Excel.WorksheetProtectionOptions | undefined;
    if (this.guarded(sheet) && options?.allowFormatCells !== true) {
      throw new MockExcelError(
        'AccessDenied',
        `You cannot perform the requested operation. (${what} of ${sheet.name}!${address}: the sheet is protected and does not allow formatting cells)`,
      );
    }
  }

  /** Whether Excel enforces `sheet`'s protection now (see FakeExcelOptions.newSheetsProtected). */
  private guarded(sheet: FakeSheet): boolean {
    return sheet.protected && !sheet.protectionReportedOnly;
  }

  sheet(name: string): FakeSheet {
    const found = this.sheets.find((s) => s.name === name);
    if (!found) throw new Error(`no sheet ${name} in the fake workbook`);
    return found;
  }

  /** What the adapter queued on one sheet (by id), in order. */
  entriesFor(sheetId: string): Exclude<JournalEntry, { kind: 'sync' }>[] {
    return this.journal.filter(
      (e): e is Exclude<JournalEntry, { kind: 'sync' }> => e.kind !== 'sync' && e.sheet === sheetId,
    );
  }

  /** Property writes (`prop`, its full path such as "format.font.bold") queued on one sheet, by its name now. */
  setsOn(sheet: string, prop: string): SetEntry[] {
    return this.entriesFor(this.sheet(sheet).id).filter((e): e is SetEntry => e.kind === 'set' && e.prop === prop);
  }

  /** Calls of `method` (full path, e.g. "protection.protect") queued on one sheet, or on the workbook (null). */
  callsOn(sheet: string | null, method: string): CallEntry[] {
    const id = sheet === null ? null : this.sheet(sheet).id;
    return this.journal.filter((e): e is CallEntry => e.kind === 'call' && e.sheet === id && e.method === method);
  }

  /**
   * A user edit (or paste) in the workbook: changes the cells (a text starting with "=" is a formula, as typed),
   * Excel recalculates, then raises onChanged. Excel does not let a user change a locked cell of a protected
   * sheet (it says the cell is protected and changes nothing): such an edit throws, and nothing changes.
   */
  async edit(sheetName: string, address: string, value: CellValue, triggerSource = 'Unknown'): Promise<void> {
    const sheet = this.sheet(sheetName);
    const keys = cellKeys(address);
    const locked = this.guarded(sheet) ? keys.filter((key) => this.isLocked(sheet, key)) : [];
    if (locked.length > 0) {
      throw new Error(
        `Excel refuses the edit of ${sheetName}!${address}: the sheet is protected and ${locked.length} of its cells are locked`,
      );
    }
    for (const key of keys) setInput(sheet, key, value ?? '');
    this.recalculate();
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
        const queue = fake.batches.get(context);
        if (!queue) throw new Error('Excel.run: not a request context of this fake');
        fake.runs++;
        queue.running++;
        // A batch that throws synchronously rejects, as Excel.run does; either way its unsent work ends with it.
        return new Promise((resolve) => resolve(batch(context))).finally(() => fake.endRun(queue));
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
    const batch = new Batch();
    const context = new OfficeMockObject({
      workbook: {
        application: {
          // The next sync does not recalculate: the values stay as they were until a later recalculation.
          suspendApiCalculationUntilNextSync() {
            batch.calculationSuspended = true;
          },
          suspendScreenUpdatingUntilNextSync() {},
          calculate() {
            batch.pending.push(() => fake.recalculate());
          },
        },
      },
    });
    this.batches.set(context, batch);
    context.sync = async () => {
      fake.syncs++;
      const bytes = batch.entries.reduce((sum, e) => sum + utf8.encode(JSON.stringify(e)).length, 0);
      fake.requestBytes.push(bytes);
      fake.journal.push({ kind: 'sync', n: fake.syncs });
      batch.entries = [];
      const added = batch.added;
      batch.added = [];
      const effects = batch.pending;
      batch.pending = [];
      const mocks = batch.mocks;
      batch.mocks = [];
      const suspended = batch.calculationSuspended;
      batch.calculationSuspended = false;
      if (fake.options.requestLimitBytes !== undefined && bytes > fake.options.requestLimitBytes) {
        for (const sheet of added) fake.removeSheet(sheet);
        throw new MockExcelError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes refused`);
      }
      try {
        for (const effect of effects) effect();
      } catch (error) {
        // Excel refused the request: a sheet it added does not exist (a duplicate name above all, which add()
        // put in the list at once so the batch could address it). What it applied before is calculated.
        for (const sheet of added) fake.removeSheet(sheet);
        if (!suspended) fake.recalculateQuietly();
        throw error;
      }
      // Excel recalculates after the request changed cells, unless the batch suspended it.
      if (!suspended) fake.recalculate();
      // After the effects: a collection's load makes its items there, and they settle in this sync too.
      for (const mock of [...mocks, ...batch.mocks.splice(0)]) await mock.sync();
      // office-addin-mock settles loaded values in microtasks: let them run before the batch continues. The host's
      // own turn of the event loop, never the test's fake timers (the host is not the add-in's clock).
      await new Promise<void>((resolve) => hostTurn(resolve));
    };
    const workbook = context.workbook as OfficeMockObject;
    workbook.application = this.recorded(batch, workbook.application as OfficeMockObject, null, null, 'application', {
      shape: APPLICATION,
    });
    workbook.worksheets = this.worksheetsMock(batch);
    return context;
  }

  /**
   * The end of an Excel.run (resolved or rejected): what its batch queued after its last sync was never sent, so
   * Excel never applies it. Office.js sends commands only at context.sync(); a batch that throws before its sync
   * (or forgets it) leaves its queue behind, and the next batch starts with an empty one.
   */
  private endRun(batch: Batch): void {
    if (--batch.running > 0) return;
    if (batch.entries.length > 0 || batch.pending.length > 0 || batch.added.length > 0) this.unsent.push(batch.entries);
    for (const sheet of batch.added) this.removeSheet(sheet);
    batch.entries = [];
    batch.pending = [];
    batch.added = [];
    batch.mocks = [];
  }

  private recalculateQuietly(): void {
    try {
      this.recalculate();
    } catch {
      // The request already failed; its own error is the one reported.
    }
  }

  private removeSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i >= 0) this.sheets.splice(i, 1);
  }

  private track<T extends OfficeMockObject>(batch: Batch, mock: T): T {
    batch.mocks.push(mock);
    return mock;
  }

  /**
   * Journals sets and calls on a mock (and its nested mocks) into the batch, then passes them through. With a
   * shape, only its members can be read, called or set (see the header): anything else throws a TypeError.
   */
  private recorded<T extends object>(
    batch: Batch,
    target: T,
    sheet: string | null,
    range: string | null,
    path: string,
    rules: Rules = {},
  ): T {
    const fake = this;
    const children = new Map<PropertyKey, unknown>();
    const prefix = path === '' ? '' : `${path}.`;
    const { shape, journal = true } = rules;
    const log = (entry: Exclude<JournalEntry, { kind: 'sync' }>) => {
      if (!journal) return;
      fake.journal.push(entry);
      batch.entries.push(entry);
    };
    return new Proxy(target, {
      get(t, key) {
        const v = Reflect.get(t, key, t);
        if (typeof key === 'symbol' || key.startsWith('_')) return v;
        if (shape && !shape.read?.includes(key) && !shape.set?.includes(key) && !shape.children?.[key]) {
          if (JS_PROTOCOL.has(key)) return v;
          throw new TypeError(
            `the fake Excel's ${shape.officeClass} (${path || 'the object itself'}) has no member ${key}: misspelt, or not modelled (see Shape in excel-mock.ts)`,
          );
        }
        if (typeof v === 'function') {
          return (...args: unknown[]) => {
            log({ kind: 'call', sheet, range, method: `${prefix}${key}`, args });
            // An argument Excel does not have (an enum value, a field of an options object) rejects the sync.
            const wrong = shape ? offTypeArguments(shape.officeClass, key, args) : null;
            if (wrong) batch.pending.push(() => rejectArgument(`${prefix}${key}`, wrong));
            return v.apply(t, args);
          };
        }
        if (v instanceof OfficeMockObject) {
          if (!children.has(key)) {
            const child = shape?.children?.[key];
            if (shape && !child) throw new Error(`the fake Excel has no shape for ${shape.officeClass}.${key}`);
            children.set(key, fake.recorded(batch, v, sheet, range, `${prefix}${key}`, { ...rules, shape: child }));
          }
          return children.get(key);
        }
        return v;
      },
      set(t, key, value) {
        if (typeof key === 'string' && !key.startsWith('_')) {
          const prop = `${prefix}${key}`;
          if (shape && !shape.set?.includes(key)) {
            const readOnly = shape.read?.includes(key) || shape.children?.[key] !== undefined;
            throw new TypeError(
              readOnly
                ? `the fake Excel's ${shape.officeClass}.${key} (${prop}) is read-only`
                : `the fake Excel's ${shape.officeClass} (${path || 'the object itself'}) has no settable ${key}: misspelt, or not modelled (see Shape in excel-mock.ts)`,
            );
          }
          log({ kind: 'set', sheet, range, prop, value });
          // A value the property's Excel enum does not have rejects the sync, before the write takes effect.
          const declared = shape ? officeTypes().properties[shape.officeClass]?.[key] : undefined;
          const wrong = declared === undefined ? null : offTypeReason(value, declared);
          if (wrong) batch.pending.push(() => rejectArgument(prop, `${shape!.officeClass}.${key}: ${wrong}`));
          rules.onSet?.(prop, value);
        }
        return Reflect.set(t, key, value, t);
      },
    });
  }

  private worksheetsMock(batch: Batch): OfficeMockObject {
    const fake = this;
    let itemsLoad: string[] | null = null;
    const collection = new OfficeMockObject({
      add(name?: string) {
        const sheet = fake.addSheet(name ?? fake.defaultName());
        batch.added.push(sheet);
        if (name !== undefined && fake.sheets.filter((s) => s.name.toLowerCase() === name.toLowerCase()).length > 1) {
          batch.pending.push(() => {
            throw new MockExcelError('ItemAlreadyExists', `a sheet named ${name} exists`);
          });
        }
        if (fake.options.newSheetsProtected) {
          sheet.protected = true;
          sheet.protectionReportedOnly = true;
        }
        return fake.sheetMock(batch, sheet);
      },
      getItem(key: string) {
        const sheet = fake.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
        if (!sheet) {
          batch.pending.push(() => {
            throw new MockExcelError('ItemNotFound', `no sheet ${key}`);
          });
          return fake.sheetMock(batch, fake.addDetached(key));
        }
        return fake.sheetMock(batch, sheet);
      },
      getActiveWorksheet() {
        const sheet = fake.sheets.find((s) => s.id === fake.activeId) ?? fake.sheets[0];
        if (!sheet) throw new Error('the fake workbook has no sheet');
        return fake.sheetMock(batch, sheet);
      },
      getItemOrNullObject(key: string) {
        const sheet = fake.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
        return fake.sheetMock(batch, sheet ?? fake.addDetached(key), true, !sheet);
      },
      load(properties: string) {
        // Collections load "items/<property>": the properties are loaded on each item at the sync.
        itemsLoad = properties.split(',').map((p) => p.trim().replace(/^items\//, ''));
        const items: OfficeMockObject[] = [];
        batch.pending.push(() => {
          for (const sheet of fake.sheets) {
            const item = fake.sheetMock(batch, sheet, false);
            item.load(itemsLoad!);
            items.push(item);
          }
          collection.items = items;
        });
        return collection;
      },
    });
    return this.recorded(batch, collection, null, null, 'worksheets', { shape: WORKSHEETS });
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

  /** A worksheet: strict (WORKSHEET); journaled unless `record` is false (a loaded collection's items). */
  private sheetMock(batch: Batch, sheet: FakeSheet, record = true, isNull = false): OfficeMockObject {
    const fake = this;
    const later = (effect: () => void) => batch.pending.push(effect);
    const mock = this.track(
      batch,
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
              sheet.protectionReportedOnly = false;
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
              sheet.protectionReportedOnly = false;
            });
          },
        },
        // ExcelApi 1.7. freezeAt freezes the rows and columns down to the range's bottom-right cell; freezeRows
        // and freezeColumns set one of the two and keep the other.
        freezePanes: {
          freezeAt(frozenRange: unknown) {
            const target = fake.ownRangeArgument(sheet, frozenRange, 'freezeAt');
            later(() => {
              fake.require('1.7', 'freezePanes');
              const rect = parseRange(target().address);
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
            const target = fake.ownRangeArgument(sheet, range, 'autoFilter.apply');
            later(() => {
              fake.require('1.9', 'autoFilter');
              sheet.autoFilter = target().address;
            });
          },
        },
        charts: {
          add(type: string, sourceData: unknown, seriesBy: FakeChart['seriesBy'] = 'Auto') {
            return fake.chartMock(batch, sheet, type, sourceData, seriesBy);
          },
        },
        pageLayout: { setPrintTitleRows() {}, setPrintArea() {}, headersFooters: { defaultForAllPages: {} } },
        customProperties: { add() {} },
        onChanged: {
          add(handler: (args: object) => Promise<unknown>) {
            sheet.onChanged.push(handler);
            return fake.handlerResult(batch, sheet.onChanged, handler);
          },
        },
        onProtectionChanged: {
          add(handler: (args: object) => Promise<unknown>) {
            sheet.onProtectionChanged.push(handler);
            return fake.handlerResult(batch, sheet.onProtectionChanged, handler);
          },
        },
        activate() {
          later(() => (fake.activeId = sheet.id));
        },
        getRange(address: string) {
          return fake.rangeMock(batch, sheet, address);
        },
        getUsedRangeOrNullObject() {
          return fake.usedRangeMock(batch, sheet);
        },
        // Never a null object: a blank sheet gives its top-left cell, as Office.js documents.
        getUsedRange() {
          return fake.usedRangeMock(batch, sheet, true);
        },
      }),
    );
    // A scalar holding an object (populate() would turn it into nested mocks): loaded and read as a whole, as
    // Office.js gives WorksheetProtectionOptions. A sheet never protected through the fake reports none set.
    // (setValue is private in office-addin-mock's types only; it is how its own populate() sets a scalar.)
    (mock.protection as unknown as { setValue(name: string, value: unknown): void }).setValue('options', {
      ...(sheet.protectOptions ?? {}),
    });
    // Readable after the sync without load(), as in Office.js.
    mock.isNullObject = isNull;
    const proxy = this.recorded(batch, mock, sheet.id, null, '', { shape: WORKSHEET, journal: record });
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

  private handlerResult(
    batch: Batch,
    list: ((args: object) => Promise<unknown>)[],
    handler: (args: object) => Promise<unknown>,
  ) {
    return {
      remove() {
        batch.pending.push(() => {
          const i = list.indexOf(handler);
          if (i >= 0) list.splice(i, 1);
        });
      },
    };
  }

  private rangeMock(batch: Batch, sheet: FakeSheet, address: string): OfficeMockObject {
    const fake = this;
    const mock = new OfficeMockObject({
      format: {
        font: {},
        fill: {
          // Read at the sync, after what the request queued before it: the fill of every cell, or null when they
          // differ (as Excel reports a range of mixed fills).
          load() {
            batch.pending.push(() => {
              const fills = cellKeys(address).map((key) => sheet.fills.get(key) ?? NO_FILL);
              const same = (key: keyof FakeFill) => fills.every((f) => f[key] === fills[0]![key]);
              fillMock.color = same('color') ? fills[0]!.color : null;
              fillMock.pattern = same('pattern') ? fills[0]!.pattern : null;
            });
          },
          clear() {
            batch.pending.push(() => {
              fake.guardFormat(sheet, address, 'format.fill.clear');
              for (const key of cellKeys(address)) sheet.fills.delete(key);
            });
          },
        },
        protection: {},
        borders: {
          // An index Excel.BorderIndex does not have rejects the sync: the enum check in recorded().
          getItem(edge: string) {
            return fake.recorded(batch, new OfficeMockObject({}), sheet.id, address, `format.borders.${edge}`, {
              shape: RANGE_BORDER,
            });
          },
        },
      },
      dataValidation: { clear() {} },
      conditionalFormats: {
        add() {
          return fake.recorded(
            batch,
            new OfficeMockObject({ custom: { rule: {}, format: { font: {}, fill: {} } } }),
            sheet.id,
            address,
            'conditionalFormats.item',
            { shape: CONDITIONAL_FORMAT },
          );
        },
      },
      merge() {
        batch.pending.push(() => sheet.merges.push(address));
      },
      select() {
        batch.pending.push(() => (fake.selection = { sheet: sheet.name, address }));
      },
    });
    const fillMock = (mock.format as OfficeMockObject).fill as OfficeMockObject & Record<string, unknown>;
    const proxy = this.recorded(batch, mock, sheet.id, address, '', {
      shape: RANGE,
      onSet(prop, value) {
        if (prop === 'numberFormat') batch.pending.push(() => fake.writeFormats(sheet, address, value));
        if (prop === 'format.fill.color' || prop === 'format.fill.pattern') {
          batch.pending.push(() => {
            fake.guardFormat(sheet, address, prop);
            for (const key of cellKeys(address)) {
              const before = sheet.fills.get(key) ?? NO_FILL;
              // A colour makes the fill solid; a pattern keeps the colour ("None" is no fill).
              const after =
                prop === 'format.fill.color'
                  ? { color: String(value), pattern: 'Solid' }
                  : { color: before.color, pattern: String(value) };
              if (after.pattern === 'None') sheet.fills.delete(key);
              else sheet.fills.set(key, after);
            }
          });
        }
        if (prop === 'format.protection.locked') {
          batch.pending.push(() => {
            // Excel does not let a protected sheet's cells be unlocked or locked.
            if (fake.guarded(sheet)) throw accessDenied(sheet, address, 'format.protection.locked');
            for (const key of cellKeys(address)) {
              if (value === false) sheet.unlocked.add(key);
              else sheet.unlocked.delete(key);
            }
          });
        }
        if (prop === 'format.columnWidth') {
          const columns = columnsOf(address);
          batch.pending.push(() => {
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
        if (key === 'formulas' || key === 'values') batch.pending.push(() => fake.writeGrid(sheet, address, value));
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
  /** A Range argument that must be on `sheet` itself (checked at the sync, when the range is resolved). */
  private ownRangeArgument(sheet: FakeSheet, value: unknown, what: string): () => FakeRangeRef {
    const target = this.rangeArgument(sheet, value, what);
    return () => {
      const ref = target();
      if (ref.sheet !== sheet.name)
        throw new MockExcelError('InvalidArgument', `${what}: ${ref.address} is on ${ref.sheet}`);
      return ref;
    };
  }

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
    if (!this.supports('ExcelApi', version))
      throw new MockExcelError('ApiNotFound', `${what} needs ExcelApi ${version}`);
  }

  private count(value: unknown, what: string): void {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new MockExcelError('InvalidArgument', `${what}(${String(value)})`);
    }
  }

  /** Worksheet.charts.add: the chart and its parts, strict (see the header). Effects at the sync, in order. */
  private chartMock(
    batch: Batch,
    sheet: FakeSheet,
    type: string,
    sourceData: unknown,
    seriesBy: FakeChart['seriesBy'],
  ): OfficeMockObject {
    const fake = this;
    const later = (effect: () => void) => batch.pending.push(effect);
    const source = this.rangeArgument(sheet, sourceData, 'charts.add', false);
    let chart: FakeChart | undefined;
    later(() => {
      if (!CHART_TYPES.has(type)) throw new MockExcelError('InvalidArgument', `chart type ${type}`);
      if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
        throw new MockExcelError('InvalidArgument', `seriesBy ${seriesBy}`);
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
          return fake.recorded(batch, series, sheet.id, null, 'chart.series.item', {
            shape: CHART_SERIES,
            onSet(_prop, value) {
              later(() => {
                if (typeof value !== 'string')
                  throw new MockExcelError('InvalidArgument', `series name ${String(value)}`);
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
    return this.recorded(batch, mock, sheet.id, null, 'chart', {
      shape: CHART,
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
    if (
      !Array.isArray(rows) ||
      rows.length !== rect.bottom - rect.top + 1 ||
      rows.some((r) => !Array.isArray(r) || r.length !== rect.right - rect.left + 1)
    ) {
      throw new MockExcelError('InvalidArgument', `the number formats do not match ${address}`);
    }
    rows.forEach((row, i) =>
      row.forEach((format, j) => sheet.formats.set(`${rect.top + i},${rect.left + j}`, String(format))),
    );
  }

  private writeGrid(sheet: FakeSheet, address: string, grid: unknown): void {
    const rect = parseRange(address);
    const rows = grid as Input[][];
    if (rows.length !== rect.bottom - rect.top + 1 || rows.some((r) => r.length !== rect.right - rect.left + 1)) {
      throw new MockExcelError('InvalidArgument', `the array does not match ${address}`);
    }
    // A protected sheet's locked cells refuse the whole write (AccessDenied); nothing of it is applied.
    if (this.guarded(sheet) && cellKeys(address).some((key) => this.isLocked(sheet, key))) {
      throw accessDenied(sheet, address, 'values');
    }
    rows.forEach((row, i) => row.forEach((input, j) => setInput(sheet, `${rect.top + i},${rect.left + j}`, input)));
  }

  private usedRangeMock(batch: Batch, sheet: FakeSheet, blankAsTopLeft = false): OfficeMockObject {
    const keys = [...sheet.cells.keys()].map((k) => k.split(',').map(Number) as [number, number]);
    if (keys.length === 0 && !blankAsTopLeft) {
      const empty = this.track(batch, new OfficeMockObject({ address: '', values: [], formulas: [] }));
      empty.isNullObject = true;
      return this.recorded(batch, empty, sheet.id, null, 'usedRange', { shape: USED_RANGE, journal: false });
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
    const used = this.track(
      batch,
      new OfficeMockObject({
        address: `${quoted}!${rangeAddress(rect)}`,
        values,
        formulas,
        // ExcelApi 1.13. The sheet's merged areas (all of them: the fake's used range covers every written cell);
        // readable after load('areas/items/address') and a sync; a null object when there are none.
        getMergedAreasOrNullObject() {
          if (!fake.supports('ExcelApi', '1.13'))
            throw new MockExcelError('ApiNotFound', 'getMergedAreasOrNullObject needs ExcelApi 1.13');
          const merged = new OfficeMockObject({
            areas: {},
            load(properties: string) {
              if (properties !== 'areas/items/address')
                throw new Error(`unexpected load of merged areas: ${properties}`);
              batch.pending.push(() => {
                (merged.areas as unknown as { items: { address: string }[] }).items = sheet.merges.map((a) => ({
                  address: `${quoted}!${a}`,
                }));
                merged.isNullObject = sheet.merges.length === 0;
              });
              return merged;
            },
          });
          return merged;
        },
      }),
    );
    used.isNullObject = false;
    return this.recorded(batch, used, sheet.id, rangeAddress(rect), 'usedRange', { shape: USED_RANGE });
  }
}

/** What Excel reports for a cell without a fill. */
const NO_FILL: FakeFill = { color: '#FFFFFF', pattern: 'None' };

/** The UTF-8 size of a request (Buffer is Node's; the stand-in also runs in a browser). */
const utf8 = new TextEncoder();

/**
 * One turn of the host's event loop, taken when this module loads: jest's fake timers, installed later by a
 * test, replace the global setImmediate, and the stand-in must not wait for the test's clock.
 */
const hostTurn: (callback: () => void) => void = (() => {
  const g = globalThis as { setImmediate?: (callback: () => void) => unknown };
  const immediate = g.setImmediate?.bind(globalThis);
  if (immediate) return (callback) => void immediate(callback);
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return (callback) => {
    waiting.push(callback);
    channel.port2.postMessage(null);
  };
})();

/** Excel's refusal of a write to a protected sheet's locked cells (office-js-notes.md §2). */
function accessDenied(sheet: FakeSheet, address: string, what: string): MockExcelError {
  return new MockExcelError(
    'AccessDenied',
    `You cannot perform the requested operation. (${what} of ${sheet.name}!${address}: the sheet is protected and the cells are locked)`,
  );
}

/** Excel's refusal of an argument or property value it does not have. */
function rejectArgument(where: string, reason: string): never {
  throw new MockExcelError(
    'InvalidArgument',
    `The argument is invalid or missing or has an incorrect format. (${where}: ${reason})`,
  );
}

/** "row,col" of every cell of an A1 cell or range ("G5", "G5:G9"). */
function cellKeys(address: string): string[] {
  const rect = parseRange(address);
  const keys: string[] = [];
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) keys.push(`${r},${c}`);
  return keys;
}

/**
 * Writes one cell's input as Excel takes it: '' empties the cell; a text starting with "=" is a formula, whose
 * value the next recalculation gives; "'text" shows the text without the quote.
 */
function setInput(sheet: FakeSheet, key: string, input: Input): void {
  if (input === '') {
    sheet.cells.delete(key);
    return;
  }
  const value = isFormula(input) ? null : typeof input === 'string' && input.startsWith("'") ? input.slice(1) : input;
  sheet.cells.set(key, { input, value });
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

/**
 * The stand-in for one test file. Call it at the top level (or in a describe): it registers an afterEach that
 * puts the globals back and fails the test if a stand-in it installed was left calls it never sent (a batch that
 * threw before its sync or forgot its last context.sync(); see FakeExcel.unsent). `install()` in a test makes a
 * fresh stand-in (`options` over the defaults given here) and installs it as the global Excel and Office.
 * A test that leaves unsent calls on purpose says so with `allowUnsent()`.
 */
export function useFakeExcel(defaults: FakeExcelOptions = {}): {
  install(options?: FakeExcelOptions): FakeExcel;
  allowUnsent(): void;
} {
  let installed: { fake: FakeExcel; uninstall: () => void }[] = [];
  let unsentAllowed = false;
  afterEach(() => {
    const ended = installed;
    const allowed = unsentAllowed;
    installed = [];
    unsentAllowed = false;
    // Put the globals back in reverse order (each uninstall restores what was there before its install).
    for (const { uninstall } of [...ended].reverse()) uninstall();
    if (allowed) return;
    const left = ended.flatMap(({ fake }) => fake.unsent);
    if (left.length > 0) {
      const listed = left.map((calls) => calls.map((e) => (e.kind === 'set' ? `set ${e.prop}` : e.method)).join(', '));
      throw new Error(
        `the Excel stand-in was left calls it never sent (a batch threw before its sync or forgot its last context.sync()):\n${listed.join('\n')}`,
      );
    }
  });
  return {
    install(options = {}) {
      const fake = new FakeExcel({ ...defaults, ...options });
      installed.push({ fake, uninstall: fake.install() });
      return fake;
    },
    allowUnsent() {
      unsentAllowed = true;
    },
  };
}

export { cellAddress };
