// Reads the open workbook into the validator's neutral input (src/core/validate/grid.ts): per sheet its name,
// visibility, protection state and the used range's values and formulas, turned into sparse cells.
import { cellsFromGrid, type SheetContents, type SheetVisibility, type WorkbookContents } from '../core/validate/grid';
import { workbookKind } from '../core/validate/meta';
import type { CellValue } from '../core/plan/model';
import { parseCell, splitSheetAddress } from '../core/address';
import { OfficeAdapterError, runExcel } from './excel-api';

const VISIBILITY: Record<string, SheetVisibility> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

interface QueuedSheet {
  sheet: Excel.Worksheet;
  used: Excel.Range;
}

/** Queues the loads for one sheet: its state and its used range (values only, so formatting does not widen it). */
export function queueSheetRead(sheet: Excel.Worksheet): QueuedSheet {
  sheet.load('name, visibility');
  sheet.protection.load('protected');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address, values, formulas');
  return { sheet, used };
}

/** After the sync: the loaded sheet as neutral contents. */
export function sheetContents({ sheet, used }: QueuedSheet): SheetContents {
  let cells: SheetContents['cells'] = [];
  if (!used.isNullObject) {
    const topLeft = splitSheetAddress(used.address).range.split(':')[0]!;
    const { row, col } = parseCell(topLeft);
    cells = cellsFromGrid(used.values as CellValue[][], used.formulas as CellValue[][], row, col);
    // A text constant that starts with "=" (written as "'=…") comes back in `formulas` as the same text; a real
    // formula's text never equals its own result, so such a cell is a constant.
    for (const cell of cells) if (cell.formula !== undefined && cell.value === cell.formula) delete cell.formula;
  }
  return {
    name: sheet.name,
    visibility: VISIBILITY[sheet.visibility] ?? 'visible',
    protected: sheet.protection.protected === true,
    cells,
  };
}

/**
 * The workbook's contents. With `sheets` (names or ids, in the order wanted) it costs one sync; without,
 * two: Office.js cannot reach a sheet's used range before it knows the sheet, so the first sync lists them.
 */
export async function readWorkbookContents(options: { sheets?: string[] } = {}): Promise<WorkbookContents> {
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    let keys = options.sheets;
    if (!keys) {
      worksheets.load('items/id');
      await context.sync();
      keys = worksheets.items.map((w) => w.id);
    }
    const queued = keys.map((key) => queueSheetRead(worksheets.getItem(key)));
    try {
      await context.sync();
    } catch (error) {
      if ((error as { code?: string }).code === 'ItemNotFound') {
        throw new OfficeAdapterError('sheet-missing', { sheet: keys.join(', ') }, { cause: error });
      }
      throw error;
    }
    return { sheets: queued.map(sheetContents) };
  });
}

/**
 * Finds a unit's template sheet and its meta sheet, queued on `worksheets` (result() after the next sync).
 * insertPlans puts each unit's very hidden meta sheet right after its sheet, so a workbook may hold several
 * units: the template is the named sheet, else the active sheet if a very hidden sheet follows it, else the
 * first visible sheet that one follows, else the active sheet; its companion is the very hidden sheet right
 * after it, else every very hidden sheet (a returned file made elsewhere).
 */
export function locateTemplate(
  worksheets: Excel.WorksheetCollection,
  sheetName?: string,
): { result(): { sheet: Excel.Worksheet; companions: string[] } } {
  const named = sheetName === undefined ? null : worksheets.getItemOrNullObject(sheetName);
  const active = worksheets.getActiveWorksheet();
  named?.load('id, name, position');
  active.load('id, name, position');
  worksheets.load('items/id, items/name, items/visibility, items/position');
  return {
    result() {
      if (named?.isNullObject) throw new OfficeAdapterError('sheet-missing', { sheet: sheetName! });
      const items = worksheets.items;
      const metaAfter = (w: Excel.Worksheet) =>
        items.find((next) => next.position === w.position + 1 && next.visibility === 'VeryHidden');
      const activeItem = items.find((w) => w.id === active.id);
      const sheet =
        named ??
        (activeItem && metaAfter(activeItem) ? activeItem : undefined) ??
        items.find((w) => w.visibility === 'Visible' && metaAfter(w) !== undefined) ??
        activeItem ??
        active;
      const meta = metaAfter(sheet);
      const companions = meta ? [meta.id] : items.filter((w) => w.visibility === 'VeryHidden').map((w) => w.id);
      return { sheet, companions };
    },
  };
}

/**
 * A scoring workbook (评分表: its record says kind = scoring) is read whole: it has a sheet per group and the scorer
 * moves between them, so one sheet would show a part of the workbook. What was read first (the located sheet and
 * its record) tells; whole, it is every sheet but other records' very hidden ones, and its own record.
 */
export function wholeWorkbookSheets(
  first: WorkbookContents,
  items: readonly Excel.Worksheet[],
  companions: readonly string[],
): string[] | null {
  if (workbookKind(first) !== 'scoring') return null;
  return [...items.filter((w) => w.visibility !== 'VeryHidden').map((w) => w.id), ...companions];
}

/**
 * One unit's template and meta sheet (see locateTemplate), for 检查 of the open workbook: two syncs, one to
 * find the sheets and one to read just those; a scoring workbook is then read whole (wholeWorkbookSheets), a third.
 */
export async function readTemplateContents(
  sheetName?: string,
): Promise<{ sheetName: string; contents: WorkbookContents }> {
  return runExcel(async (context) => {
    const worksheets = context.workbook.worksheets;
    const located = locateTemplate(worksheets, sheetName);
    await context.sync();
    const { sheet, companions } = located.result();
    const queued = [sheet.id, ...companions].map((id) => queueSheetRead(worksheets.getItem(id)));
    await context.sync();
    const contents = { sheets: queued.map(sheetContents) };
    const whole = wholeWorkbookSheets(contents, worksheets.items, companions);
    if (!whole) return { sheetName: sheet.name, contents };
    const all = whole.map((id) => queueSheetRead(worksheets.getItem(id)));
    await context.sync();
    return { sheetName: sheet.name, contents: { sheets: all.map(sheetContents) } };
  });
}
