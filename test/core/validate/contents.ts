// Test support: a SheetPlan (from buildSheetPlan) turned into the cell contents a reader would produce for the
// freshly generated template, plus small editing helpers to fill it in or tamper with it.
import type { CellValue, SheetPlan } from '../../../src/core/plan/model';
import { cellAddress, type CellContent, type SheetContents, type WorkbookContents } from '../../../src/core/validate/grid';

export function planToContents(plan: SheetPlan): WorkbookContents {
  const cells: CellContent[] = [];
  for (const c of plan.cells) {
    if (c.formula === undefined && (c.value === undefined || c.value === null || c.value === '')) continue;
    const cell: CellContent = { address: c.address, row: c.row, col: c.col, value: c.value ?? null };
    if (c.formula !== undefined) cell.formula = c.formula;
    cells.push(cell);
  }
  const metaCells: CellContent[] = [];
  plan.metaSheet.rows.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null || value === '') return;
      metaCells.push({ address: cellAddress(r + 1, c + 1), row: r + 1, col: c + 1, value });
    });
  });
  return {
    sheets: [
      { name: plan.sheetName, visibility: 'visible', protected: true, cells },
      { name: plan.metaSheet.name, visibility: 'veryHidden', protected: false, cells: metaCells },
    ],
  };
}

export function clone(contents: WorkbookContents): WorkbookContents {
  return { sheets: contents.sheets.map((s) => ({ ...s, cells: s.cells.map((c) => ({ ...c })) })) };
}

export function templateSheet(contents: WorkbookContents): SheetContents {
  return contents.sheets[0]!;
}

/** Sets (or, with null, clears) a cell's value on the template sheet; the formula, if any, is removed. */
export function setCell(contents: WorkbookContents, row: number, col: number, value: CellValue, formula?: string): void {
  const sheet = templateSheet(contents);
  sheet.cells = sheet.cells.filter((c) => !(c.row === row && c.col === col));
  if (value === null && formula === undefined) return;
  const cell: CellContent = { address: cellAddress(row, col), row, col, value };
  if (formula !== undefined) cell.formula = formula;
  sheet.cells.push(cell);
}

export function getCell(contents: WorkbookContents, row: number, col: number): CellContent | undefined {
  return templateSheet(contents).cells.find((c) => c.row === row && c.col === col);
}

/** Inserts an empty-or-given row before `row`: every cell at or below moves down by one (formulas untouched). */
export function insertRow(contents: WorkbookContents, row: number, values: Record<number, CellValue> = {}): void {
  const sheet = templateSheet(contents);
  for (const c of sheet.cells) {
    if (c.row >= row) {
      c.row += 1;
      c.address = cellAddress(c.row, c.col);
    }
  }
  for (const [col, value] of Object.entries(values)) setCell(contents, row, Number(col), value);
}

export function deleteRow(contents: WorkbookContents, row: number): void {
  const sheet = templateSheet(contents);
  sheet.cells = sheet.cells.filter((c) => c.row !== row);
  for (const c of sheet.cells) {
    if (c.row > row) {
      c.row -= 1;
      c.address = cellAddress(c.row, c.col);
    }
  }
}

/** Swaps the contents of two rows (a "moved" row, as cut-and-insert would leave it). */
export function swapRows(contents: WorkbookContents, a: number, b: number): void {
  for (const c of templateSheet(contents).cells) {
    if (c.row === a) c.row = b;
    else if (c.row === b) c.row = a;
    c.address = cellAddress(c.row, c.col);
  }
}
