// Reads the open workbook into the validator's neutral input (src/core/validate/grid.ts): per sheet its name,
// visibility, protection state and the used range's values and formulas, turned into sparse cells.
import { cellsFromGrid, type SheetContents, type SheetVisibility, type WorkbookContents } from '../core/validate/grid';
import type { CellValue } from '../core/plan/model';
import { parseCell, splitSheetAddress } from './address';
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
