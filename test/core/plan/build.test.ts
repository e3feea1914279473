import { COLUMNS, type SheetPlan } from '../../../src/core/plan/model';
import { safeSheetName } from '../../../src/core/plan/build';
import { META_SHEET_NAME } from '../../../src/core/plan/meta';
import { fingerprintLockedContent, lockedContent } from '../../../src/core/plan/fingerprint';
import { catalog2019, planFor, smallCatalog } from './catalog-2019';

const cell = (plan: SheetPlan, address: string) => plan.cells.find((c) => c.address === address);

describe('a unit sheet plan', () => {
  const catalog = smallCatalog();
  const plan = planFor(catalog.units[0]!, catalog);

  test('shows the title with the catalog year, the unit and group, a status formula and the contract headers', () => {
    expect(cell(plan, 'A1')?.value).toBe('2019年度测试处考核目标评分表');
    expect(cell(plan, 'A2')?.value).toBe('单位：测试处　　分组：厅机关处室　　年度：2019');
    expect(cell(plan, 'A3')?.formula).toMatch(/^"已填 "&SUMPRODUCT\(/);
    expect(cell(plan, 'A3')?.result).toBe('已填 0/4 项 · 问题 0 个 · 分值合计 100 ✓');
    expect(
      COLUMNS.map((c, i) => plan.cells.find((x) => x.row === plan.layout.headerRow && x.col === i + 1)?.value),
    ).toEqual([
      '序号',
      '指标类别',
      '考核项目',
      '考核内容',
      '分值',
      '完成情况',
      '自评得分',
      '扣分说明',
      '考核得分',
      '佐证材料',
    ]);
  });

  test('lists the party block first, each with a 小计 row, then a 合计 row summing the subtotals', () => {
    expect(plan.layout.itemRows.map((r) => [r.row, r.block])).toEqual([
      [5, 'party'],
      [6, 'party'],
      [8, 'own'],
      [9, 'own'],
    ]);
    expect(plan.layout.subtotalRows).toEqual([
      { row: 7, block: 'party' },
      { row: 10, block: 'own' },
    ]);
    expect(plan.layout.totalRow).toBe(11);
    expect(cell(plan, 'A7')?.value).toBe('小计');
    expect(cell(plan, 'B7')?.value).toBe('党政建设');
    expect(cell(plan, 'B10')?.value).toBe('本单位目标');
    expect(cell(plan, 'E7')).toMatchObject({ formula: 'SUM(E5:E6)', result: 30 });
    expect(cell(plan, 'G10')).toMatchObject({ formula: 'SUM(G8:G9)', result: 0 });
    expect(cell(plan, 'I10')).toMatchObject({ formula: 'SUM(I8:I9)' });
    expect(cell(plan, 'A11')?.value).toBe('合计');
    expect(cell(plan, 'E11')).toMatchObject({ formula: 'E7+E10', result: 100 });
    expect(cell(plan, 'G11')?.formula).toBe('G7+G10');
  });

  test('every item row carries its own 序号, category, item, content and weight (no merges in the table)', () => {
    expect(cell(plan, 'A8')?.value).toBe(3);
    expect(cell(plan, 'B8')?.value).toBe('共性指标');
    expect(cell(plan, 'C9')?.value).toBe('专项任务');
    expect(cell(plan, 'D9')?.value).toBe('=完成专项任务');
    expect(cell(plan, 'E8')?.value).toBe(40.5);
    expect(plan.merges).toEqual(['A1:J1', 'A2:J2', 'A3:J3']);
  });

  test('only 完成情况, 自评得分, 扣分说明, 考核得分 and 佐证材料 of item rows are unlocked', () => {
    const unlocked = plan.cells.filter((c) => !c.locked).map((c) => c.address);
    expect(unlocked).toEqual([
      'F5',
      'G5',
      'H5',
      'I5',
      'J5',
      'F6',
      'G6',
      'H6',
      'I6',
      'J6',
      'F8',
      'G8',
      'H8',
      'I8',
      'J8',
      'F9',
      'G9',
      'H9',
      'I9',
      'J9',
    ]);
    expect(plan.cells.filter((c) => c.formula !== undefined).every((c) => c.locked)).toBe(true);
    expect(plan.protection).toMatchObject({
      insertRows: false,
      deleteRows: false,
      formatCells: false,
      selectUnlockedCells: true,
    });
  });

  test('scores accept 0 to the row weight, with a stop alert in Chinese, per block', () => {
    expect(plan.validations.map((v) => [v.range, v.maxFormula])).toEqual([
      ['G5:G6', '$E5'],
      ['G8:G9', '$E8'],
      ['I5:I6', '$E5'],
      ['I8:I9', '$E8'],
    ]);
    for (const v of plan.validations) {
      expect(v).toMatchObject({
        kind: 'decimal',
        min: 0,
        errorStyle: 'stop',
        allowBlank: true,
        error: '请输入 0 到本行分值之间的数字。',
      });
    }
  });

  test('missing inputs, out-of-range scores and a missing 扣分说明 are highlighted', () => {
    const byCode = (code: string) =>
      plan.conditionalFormats.filter((f) => f.code === code).map((f) => [f.range, f.formula]);
    expect(byCode('out-of-range')).toEqual([
      ['G5:G6', 'AND(LEN(G5)>0,OR(NOT(ISNUMBER(G5)),G5<0,G5>$E5))'],
      ['I5:I6', 'AND(LEN(I5)>0,OR(NOT(ISNUMBER(I5)),I5<0,I5>$E5))'],
      ['G8:G9', 'AND(LEN(G8)>0,OR(NOT(ISNUMBER(G8)),G8<0,G8>$E8))'],
      ['I8:I9', 'AND(LEN(I8)>0,OR(NOT(ISNUMBER(I8)),I8<0,I8>$E8))'],
    ]);
    expect(byCode('missing-reason')).toEqual([
      ['H5:H6', 'AND(ISNUMBER($G5),$G5<$E5,LEN(TRIM(H5))=0)'],
      ['H8:H9', 'AND(ISNUMBER($G8),$G8<$E8,LEN(TRIM(H8))=0)'],
    ]);
    expect(byCode('missing-input')).toEqual([
      ['F5:G6', 'LEN(TRIM(F5))=0'],
      ['F8:G9', 'LEN(TRIM(F8))=0'],
    ]);
    const priorities = plan.conditionalFormats.map((f) => f.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    for (const f of plan.conditionalFormats) expect(plan.styles[f.style]).toBeDefined();
  });

  test('prints on A4 landscape, one page wide, repeating the header row, frozen below the header', () => {
    expect(plan.print).toMatchObject({
      orientation: 'landscape',
      paperSize: 'A4',
      fitToWidth: 1,
      fitToHeight: 0,
      titleRows: [4, 4],
    });
    expect(plan.freeze).toEqual({ rows: 4, cols: 0, activeCell: 'F5' });
  });

  test("the file opens on the first input cell (完成情况 of the first item row) and is titled with the sheet's title line", () => {
    expect([plan.layout.columns.completion, plan.layout.itemRows[0]!.row]).toEqual([6, 5]);
    expect(plan.freeze.activeCell).toBe('F5');
    expect(plan.title).toBe('2019年度测试处考核目标评分表');
    expect(cell(plan, 'A1')?.value).toBe(plan.title);
  });

  test('a unit whose weights do not add up to 100 shows a warning in the status line', () => {
    const c = smallCatalog({ totalWeight: 105 });
    c.units[0]!.items[3]!.weight = 34.5;
    expect(cell(planFor(c.units[0]!, c), 'A3')?.result).toBe('已填 0/4 项 · 问题 0 个 · 分值合计 105，不等于 100 ⚠');
    expect(cell(planFor(c.units[0]!, c), 'A3')?.formula).toContain('"分值合计 "&ROUND(E11,2)&"，不等于 100 ⚠"');
  });

  test('carries identity and fingerprint in the metadata, the very hidden meta sheet rows and document properties', () => {
    expect(plan.metadata).toMatchObject({
      format: 'target-sheets',
      templateVersion: 1,
      catalogYear: 2019,
      unitId: 'unit-a',
      unitName: '测试处',
      group: 'department',
    });
    expect(plan.metadata.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.metaSheet.name).toBe(META_SHEET_NAME);
    expect(plan.metaSheet.rows).toContainEqual(['fingerprint', plan.metadata.fingerprint]);
    expect(plan.metaSheet.rows).toContainEqual([8, 3, 'own', '共性指标', '重点工作', '完成年度重点工作。', 40.5]);
    expect(plan.properties['TargetSheets.fingerprint']).toBe(plan.metadata.fingerprint);
    expect(plan.properties['TargetSheets.unitName']).toBe('测试处');
  });

  test('the recorded fingerprint is what the validator recomputes from the visible locked content', () => {
    expect(fingerprintLockedContent(lockedContent(plan))).toBe(plan.metadata.fingerprint);
  });
});

describe('sheet names', () => {
  test('are safe for Excel: no forbidden characters, at most 31 characters, never empty', () => {
    expect(safeSheetName('a/b\\c:d*?[e]', 'x')).toBe('abcde');
    expect(safeSheetName("'自然资源'", 'x')).toBe('自然资源');
    expect(safeSheetName("O'Brien 测绘院", 'x')).toBe('O’Brien 测绘院');
    expect(safeSheetName('一'.repeat(40), 'x')).toHaveLength(31);
    expect(safeSheetName(' :*? ', 'unit-9')).toBe('unit-9');
    expect(safeSheetName('History', 'unit-9')).toBe('unit-9');
  });
});

describe('every unit of the 2019 catalog', () => {
  test('gets a plan whose cached 合计 of 分值 equals the catalog total and whose item rows match its items', () => {
    const catalog = catalog2019();
    expect(catalog.units).toHaveLength(52);
    for (const unit of catalog.units) {
      const plan = planFor(unit, catalog);
      expect(plan.layout.itemRows).toHaveLength(unit.items.length);
      const total = plan.cells.find((c) => c.row === plan.layout.totalRow && c.col === 5);
      expect(total?.result).toBeCloseTo(unit.totalWeight, 9);
      expect(plan.sheetName.length).toBeLessThanOrEqual(31);
    }
  });
});
