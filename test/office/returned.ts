// A unit's returned workbook as the CLI reads it, and the same workbook after the unit worked on it in Excel (the
// stand-in, which recalculates) and saved it: the fixture 检查 and the live panel are tested with in Excel
// (test/office/check.test.ts) and in the pane (test/taskpane/office-engine.test.ts). Addresses come from the core's
// A1 arithmetic (src/core/address.ts).
import ExcelJS from 'exceljs';
import { cellAddress, parseCell } from '../../src/core/address';
import type { CellValue, SheetPlan } from '../../src/core/plan/model';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { readWorkbook } from '../../src/xlsx/read';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import type { FakeExcel } from './excel-mock';

export interface ReturnedUnit {
  /** The returned file as the CLI reads it: the plan rendered by the xlsx renderer, read by the xlsx reader. */
  contents(): Promise<WorkbookContents>;
  /**
   * The template's input cells (unlocked in the file), per sheet, for FakeExcel.load: the reader does not report
   * cell locking, and Excel keeps every other cell of the protected sheet locked.
   */
  unlocked: Record<string, string[]>;
  /**
   * The workbook as Excel saves it after the unit's work in the stand-in, read by the CLI's reader: the template
   * file with the unit's sheet as the stand-in holds it — what was typed, each formula with the value Excel
   * computed — and its protection as it is now.
   */
  saved(fake: FakeExcel): Promise<WorkbookContents>;
  /** The address of an item row's cell in one of the plan's columns (itemIndex: 0 = the first item row). */
  cell(key: keyof SheetPlan['layout']['columns'], itemIndex: number): string;
  /** The 分值 the plan gives an item row. */
  weight(itemIndex: number): number;
  /** Contents with cells of the unit's sheet set (null or '' empties the cell), as a unit filling in the file. */
  filled(contents: WorkbookContents, edits: [string, CellValue][]): WorkbookContents;
}

export function returnedUnit(plan: SheetPlan): ReturnedUnit {
  const cell = (key: keyof SheetPlan['layout']['columns'], itemIndex: number) =>
    cellAddress(plan.layout.itemRows[itemIndex]!.row, plan.layout.columns[key]);
  const read = (bytes: Uint8Array): WorkbookContents => {
    const result = readWorkbook(bytes);
    if (!result.ok) throw new Error(`the workbook does not read: ${result.failure.code}`);
    return result.contents;
  };
  return {
    async contents() {
      return read(await renderPlanToXlsx(plan));
    },
    unlocked: { [plan.sheetName]: plan.cells.filter((c) => !c.locked).map((c) => c.address) },
    async saved(fake) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await renderPlanToXlsx(plan)) as unknown as ArrayBuffer);
      const ws = workbook.getWorksheet(plan.sheetName)!;
      const sheet = fake.sheet(plan.sheetName);
      const keys = new Set(sheet.cells.keys());
      ws.eachRow({ includeEmpty: false }, (row, r) =>
        row.eachCell({ includeEmpty: false }, (_c, c) => keys.add(`${r},${c}`)),
      );
      for (const key of keys) {
        const [r, c] = key.split(',').map(Number) as [number, number];
        const held = sheet.cells.get(key);
        const target = ws.getCell(r, c);
        // A merged area's other cells stand for its first one in ExcelJS: writing them would overwrite it.
        if (target.isMerged && target.master !== target) continue;
        if (!held) target.value = null;
        else if (typeof held.input === 'string' && held.input.startsWith('='))
          target.value = { formula: held.input.slice(1), result: held.value ?? undefined } as ExcelJS.CellFormulaValue;
        else target.value = held.value;
      }
      if (!sheet.protected) ws.unprotect();
      return read(new Uint8Array(await workbook.xlsx.writeBuffer()));
    },
    cell,
    weight(itemIndex) {
      const { row, col } = parseCell(cell('weight', itemIndex));
      const found = plan.cells.find((c) => c.row === row && c.col === col);
      if (typeof found?.value !== 'number') throw new Error(`item ${itemIndex} of ${plan.sheetName} has no 分值`);
      return found.value;
    },
    filled(contents, edits) {
      const sheets = contents.sheets.map((s) => {
        if (s.name !== plan.sheetName) return s;
        const cells = s.cells.filter((c) => !edits.some(([a]) => a === c.address));
        for (const [address, value] of edits) {
          const { row, col } = parseCell(address);
          if (value !== null && value !== '') cells.push({ address, row, col, value });
        }
        return { ...s, cells };
      });
      return { sheets };
    },
  };
}
