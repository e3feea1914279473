// 检查 and the live panel inside Excel give the same report as the CLI's `validate` on the same workbook, and the
// report a real Excel would give: the unit's sheet is opened in the Excel stand-in (excel-mock.ts), which
// recalculates its 小计, 合计 and status line after every edit with a real formula engine and refuses edits of
// locked cells; the CLI reads the workbook the stand-in saves (returned.ts: the template file with the unit's cells
// and Excel's computed values) through src/xlsx/read.ts. The live panel's pause runs on jest's fake clock.
import type { CellValue } from '../../src/core/plan/model';
import { validateWorkbook, type ValidateOptions, type ValidationReport } from '../../src/core/validate/validate';
import { cellAddress } from '../../src/core/address';
import { LANGUAGES } from '../../src/i18n';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { checkOpenWorkbook, startLiveCheck } from '../../src/office/check';
import { DEFAULT_DEBOUNCE_MS } from '../../src/office/live';
import { selectCell } from '../../src/office/navigate';
import { insertPlans } from '../../src/office/render-plan';
import { useFakeExcel, type FakeExcel } from './excel-mock';
import { passRecorder, useFakeClock } from './passes';
import { catalog2019, plans2019 } from './real-plans';
import { returnedUnit } from './returned';

let fake: FakeExcel;
const excel = useFakeExcel();

const options: ValidateOptions = { texts: LANGUAGES.map((lang) => sheetTexts(lang)) };
const catalog = catalog2019();
const plan = plans2019(catalog)[0]!;
const items = plan.layout.itemRows;

// The returned file as the CLI reads it, and as Excel saves it after the unit's edits (see returned.ts).
const { contents: template, unlocked, saved, cell, weight } = returnedUnit(plan);
const totalCell = (key: 'weight' | 'selfScore') => cellAddress(plan.layout.totalRow, plan.layout.columns[key]);
const subtotalCell = (block: number, key: 'weight' | 'selfScore') =>
  cellAddress(plan.layout.subtotalRows[block]!.row, plan.layout.columns[key]);

/** The unit's template opened in the stand-in: protected, every cell locked but the inputs. */
async function opened(): Promise<void> {
  fake = excel.install();
  fake.load(await template(), { unlocked });
}

/** The unit types (or pastes) each value, one edit after the other. */
async function type(edits: [string, CellValue][]): Promise<void> {
  for (const [address, value] of edits) await fake.edit(plan.sheetName, address, value);
}

const where = (report: ValidationReport) => report.issues.map((i) => [i.code, i.cell]);
const missingScores = (except: number[]) =>
  items.flatMap((_, i) => (except.includes(i) ? [] : [['self-score-missing', cell('selfScore', i)]]));

describe('检查 in Excel (the stand-in, recalculating) and the CLI agree', () => {
  test('a score above its weight and a missing reason: the same problems at the same cells, and the totals hold', async () => {
    await opened();
    await type([
      [cell('selfScore', 0), weight(0) + 5],
      [cell('selfScore', 1), weight(1) - 1],
      [cell('completion', 0), '已完成'],
      [cell('completion', 1), '部分完成'],
    ]);
    const checked = await checkOpenWorkbook({ ...options });
    expect(checked.sheetName).toBe(plan.sheetName);
    // Excel recalculated the 合计 from what was typed: nothing to call a total mismatch.
    expect(where(checked.report)).toEqual([
      ['self-score-above-weight', cell('selfScore', 0)],
      ['deduction-reason-missing', cell('deductionReason', 1)],
      ...missingScores([0, 1]),
    ]);
    expect(checked.report.totals?.self).toBeCloseTo(weight(0) + 5 + weight(1) - 1, 9);
    expect(checked.report).toEqual(validateWorkbook(await saved(fake), options));
  });

  test('a 分值 changed after removing protection is named at its cell, with the totals it no longer matches', async () => {
    await opened();
    fake.sheet(plan.sheetName).protected = false; // the unit removed the sheet's protection
    const weightCell = cell('weight', 0);
    await type([[weightCell, 99]]);
    const { report } = await checkOpenWorkbook({ ...options, catalog });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.cell])).toEqual(
      expect.arrayContaining([
        ['weight-changed', weightCell],
        // The 分值 小计 and 合计 Excel recalculated no longer add up to the recorded weights.
        ['total-mismatch', subtotalCell(0, 'weight')],
        ['total-mismatch', totalCell('weight')],
      ]),
    );
    expect(report.issues.map((i) => i.code)).toContain('protection-removed');
    expect(report).toEqual(validateWorkbook(await saved(fake), { ...options, catalog }));
  });

  test('a number pasted over the 合计 (protection removed) is reported as a replaced formula, in Excel as by the CLI', async () => {
    await opened();
    await expect(fake.edit(plan.sheetName, totalCell('selfScore'), 100)).rejects.toThrow(/protected/);
    fake.sheet(plan.sheetName).protected = false;
    await type([
      [cell('selfScore', 0), weight(0)],
      [totalCell('selfScore'), 100],
    ]);
    const { report } = await checkOpenWorkbook(options);
    expect(report.issues.filter((i) => i.cell === totalCell('selfScore')).map((i) => i.code)).toEqual([
      'formula-replaced',
    ]);
    expect(report.issues.map((i) => i.code)).toContain('protection-removed');
    expect(report).toEqual(validateWorkbook(await saved(fake), options));
  });

  test('jumping to the first problem selects its cell on the template sheet', async () => {
    await opened();
    await type([
      [cell('completion', 0), '已完成'],
      [cell('selfScore', 0), weight(0) + 5],
    ]);
    const { sheetName, report } = await checkOpenWorkbook(options);
    const first = report.issues.find((i) => i.cell !== null)!;
    expect(first.cell).toBe(cell('selfScore', 0));
    await selectCell(sheetName, first.cell!);
    expect(fake.selection).toEqual({ sheet: plan.sheetName, address: cell('selfScore', 0) });
    expect(fake.activeId).toBe(fake.sheet(plan.sheetName).id);
  });
});

describe('the live panel in Excel (the stand-in, recalculating) and the CLI agree', () => {
  useFakeClock();

  /** Types the edits, lets the pause pass, and returns the one pass it starts (read in one sync). */
  async function pass(passes: ReturnType<typeof passRecorder<ValidationReport>>, edits: [string, CellValue][]) {
    const syncs = fake.syncs;
    const next = passes.next();
    await type(edits);
    await jest.advanceTimersByTimeAsync(DEFAULT_DEBOUNCE_MS);
    const report = await next;
    expect(fake.syncs - syncs).toBe(1);
    return report;
  }

  test('valid entries give a valid report with no total mismatch; pasted bad scores give exactly their problems', async () => {
    await opened();
    const passes = passRecorder<ValidationReport>();
    const session = await startLiveCheck({ validate: options, onPass: passes.add });
    expect(passes.all).toEqual([validateWorkbook(await template(), options)]);

    // Every item at full marks, with its completion: valid, and Excel's 合计 is 100.
    const full = await pass(
      passes,
      items.flatMap((_, i): [string, CellValue][] => [
        [cell('completion', i), '已完成'],
        [cell('selfScore', i), weight(i)],
      ]),
    );
    expect(full.status).toBe('valid');
    expect(full.issues).toEqual([]);
    expect(full.totals?.self).toBeCloseTo(100, 9);
    expect(full).toEqual(validateWorkbook(await saved(fake), options));

    // A paste over two scores (above their weights) and a score typed in words.
    const pasted = `${cell('selfScore', 0)}:${cell('selfScore', 1)}`;
    const bad = await pass(passes, [
      [pasted, 99],
      [cell('selfScore', 2), '九十'],
    ]);
    expect(where(bad)).toEqual([
      ['self-score-above-weight', cell('selfScore', 0)],
      ['self-score-above-weight', cell('selfScore', 1)],
      ['self-score-not-a-number', cell('selfScore', 2)],
    ]);
    // The sheet's own status line, recalculated by Excel, counts the same three problems.
    expect(fake.sheet(plan.sheetName).cells.get(`${plan.layout.statusRow},1`)?.value).toMatch(/ · 问题 3 个 · /);
    expect(bad).toEqual(validateWorkbook(await saved(fake), options));
    expect(passes.all).toHaveLength(3);
    await session.stop();
  });

  test('a sheet generated by the adapter checks as untampered: the only problem is that it is not filled in yet', async () => {
    fake = excel.install();
    const { sheets } = await insertPlans([plan]);
    const { report } = await checkOpenWorkbook({ ...options, catalog, sheet: sheets[0]!.sheetName });
    expect(report.identity).toMatchObject({ unitId: plan.metadata.unitId, sheetName: plan.sheetName });
    expect(report.issues.map((i) => [i.code, i.cell])).toEqual([
      ['sheet-not-filled', `F${plan.layout.itemRows[0]!.row}`],
    ]);
  });
});
