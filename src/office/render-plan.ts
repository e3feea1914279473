// Renders sheet plans (src/core/plan) into the open workbook. The plan decides everything about the layout;
// this file only translates it into Office.js calls, batched so that a generated sheet costs at most two
// `context.sync()` round trips and many sheets share them, as far as Excel on the web's 5 MB request limit allows.
//
// Per batch of sheets:
//   sync 1: add each unit sheet and, right after it, its meta sheet and its 填报说明 (v2) *without a name* (Excel
//           picks a free "SheetN", so nothing existing is ever touched or replaced); write cells as one 2-D
//           `formulas` array and one `numberFormat` array, styles (one range per rectangle of a style), merges,
//           sizes, data validation, conditional formats, print settings (print area, footer, black and white),
//           freeze panes, custom properties, unlock the inputs, hide the meta sheet; load `protection/protected` of
//           the new sheets and every sheet's name.
//   sync 2: give the sheets their final names (free ones, chosen against the names listed in sync 1),
//           recalculate, unprotect only a sheet that reports itself protected, then protect.
// Batches are cut by an estimate of the request size; if the host still refuses a request as too large (which
// applies nothing of it), that batch is halved and sent again.
import { type CellStyle, type PlanCell, type PlanPrint, type SheetPlan } from '../core/plan/model';
import { rangeAddress, rectanglesOf, type Rect } from '../core/address';
import { OfficeAdapterError, runExcel, syncCounter } from './excel-api';
import { requirementSupport, type RequirementSupport } from './host';
import { applyFreeze, applyStyle, excelInput, freeSheetName, setColumnWidths } from './sheet-helpers';

/** Below Excel on the web's 5 MB per request, with room for what the estimate misses. */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

export interface InsertProgress {
  done: number;
  total: number;
  /** The unit being worked on, or null when finished. */
  current: string | null;
}

export interface InsertOptions {
  /** Sheet protection password (never stored in the plan). */
  password?: string;
  onProgress?: (progress: InsertProgress) => void;
  /** Checked between batches: sheets of a batch already sent are finished, nothing is half-written. */
  signal?: AbortSignal;
  /** Estimated request size above which sheets go to the next batch. */
  maxRequestBytes?: number;
}

/** Features the host lacks, skipped (the sheet still works; the file renderer writes them). */
export type InsertNote = 'page-layout-unsupported' | 'custom-properties-unsupported';

export interface InsertedSheet {
  unitId: string;
  unitName: string;
  sheetName: string;
  /** The 填报说明 sheet's name (v2 plans). */
  notesSheetName?: string;
  metaSheetName: string;
  /** The plan's name was taken, so a free variant was used. */
  renamed: boolean;
}

export interface InsertResult {
  sheets: InsertedSheet[];
  cancelled: boolean;
  batches: number;
  syncs: number;
  notes: InsertNote[];
}

// ---------------------------------------------------------------------------------------------------------
// Pure translation of a plan into what gets written (exported for tests and the bench).

/** Rows and columns the plan's content occupies, from A1. */
export function planBlock(plan: SheetPlan): { rows: number; cols: number } {
  let rows = plan.layout.lastRow;
  let cols = plan.columns.length;
  for (const cell of plan.cells) {
    rows = Math.max(rows, cell.row);
    cols = Math.max(cols, cell.col);
  }
  return { rows, cols };
}

function cellInput(cell: PlanCell): string | number | boolean {
  return cell.formula !== undefined ? `=${cell.formula}` : excelInput(cell.value);
}

/** The one 2-D `formulas` array written over the plan's block (constants and formulas together). */
export function formulasGrid(plan: SheetPlan): (string | number | boolean)[][] {
  const { rows, cols } = planBlock(plan);
  const grid = Array.from({ length: rows }, () => Array<string | number | boolean>(cols).fill(''));
  for (const cell of plan.cells) grid[cell.row - 1]![cell.col - 1] = cellInput(cell);
  return grid;
}

export function numberFormatGrid(plan: SheetPlan): string[][] {
  const { rows, cols } = planBlock(plan);
  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  for (const cell of plan.cells) {
    const format = cell.style ? plan.styles[cell.style]?.numberFormat : undefined;
    if (format) grid[cell.row - 1]![cell.col - 1] = format;
  }
  return grid;
}

export function metaGrid(plan: SheetPlan): (string | number | boolean)[][] {
  const width = Math.max(1, ...plan.metaSheet.rows.map((r) => r.length));
  return plan.metaSheet.rows.map((row) => Array.from({ length: width }, (_, i) => excelInput(row[i])));
}

/** Each style key with the rectangles its cells form. */
export function styleRanges(plan: SheetPlan): { style: string; rects: Rect[] }[] {
  const byStyle = new Map<string, PlanCell[]>();
  for (const cell of plan.cells) {
    if (!cell.style) continue;
    const list = byStyle.get(cell.style);
    if (list) list.push(cell);
    else byStyle.set(cell.style, [cell]);
  }
  return [...byStyle.entries()].map(([style, cells]) => ({ style, rects: rectanglesOf(cells) }));
}

/** Rectangles covering exactly the plan's input (unlocked) cells. */
export function inputRects(plan: SheetPlan): Rect[] {
  return rectanglesOf(plan.cells.filter((c) => !c.locked));
}

export function protectionOptions(plan: SheetPlan): Excel.WorksheetProtectionOptions {
  const p = plan.protection;
  return {
    allowFormatCells: p.formatCells,
    allowFormatColumns: p.formatColumns,
    allowFormatRows: p.formatRows,
    allowInsertRows: p.insertRows,
    allowInsertColumns: p.insertColumns,
    allowDeleteRows: p.deleteRows,
    allowDeleteColumns: p.deleteColumns,
    allowSort: p.sort,
    allowAutoFilter: p.autoFilter,
    selectionMode: p.selectLockedCells ? 'Normal' : p.selectUnlockedCells ? 'Unlocked' : 'None',
  };
}

const encoder = new TextEncoder();
/**
 * Rough bytes of one queued action in an Office.js request: the action itself (~90 bytes of JSON: id, type,
 * object path id, arguments) plus its share of the object paths it needs (getRange, format, font, …).
 * An estimate, not measured against a real host.
 */
const ACTION_BYTES = 150;

/**
 * Estimated size of the request that writes this plan: the UTF-8 JSON of the cell arrays and texts plus a
 * fixed cost per queued action. Used only to cut batches below the 5 MB request limit of Excel on the web.
 */
export function estimateRequestBytes(plan: SheetPlan): number {
  const data =
    encoder.encode(JSON.stringify(formulasGrid(plan))).length +
    encoder.encode(JSON.stringify(numberFormatGrid(plan))).length +
    encoder.encode(JSON.stringify(metaGrid(plan))).length +
    encoder.encode(JSON.stringify(plan.notes?.cells ?? [])).length +
    encoder.encode(JSON.stringify(plan.validations)).length +
    encoder.encode(JSON.stringify(plan.properties)).length;
  let actions = 40 + plan.merges.length + plan.columns.length + Object.keys(plan.rowHeights).length;
  for (const { style, rects } of styleRanges(plan)) actions += rects.length * styleActionCount(plan.styles[style]);
  actions += inputRects(plan).length + plan.validations.length * 6 + plan.conditionalFormats.length * 6;
  actions += Object.keys(plan.properties).length;
  if (plan.notes) actions += 10 + plan.notes.cells.length * 8;
  return data + actions * ACTION_BYTES;
}

function styleActionCount(style: CellStyle | undefined): number {
  if (!style) return 0;
  return (
    Object.keys(style.font ?? {}).length +
    (style.fill ? 1 : 0) +
    Object.keys(style.alignment ?? {}).length +
    (style.border === 'thin' ? 12 : 0) +
    1
  );
}

/** Consecutive groups of plans whose estimated request stays under `maxBytes` (a single plan always fits). */
export function batchPlans(plans: SheetPlan[], maxBytes: number): SheetPlan[][] {
  const batches: SheetPlan[][] = [];
  let current: SheetPlan[] = [];
  let bytes = 0;
  for (const plan of plans) {
    const size = estimateRequestBytes(plan);
    if (current.length > 0 && bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(plan);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

// ---------------------------------------------------------------------------------------------------------
// Writing (queued calls only; the syncs are in insertPlans).

const ORIENTATION: Record<PlanPrint['orientation'], 'Landscape' | 'Portrait'> = {
  landscape: 'Landscape',
  portrait: 'Portrait',
};

function writeUnitSheet(sheet: Excel.Worksheet, plan: SheetPlan, sets: RequirementSupport): InsertNote[] {
  const notes: InsertNote[] = [];
  const { rows, cols } = planBlock(plan);
  const block = sheet.getRange(rangeAddress({ top: 1, left: 1, bottom: rows, right: cols }));
  // Values and formulas in one array: one write instead of one per cell.
  block.formulas = formulasGrid(plan);
  block.numberFormat = numberFormatGrid(plan);

  for (const { style, rects } of styleRanges(plan)) {
    const definition = plan.styles[style];
    if (!definition) continue;
    for (const rect of rects) applyStyle(sheet.getRange(rangeAddress(rect)), definition, rect);
  }
  for (const merge of plan.merges) sheet.getRange(merge).merge(false);
  setColumnWidths(
    sheet,
    plan.columns.map((column) => column.width),
  );
  for (const [row, height] of Object.entries(plan.rowHeights)) {
    sheet.getRange(`${row}:${row}`).format.rowHeight = height;
  }

  for (const v of plan.validations) {
    const range = sheet.getRange(v.range);
    // A rule over a range that partly overlaps an existing rule throws InvalidArgument: clear first.
    range.dataValidation.clear();
    if (v.kind === 'any') {
      // No rule (any value): only the input message.
      range.dataValidation.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
      continue;
    }
    range.dataValidation.ignoreBlanks = v.allowBlank;
    range.dataValidation.rule = {
      decimal: { operator: 'Between', formula1: v.min, formula2: `=${v.maxFormula}` },
    };
    range.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle, message: v.error };
    range.dataValidation.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
  }

  for (const cf of plan.conditionalFormats) {
    const style = plan.styles[cf.style];
    // The custom formula is relative to the range's top-left cell, as in the plan.
    const format = sheet.getRange(cf.range).conditionalFormats.add('Custom');
    format.custom.rule.formula = `=${cf.formula}`;
    if (style?.font?.color) format.custom.format.font.color = `#${style.font.color}`;
    if (style?.font?.bold !== undefined) format.custom.format.font.bold = style.font.bold;
    if (style?.fill) format.custom.format.fill.color = `#${style.fill}`;
    format.priority = cf.priority - 1; // Excel counts from 0, the plan from 1.
    format.stopIfTrue = cf.stopIfTrue;
  }

  if (sets.excelApi1_9) {
    const page = sheet.pageLayout;
    page.orientation = ORIENTATION[plan.print.orientation];
    page.paperSize = plan.print.paperSize;
    page.centerHorizontally = plan.print.centerHorizontally;
    // "As many pages tall as needed" is the absence of verticalFitToPages (0 is not documented for Office.js);
    // some builds apply fit-to-width only with the Page Layout tab open (office-js#1860, not verified here).
    const fitToHeight = plan.print.fitToHeight as number;
    page.zoom =
      fitToHeight > 0
        ? { horizontalFitToPages: plan.print.fitToWidth, verticalFitToPages: fitToHeight }
        : { horizontalFitToPages: plan.print.fitToWidth };
    const [firstTitle, lastTitle] = plan.print.titleRows;
    page.setPrintTitleRows(`$${firstTitle}:$${lastTitle}`);
    const m = plan.print.margins; // inches in the plan, points in Office.js
    page.leftMargin = m.left * 72;
    page.rightMargin = m.right * 72;
    page.topMargin = m.top * 72;
    page.bottomMargin = m.bottom * 72;
    page.headerMargin = m.header * 72;
    page.footerMargin = m.footer * 72;
    if (plan.print.area) page.setPrintArea(plan.print.area);
    if (plan.print.blackAndWhite) page.blackAndWhite = true;
    // The same codes as the file's headerFooter (&P page, &N pages), one section at a time.
    const pages = page.headersFooters.defaultForAllPages;
    const { header, footer } = plan.print;
    if (header?.left) pages.leftHeader = header.left;
    if (header?.center) pages.centerHeader = header.center;
    if (header?.right) pages.rightHeader = header.right;
    if (footer?.left) pages.leftFooter = footer.left;
    if (footer?.center) pages.centerFooter = footer.center;
    if (footer?.right) pages.rightFooter = footer.right;
  } else {
    notes.push('page-layout-unsupported');
  }

  applyFreeze(sheet, plan.freeze);

  if (sets.excelApi1_12) {
    for (const [key, value] of Object.entries(plan.properties)) sheet.customProperties.add(key, value);
  } else {
    notes.push('custom-properties-unsupported');
  }

  // New cells are locked; unlock exactly the inputs. Protection (sync 2) then locks everything else.
  for (const rect of inputRects(plan)) sheet.getRange(rangeAddress(rect)).format.protection.locked = false;
  return notes;
}

/** The 填报说明: its lines as one column of text (one array), styles, width and heights; all locked. */
function writeNotesSheet(sheet: Excel.Worksheet, notes: NonNullable<SheetPlan['notes']>, plan: SheetPlan): void {
  const rows = Math.max(0, ...notes.cells.map((c) => c.row));
  if (rows > 0) {
    const grid = Array.from({ length: rows }, () => ['' as string | number | boolean]);
    for (const cell of notes.cells) grid[cell.row - 1]![0] = excelInput(cell.value);
    sheet.getRange(rangeAddress({ top: 1, left: 1, bottom: rows, right: 1 })).formulas = grid;
  }
  for (const cell of notes.cells) {
    const style = cell.style ? plan.styles[cell.style] : undefined;
    if (style) applyStyle(sheet.getRange(cell.address), style, { top: cell.row, left: 1, bottom: cell.row, right: 1 });
  }
  setColumnWidths(sheet, [notes.width]);
  for (const [row, height] of Object.entries(notes.rowHeights)) {
    sheet.getRange(`${row}:${row}`).format.rowHeight = height;
  }
}

function writeMetaSheet(sheet: Excel.Worksheet, plan: SheetPlan): void {
  const grid = metaGrid(plan);
  if (grid.length > 0) {
    const cols = grid[0]!.length;
    sheet.getRange(rangeAddress({ top: 1, left: 1, bottom: grid.length, right: cols })).formulas = grid;
  }
  // Very hidden: not listed under Unhide in Excel; still read by any xlsx reader and by the validator.
  sheet.visibility = 'VeryHidden';
}

interface PendingSheet {
  plan: SheetPlan;
  sheet: Excel.Worksheet;
  notes?: Excel.Worksheet;
  meta: Excel.Worksheet;
}

// ---------------------------------------------------------------------------------------------------------

/** Excel on the web refused the request as too large (nothing of it was applied). */
function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'PayloadTooLarge';
}

class PayloadTooLarge extends Error {}

/** One batch of sheets: two syncs (see the top of this file). */
async function insertBatch(
  batch: SheetPlan[],
  options: InsertOptions,
  sets: RequirementSupport,
  notes: Set<InsertNote>,
  activateFirst: boolean,
): Promise<InsertedSheet[]> {
  return runExcel(async (context) => {
    const workbook = context.workbook;
    // The API's own writes need no recalculation until the end of the batch (recalculated in sync 2).
    workbook.application.suspendApiCalculationUntilNextSync();
    if (sets.excelApi1_9) workbook.application.suspendScreenUpdatingUntilNextSync();
    const worksheets = workbook.worksheets;

    const pending: PendingSheet[] = [];
    for (const plan of batch) {
      // No name yet: Excel picks a free one, so an existing sheet is never replaced; renamed in sync 2.
      // The meta sheet right after the unit's sheet (where locateTemplate looks for it), then the 填报说明.
      const sheet = worksheets.add();
      const meta = worksheets.add();
      const notesSheet = plan.notes ? worksheets.add() : undefined;
      for (const note of writeUnitSheet(sheet, plan, sets)) notes.add(note);
      if (notesSheet) writeNotesSheet(notesSheet, plan.notes!, plan);
      writeMetaSheet(meta, plan);
      // Protection state first: protect() throws on a sheet that is already protected.
      sheet.protection.load('protected');
      notesSheet?.protection.load('protected');
      meta.protection.load('protected');
      pending.push({ plan, sheet, notes: notesSheet, meta });
    }
    worksheets.load('items/name');
    try {
      await context.sync();
    } catch (error) {
      if (isPayloadTooLarge(error)) throw new PayloadTooLarge();
      throw new OfficeAdapterError('render-failed', { sheet: batch[0]!.sheetName }, { cause: error });
    }

    // Names listed after the adds: the placeholders are taken too, so a rename never collides with one.
    const taken = new Set(worksheets.items.map((w) => w.name));
    const done: InsertedSheet[] = [];
    for (const { plan, sheet, notes, meta } of pending) {
      const sheetName = freeSheetName(plan.sheetName, taken);
      taken.add(sheetName);
      let notesSheetName: string | undefined;
      if (notes && plan.notes) {
        notesSheetName = freeSheetName(plan.notes.name, taken);
        taken.add(notesSheetName);
        notes.name = notesSheetName;
      }
      const metaSheetName = freeSheetName(plan.metaSheet.name, taken);
      taken.add(metaSheetName);
      sheet.name = sheetName;
      meta.name = metaSheetName;
      done.push({
        unitId: plan.metadata.unitId,
        unitName: plan.metadata.unitName,
        sheetName,
        ...(notesSheetName !== undefined ? { notesSheetName } : {}),
        metaSheetName,
        renamed: sheetName !== plan.sheetName.trim() || metaSheetName !== plan.metaSheet.name.trim(),
      });
    }
    workbook.application.calculate('Recalculate');
    for (const { plan, sheet, notes, meta } of pending) {
      for (const ws of [sheet, notes, meta]) {
        if (ws?.protection.protected) ws.protection.unprotect(options.password);
      }
      sheet.protection.protect(protectionOptions(plan), options.password);
      notes?.protection.protect(protectionOptions(plan), options.password);
      meta.protection.protect({ selectionMode: 'None' }, options.password);
    }
    if (activateFirst) pending[0]?.sheet.activate();
    try {
      await context.sync();
    } catch (error) {
      throw new OfficeAdapterError('render-failed', { sheet: batch[0]!.sheetName }, { cause: error });
    }
    return done;
  });
}

/** Adds one protected sheet (plus its very hidden meta sheet) per plan to the open workbook. */
export async function insertPlans(plans: SheetPlan[], options: InsertOptions = {}): Promise<InsertResult> {
  // Names are checked before anything is written: a bad one must not leave half a batch behind.
  for (const plan of plans) {
    freeSheetName(plan.sheetName, []);
    if (plan.notes) freeSheetName(plan.notes.name, []);
    freeSheetName(plan.metaSheet.name, []);
  }
  const sets = requirementSupport();
  const queue = batchPlans(plans, options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES);
  const result: InsertResult = { sheets: [], cancelled: false, batches: 0, syncs: 0, notes: [] };
  const notes = new Set<InsertNote>();
  const syncsBefore = syncCounter.count;
  const total = plans.length;
  options.onProgress?.({ done: 0, total, current: plans[0]?.metadata.unitName ?? null });

  while (queue.length > 0) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    const batch = queue.shift()!;
    let inserted: InsertedSheet[];
    try {
      inserted = await insertBatch(batch, options, sets, notes, result.batches === 0);
    } catch (error) {
      if (!(error instanceof PayloadTooLarge)) throw error;
      // The estimate was too low for this host: halve the batch and go again (a refused request applies nothing).
      if (batch.length === 1)
        throw new OfficeAdapterError('render-failed', { sheet: batch[0]!.sheetName }, { cause: error });
      const half = Math.ceil(batch.length / 2);
      queue.unshift(batch.slice(0, half), batch.slice(half));
      continue;
    }
    result.batches++;
    for (const sheet of inserted) {
      result.sheets.push(sheet);
      const next = plans[result.sheets.length];
      options.onProgress?.({ done: result.sheets.length, total, current: next ? next.metadata.unitName : null });
    }
  }
  result.syncs = syncCounter.count - syncsBefore;
  result.notes = [...notes];
  return result;
}
