// Test support: a SheetPlan (from buildSheetPlan) turned into the cell contents a reader would produce for the
// freshly generated template, plus small editing helpers to fill it in or tamper with it.
import type { CellValue, SheetPlan } from '../../../src/core/plan/model';
import {
  cellAddress,
  type CellContent,
  type SheetContents,
  type WorkbookContents,
} from '../../../src/core/validate/grid';

export function planToContents(plan: SheetPlan): WorkbookContents {
  const cells: CellContent[] = [];
  for (const c of plan.cells) {
    if (c.formula === undefined && (c.value === undefined || c.value === null || c.value === '')) continue;
    // A formula cell shows its cached result, as a freshly generated file does.
    const value = c.formula !== undefined ? (c.result ?? null) : (c.value ?? null);
    const cell: CellContent = { address: c.address, row: c.row, col: c.col, value };
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
export function setCell(
  contents: WorkbookContents,
  row: number,
  col: number,
  value: CellValue,
  formula?: string,
): void {
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

export interface RowFill {
  completion?: CellValue;
  self?: CellValue;
  reason?: CellValue;
  assessed?: CellValue;
}

/**
 * Fills the inputs of every item row (`fill(i, weight)` gives row i's inputs) and, as a spreadsheet program would on
 * save, stores recomputed values in the subtotal and 合计 formula cells (plain sums in hundredths, numbers only).
 */
export function fillInputs(
  contents: WorkbookContents,
  plan: SheetPlan,
  fill: (index: number, weight: number) => RowFill,
): void {
  const { columns, itemRows, subtotalRows, totalRow } = plan.layout;
  const weights = itemRows.map(
    (r) => plan.cells.find((c) => c.row === r.row && c.col === columns.weight)!.value as number,
  );
  const numbers = {
    weight: new Map<number, number>(),
    selfScore: new Map<number, number>(),
    assessedScore: new Map<number, number>(),
  };
  itemRows.forEach((r, i) => {
    const f = fill(i, weights[i]!);
    if (f.completion !== undefined) setCell(contents, r.row, columns.completion, f.completion);
    if (f.self !== undefined) setCell(contents, r.row, columns.selfScore, f.self);
    if (f.reason !== undefined) setCell(contents, r.row, columns.deductionReason, f.reason);
    if (f.assessed !== undefined) setCell(contents, r.row, columns.assessedScore, f.assessed);
    numbers.weight.set(r.row, Math.round(weights[i]! * 100));
    if (typeof f.self === 'number') numbers.selfScore.set(r.row, Math.round(f.self * 100));
    if (typeof f.assessed === 'number') numbers.assessedScore.set(r.row, Math.round(f.assessed * 100));
  });
  // A sum the template leaves blank while it counts no number (考核得分 since v2: IF(COUNT(…)=0,"",SUM(…))).
  const blankWhenNone = (row: number, key: keyof typeof numbers, rows: number[]): '' | undefined =>
    plan.cells.find((c) => c.row === row && c.col === columns[key])?.result === '' &&
    rows.every((r) => !numbers[key].has(r))
      ? ''
      : undefined;
  const sum = (key: keyof typeof numbers, rows: number[]): number =>
    rows.reduce((s, r) => s + (numbers[key].get(r) ?? 0), 0) / 100;
  for (const key of ['weight', 'selfScore', 'assessedScore'] as const) {
    for (const s of subtotalRows) {
      const rows = itemRows.filter((r) => r.block === s.block).map((r) => r.row);
      const cell = getCell(contents, s.row, columns[key])!;
      cell.value = blankWhenNone(s.row, key, rows) ?? sum(key, rows);
    }
    const all = itemRows.map((r) => r.row);
    getCell(contents, totalRow, columns[key])!.value = blankWhenNone(totalRow, key, all) ?? sum(key, all);
  }
}

/** A correct filling: full marks on even rows, one point less (with a reason) on odd rows. */
export function fillCorrectly(contents: WorkbookContents, plan: SheetPlan): void {
  fillInputs(contents, plan, (i, weight) =>
    i % 2 === 0 || weight < 1
      ? { completion: '已完成', self: weight }
      : { completion: '基本完成', self: weight - 1, reason: '部分工作未按期完成' },
  );
}
