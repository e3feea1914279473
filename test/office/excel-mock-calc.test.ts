// The Excel stand-in calculates, protects and refuses what Excel refuses:
// 1. Formulas are evaluated by a real formula engine (HyperFormula, excel-calc.ts) after each sync that changed
//    cells and after each user edit, so a unit's 小计, 合计 and status line follow what is typed, as in Excel;
//    suspendApiCalculationUntilNextSync() leaves them as they were until calculate().
// 2. A write to a locked cell of a protected sheet fails with AccessDenied (office-js-notes.md §2) and changes
//    nothing; a user cannot type into such a cell either.
// 3. A property or argument typed by an Excel enum takes only that enum's values, read from @types/office-js.
import { cellAddress, parseCell } from '../../src/core/address';
import { runExcel } from '../../src/office/excel-api';
import { insertPlans } from '../../src/office/render-plan';
import { useFakeExcel, type FakeExcel } from './excel-mock';
import { officeTypes } from './office-types';
import { plans2019 } from './real-plans';
import { returnedUnit } from './returned';

const excel = useFakeExcel();
const plan = plans2019()[0]!;
const { cell, weight } = returnedUnit(plan);
const layout = plan.layout;
const L = (key: keyof typeof layout.columns, row: number) => cellAddress(row, layout.columns[key]);
const subtotal = (block: number, key: 'weight' | 'selfScore' = 'selfScore') => L(key, layout.subtotalRows[block]!.row);
const total = (key: 'weight' | 'selfScore' = 'selfScore') => L(key, layout.totalRow);

/** What Excel shows in a cell of the stand-in's sheet now. */
function shown(fake: FakeExcel, sheet: string, address: string): unknown {
  const { row, col } = parseCell(address);
  return fake.sheet(sheet).cells.get(`${row},${col}`)?.value ?? null;
}

async function generated(): Promise<{ fake: FakeExcel; sheet: string }> {
  const fake = excel.install();
  const { sheets } = await insertPlans([plan]);
  return { fake, sheet: sheets[0]!.sheetName };
}

describe('the stand-in calculates with a real formula engine', () => {
  test('a generated sheet shows its computed 小计, 合计 and status line; typing scores recalculates them', async () => {
    const { fake, sheet } = await generated();
    const status = `A${layout.statusRow}`;
    const partyWeight = layout.itemRows
      .filter((r) => r.block === 'party')
      .reduce((sum, r) => sum + weight(layout.itemRows.indexOf(r)), 0);
    expect(shown(fake, sheet, subtotal(0, 'weight'))).toBeCloseTo(partyWeight, 9);
    expect(shown(fake, sheet, total('weight'))).toBeCloseTo(100, 9);
    expect(shown(fake, sheet, total())).toBe(0);
    expect(shown(fake, sheet, status)).toBe(`已填 0/${layout.itemRows.length} 项 · 问题 0 个 · 分值合计 100 ✓`);

    await fake.edit(sheet, cell('selfScore', 0), weight(0));
    await fake.edit(sheet, cell('completion', 0), '已完成');
    await fake.edit(sheet, cell('selfScore', 1), weight(1) + 5);
    expect(shown(fake, sheet, subtotal(0))).toBeCloseTo(weight(0) + weight(1) + 5, 9);
    expect(shown(fake, sheet, total())).toBeCloseTo(weight(0) + weight(1) + 5, 9);
    // One item filled (completion and score); two problems on the second: its score above its weight, and a score
    // without 完成情况.
    expect(shown(fake, sheet, status)).toBe(`已填 1/${layout.itemRows.length} 项 · 问题 2 个 · 分值合计 100 ✓`);

    // Text where a number belongs: SUM skips it, the status line counts it as a problem.
    await fake.edit(sheet, cell('selfScore', 1), '九十');
    expect(shown(fake, sheet, total())).toBeCloseTo(weight(0), 9);
    expect(shown(fake, sheet, status)).toBe(`已填 1/${layout.itemRows.length} 项 · 问题 2 个 · 分值合计 100 ✓`);
  });

  test('a formula the adapter writes shows its value after the sync, and `formulas` keeps the formula', async () => {
    const fake = excel.install();
    fake.addSheet('Sheet1');
    const read = await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:C1').formulas = [[2, 3, '=A1*B1&" 分"']];
      await context.sync();
      const used = ws.getUsedRange().load('values, formulas');
      await context.sync();
      return { values: used.values, formulas: used.formulas };
    });
    expect(read).toEqual({ values: [[2, 3, '6 分']], formulas: [[2, 3, '=A1*B1&" 分"']] });
  });

  test('with calculation suspended, formulas keep their old values until calculate()', async () => {
    const fake = excel.install();
    const sheet = fake.addSheet('Sheet1');
    sheet.cells.set('1,1', { input: 1, value: 1 });
    sheet.cells.set('1,2', { input: '=A1+1', value: 2 });
    await runExcel(async (context) => {
      context.workbook.application.suspendApiCalculationUntilNextSync();
      context.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[10]];
      await context.sync();
    });
    expect(sheet.cells.get('1,2')?.value).toBe(2);
    await runExcel(async (context) => {
      context.workbook.application.calculate('Recalculate');
      await context.sync();
    });
    expect(sheet.cells.get('1,2')?.value).toBe(11);
  });

  test('formulas across sheets, COUNTIFS and AVERAGEIFS (the summary’s ranks and averages) are computed', async () => {
    const fake = excel.install();
    fake.addSheet('分数');
    fake.addSheet('汇总');
    await runExcel(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem('分数').getRange('A1:B4').values = [
        ['甲', 90],
        ['乙', 80],
        ['甲', 70],
        ['甲', '缺'],
      ];
      sheets.getItem('汇总').getRange('A1:D1').formulas = [
        [
          '=COUNTIFS(\'分数\'!A1:A4,"甲")',
          // The text score is not averaged, as Excel's AVERAGEIFS averages numbers only.
          "=AVERAGEIFS('分数'!B1:B4,'分数'!A1:A4,\"甲\")",
          "=COUNTIFS('分数'!B1:B4,\">\"&'分数'!B2)+1",
          '=IFERROR(AVERAGEIFS(\'分数\'!B1:B4,\'分数\'!A1:A4,"丙"),"无")',
        ],
      ];
      await context.sync();
    });
    expect(['A1', 'B1', 'C1', 'D1'].map((a) => shown(fake, '汇总', a))).toEqual([3, 80, 2, '无']);
  });

  test('a formula that does not parse is refused by the sync (InvalidArgument)', async () => {
    const fake = excel.install();
    fake.addSheet('Sheet1');
    await expect(
      runExcel(async (context) => {
        context.workbook.worksheets.getItem('Sheet1').getRange('A1').formulas = [['=SUM(A2:A3']];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('the stand-in protects locked cells of a protected sheet', () => {
  test('a write to a locked cell fails with AccessDenied and changes nothing; an input cell takes it', async () => {
    const { fake, sheet } = await generated();
    const before = shown(fake, sheet, cell('weight', 0));
    const write = (address: string, value: number) =>
      runExcel(async (context) => {
        context.workbook.worksheets.getItem(sheet).getRange(address).values = [[value]];
        await context.sync();
      });
    await expect(write(cell('weight', 0), 99)).rejects.toMatchObject({
      code: 'AccessDenied',
      message: expect.stringMatching(/^You cannot perform the requested operation\./),
    });
    expect(shown(fake, sheet, cell('weight', 0))).toBe(before);
    await expect(write(total(), 100)).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(fake.sheet(sheet).cells.get(`${layout.totalRow},${layout.columns.selfScore}`)?.input).toMatch(/^=/);

    await write(cell('selfScore', 0), 1);
    expect(shown(fake, sheet, cell('selfScore', 0))).toBe(1);
    expect(shown(fake, sheet, total())).toBe(1);
  });

  test('a write over inputs and a locked cell together is refused whole', async () => {
    const { fake, sheet } = await generated();
    const row = layout.itemRows[0]!.row;
    await expect(
      runExcel(async (context) => {
        // 分值 (locked) … 自评得分 (input): E to G of the first item row.
        context.workbook.worksheets.getItem(sheet).getRange(`${L('weight', row)}:${L('selfScore', row)}`).values = [
          [1, '完成', 1],
        ];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(shown(fake, sheet, cell('completion', 0))).toBeNull();
  });

  test('cells cannot be unlocked on a protected sheet; after unprotect() anything can be written', async () => {
    const { fake, sheet } = await generated();
    await expect(
      runExcel(async (context) => {
        context.workbook.worksheets.getItem(sheet).getRange(cell('weight', 0)).format.protection.locked = false;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    await runExcel(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.protection.unprotect();
      ws.getRange(cell('weight', 0)).values = [[99]];
      await context.sync();
    });
    expect(shown(fake, sheet, cell('weight', 0))).toBe(99);
  });

  test('a user cannot type into a locked cell of a protected sheet (Excel refuses, nothing changes)', async () => {
    const { fake, sheet } = await generated();
    await expect(fake.edit(sheet, total(), 100)).rejects.toThrow(/protected/);
    await expect(fake.edit(sheet, `${cell('selfScore', 0)}:${cell('selfScore', 1)}`, 1)).resolves.toBeUndefined();
    expect(shown(fake, sheet, total())).toBe(2);
  });
});

describe('the stand-in takes only the values of Excel’s enums (from @types/office-js)', () => {
  function setUp(): FakeExcel {
    const fake = excel.install();
    fake.addSheet('Sheet1');
    return fake;
  }
  const refused = (step: (ws: Excel.Worksheet, context: Excel.RequestContext) => void) =>
    runExcel(async (context) => {
      step(context.workbook.worksheets.getItem('Sheet1'), context);
      await context.sync();
    });

  test.each<[string, (ws: Excel.Worksheet, context: Excel.RequestContext) => void, (ws: Excel.Worksheet) => void]>([
    [
      'RangeFormat.horizontalAlignment',
      (ws) => (ws.getRange('A1').format.horizontalAlignment = 'Centre' as Excel.HorizontalAlignment),
      (ws) => (ws.getRange('A1').format.horizontalAlignment = 'Center'),
    ],
    [
      'RangeBorder.weight',
      (ws) => (ws.getRange('A1').format.borders.getItem('EdgeTop').weight = 'Thinner' as Excel.BorderWeight),
      (ws) => (ws.getRange('A1').format.borders.getItem('EdgeTop').weight = 'Thin'),
    ],
    [
      'Worksheet.visibility',
      (ws) => (ws.visibility = 'veryHidden' as Excel.SheetVisibility),
      (ws) => (ws.visibility = 'VeryHidden'),
    ],
    [
      'DataValidation.errorAlert (a field of an object)',
      (ws) => {
        ws.getRange('A1').dataValidation.errorAlert = {
          showAlert: true,
          style: 'stop' as Excel.DataValidationAlertStyle,
          title: '',
          message: '',
        };
      },
      (ws) => {
        ws.getRange('A1').dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '', message: '' };
      },
    ],
    [
      'DataValidation.rule (a field two objects deep)',
      (ws) => {
        ws.getRange('A1').dataValidation.rule = {
          decimal: { operator: 'Betwen' as Excel.DataValidationOperator, formula1: 0, formula2: 5 },
        };
      },
      (ws) => {
        ws.getRange('A1').dataValidation.rule = { decimal: { operator: 'Between', formula1: 0, formula2: 5 } };
      },
    ],
    [
      'WorksheetProtection.protect (an argument’s field)',
      (ws) => ws.protection.protect({ selectionMode: 'unlocked' as Excel.ProtectionSelectionMode }),
      (ws) => ws.protection.protect({ selectionMode: 'Unlocked' }),
    ],
    [
      'Application.calculate (an argument)',
      (_ws, context) => context.workbook.application.calculate('Recalc' as Excel.CalculationType),
      (ws) => (ws.getRange('A1').format.font.bold = true),
    ],
    [
      'RangeBorderCollection.getItem (an argument)',
      (ws) => (ws.getRange('A1').format.borders.getItem('EdgeTopp' as Excel.BorderIndex).style = 'Continuous'),
      (ws) => (ws.getRange('A1').format.borders.getItem('EdgeTop').style = 'Continuous'),
    ],
  ])('%s: a value Excel does not have rejects the sync; Excel’s own goes through', async (_what, wrong, right) => {
    setUp();
    await expect(refused(wrong)).rejects.toMatchObject({
      code: 'InvalidArgument',
      message: expect.stringMatching(/is not one of "/),
    });
    await expect(refused((ws) => right(ws))).resolves.toBeUndefined();
  });

  test('the values come from @types/office-js, not from the stand-in', () => {
    const { enums, properties } = officeTypes();
    expect(enums.HorizontalAlignment).toEqual([
      'General',
      'Left',
      'Center',
      'Right',
      'Fill',
      'Justify',
      'CenterAcrossSelection',
      'Distributed',
    ]);
    expect(enums.SheetVisibility).toEqual(['Visible', 'Hidden', 'VeryHidden']);
    expect(properties.RangeFormat!.horizontalAlignment).toMatch(/^Excel\.HorizontalAlignment \|/);
    expect(Object.keys(enums).length).toBeGreaterThan(100);
  });
});
