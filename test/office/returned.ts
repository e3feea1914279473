// A unit's returned workbook as the CLI reads it, and the same workbook filled in: the fixture 检查 is tested with
// in Excel (test/office/check.test.ts) and in the pane (test/taskpane/office-engine.test.ts). Addresses come from
// the core's A1 arithmetic (src/core/address.ts).
import { cellAddress, parseCell } from '../../src/core/address';
import type { CellValue, SheetPlan } from '../../src/core/plan/model';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { readWorkbook } from '../../src/xlsx/read';
import { renderPlanToXlsx } from '../../src/xlsx/render';

export interface ReturnedUnit {
  /** The returned file as the CLI reads it: the plan rendered by the xlsx renderer, read by the xlsx reader. */
  contents(): Promise<WorkbookContents>;
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
  return {
    async contents() {
      const read = readWorkbook(await renderPlanToXlsx(plan));
      if (!read.ok) throw new Error(`the rendered template does not read: ${read.failure.code}`);
      return read.contents;
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
