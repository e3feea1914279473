// Test support: a corpus of returned sheets made from real generated templates (buildSheetPlan + the xlsx
// renderer), filled in and tampered with through ExcelJS the way a user's spreadsheet program would leave them.
import ExcelJS from 'exceljs';
import type { Unit } from '../../src/core/catalog/model';
import type { CellValue, SheetPlan } from '../../src/core/plan/model';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import { planFor } from '../core/validate/fixture';

export interface Template {
  plan: SheetPlan;
  bytes: Uint8Array;
}

/** A unit's template as generate writes it, or as an earlier template version did (templateVersion). */
export async function template(unit: Unit, templateVersion?: number): Promise<Template> {
  const plan = planFor(unit, undefined, undefined, templateVersion);
  return { plan, bytes: await renderPlanToXlsx(plan) };
}

export interface Editing {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  meta: ExcelJS.Worksheet | undefined;
  plan: SheetPlan;
  /** A1 address of an item row's column, e.g. at(2, 'selfScore') for the third item. */
  at(itemIndex: number, key: keyof SheetPlan['layout']['columns']): string;
}

/** Opens the file in ExcelJS, lets `edit` change it, and saves it again. */
export async function edit(t: Template, change: (e: Editing) => void | Promise<void>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(t.bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(t.plan.sheetName)!;
  const meta = workbook.getWorksheet(t.plan.metaSheet.name);
  const { columns, itemRows } = t.plan.layout;
  const at = (itemIndex: number, key: keyof typeof columns): string =>
    sheet.getCell(itemRows[itemIndex]!.row, columns[key]).address;
  await change({ workbook, sheet, meta, plan: t.plan, at });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface Filling {
  completion?: CellValue;
  self?: CellValue;
  reason?: CellValue;
  assessed?: CellValue;
}

export function weightsOf(plan: SheetPlan): number[] {
  return plan.layout.itemRows.map(
    (r) => plan.cells.find((c) => c.row === r.row && c.col === plan.layout.columns.weight)!.value as number,
  );
}

/**
 * Writes the inputs of every item row and, like a spreadsheet program on save, the recomputed values of the
 * subtotal and 合计 formulas (summed here in hundredths, numbers only, as SUM does).
 */
export function fill(e: Editing, filling: (index: number, weight: number) => Filling): void {
  const { plan, sheet } = e;
  const { columns, itemRows, subtotalRows, totalRow } = plan.layout;
  const weights = weightsOf(plan);
  const cents = {
    weight: new Map<number, number>(),
    selfScore: new Map<number, number>(),
    assessedScore: new Map<number, number>(),
  };
  itemRows.forEach((r, i) => {
    const f = filling(i, weights[i]!);
    const put = (key: keyof typeof columns, v: CellValue | undefined): void => {
      if (v !== undefined) sheet.getCell(r.row, columns[key]).value = v;
    };
    put('completion', f.completion);
    put('selfScore', f.self);
    put('deductionReason', f.reason);
    put('assessedScore', f.assessed);
    cents.weight.set(r.row, Math.round(weights[i]! * 100));
    if (typeof f.self === 'number') cents.selfScore.set(r.row, Math.round(f.self * 100));
    if (typeof f.assessed === 'number') cents.assessedScore.set(r.row, Math.round(f.assessed * 100));
  });
  const sum = (key: keyof typeof cents, rows: number[]): number =>
    rows.reduce((s, r) => s + (cents[key].get(r) ?? 0), 0) / 100;
  const setResult = (row: number, key: keyof typeof cents, result: number): void => {
    const cell = sheet.getCell(row, columns[key]);
    const formula = (cell.value as ExcelJS.CellFormulaValue).formula;
    cell.value = { formula, result } as ExcelJS.CellFormulaValue;
  };
  for (const key of ['weight', 'selfScore', 'assessedScore'] as const) {
    for (const s of subtotalRows)
      setResult(
        s.row,
        key,
        sum(
          key,
          itemRows.filter((r) => r.block === s.block).map((r) => r.row),
        ),
      );
    setResult(
      totalRow,
      key,
      sum(
        key,
        itemRows.map((r) => r.row),
      ),
    );
  }
}

/** Full marks on even rows; one point less with a reason on odd rows. */
export function fillCorrectly(e: Editing): void {
  fill(e, (i, weight) =>
    i % 2 === 0 || weight < 1
      ? { completion: '已完成', self: weight }
      : { completion: '基本完成', self: weight - 1, reason: '部分工作未按期完成' },
  );
}
