// The Excel stand-in's formula engine (HyperFormula, test/office/excel-calc.ts) computes a unit's sheet as a
// second, independent spreadsheet program does: the same template, filled with the same inputs in the stand-in
// (typed through FakeExcel.edit) and in LibreOffice headless (written through UNO, then calculateAll), shows the
// same value in every formula cell — each 小计 and the 合计 of 分值, 自评得分 and 考核得分, and the status line with
// its counts of filled items and problems. LibreOffice missing is a failure that names its Debian package.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellAddress, columnLetter } from '../../src/core/address';
import type { SheetPlan } from '../../src/core/plan/model';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import { useFakeExcel } from '../office/excel-mock';
import { plans2019 } from '../office/real-plans';
import { returnedUnit } from '../office/returned';
import { probeWithLibreOffice, type LoValue } from '../support/libreoffice';

jest.setTimeout(300_000);

const excel = useFakeExcel();
const all = plans2019();
// A bureau (20-point party block) and a department office (30 points), whose blocks and rows differ.
const plans = [
  all.find((p) => p.metadata.unitId === 'bureau-01')!,
  all.find((p) => p.metadata.unitId === 'department-03')!,
];

/** The fillings tried on each plan: none, every item at full marks, and one with a problem of each kind. */
function fillings(plan: SheetPlan): { name: string; fill: Record<string, LoValue> }[] {
  const { cell, weight } = returnedUnit(plan);
  const items = plan.layout.itemRows.map((_, i) => i);
  const full: Record<string, LoValue> = {};
  for (const i of items) {
    full[cell('completion', i)] = '已完成';
    full[cell('selfScore', i)] = weight(i);
  }
  const mixed: Record<string, LoValue> = {
    [cell('completion', 0)]: '已完成',
    [cell('selfScore', 0)]: weight(0) + 5, // above its weight
    [cell('selfScore', 1)]: '九十', // words
    [cell('completion', 2)]: '部分完成',
    [cell('selfScore', 2)]: 1.25, // below its weight, no reason
    [cell('selfScore', 3)]: -1, // negative
    [cell('completion', 4)]: '未完成',
    [cell('selfScore', 4)]: 0,
    [cell('deductionReason', 4)]: '未开展',
    [cell('assessedScore', 5)]: weight(5) + 1, // an assessed score above its weight
    [cell('completion', 6)]: '   ', // blank text: not filled
    [cell('selfScore', 6)]: weight(6),
  };
  return [
    { name: 'empty', fill: {} },
    { name: 'full marks', fill: full },
    { name: 'a problem of each kind', fill: mixed },
  ];
}

test('every formula of a unit’s sheet shows in the stand-in what LibreOffice computes, for each filling', async () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'ts-standin-lo-'));
  try {
    const cases = [];
    for (const plan of plans) {
      const file = path.join(work, `${plan.metadata.unitId}.xlsx`);
      writeFileSync(file, await renderPlanToXlsx(plan));
      for (const { name, fill } of fillings(plan)) cases.push({ plan, file, name, fill });
    }
    const lo = await probeWithLibreOffice(cases.map((c) => ({ path: c.file, sheet: c.plan.sheetName, fill: c.fill })));

    for (const [index, { plan, name, fill }] of cases.entries()) {
      const { contents, unlocked } = returnedUnit(plan);
      const fake = excel.install();
      // 考核得分 is locked in a unit's template (v2); the filling writes it as the results copy would, so the
      // stand-in leaves those cells open to that writer (LibreOffice's UNO writes past protection).
      const assessed = Object.keys(fill).filter((a) =>
        a.startsWith(`${columnLetter(plan.layout.columns.assessedScore)}`),
      );
      fake.load(await contents(), {
        unlocked: { [plan.sheetName]: [...unlocked[plan.sheetName]!, ...assessed] },
      });
      for (const [address, value] of Object.entries(fill)) await fake.edit(plan.sheetName, address, value);

      // Without a fill the probe reports the values LibreOffice computed on load (it always recalculates).
      const libreOffice = lo[index]!.filledValues ?? lo[index]!.values;
      const formulaCells = plan.cells.filter((c) => c.formula !== undefined);
      expect(formulaCells.length).toBeGreaterThan(6);
      const standIn = formulaCells.map((c) => [
        name,
        c.address,
        fake.sheet(plan.sheetName).cells.get(`${c.row},${c.col}`)?.value,
      ]);
      const computed = formulaCells.map((c) => [name, c.address, libreOffice[c.row - 1]?.[c.col - 1]]);
      // Numbers to nine places (two engines may round the last bits differently); texts exactly.
      const rounded = (rows: unknown[][]) =>
        rows.map(([n, a, v]) => [n, a, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v]);
      expect(rounded(standIn)).toEqual(rounded(computed));
    }
    // The comparison saw problems counted, not only zeros: the mixed filling's status line.
    const mixed = cases.findIndex((c) => c.name === 'a problem of each kind');
    expect(lo[mixed]!.filledValues![cases[mixed]!.plan.layout.statusRow - 1]![0]).toMatch(/ · 问题 [1-9]\d* 个 · /);
    // Template version 2: the status line on row 1, above the title (outside the print area).
    expect(cellAddress(cases[mixed]!.plan.layout.statusRow, 1)).toBe('A1');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
