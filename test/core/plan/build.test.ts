import { COLUMNS, type SheetPlan } from '../../../src/core/plan/model';
import { buildSheetPlan, safeSheetName } from '../../../src/core/plan/build';
import { META_SHEET_NAME } from '../../../src/core/plan/meta';
import { fingerprintLockedContent, lockedContent } from '../../../src/core/plan/fingerprint';
import { sheetTexts } from '../../../src/i18n/sheet-texts';
import { catalog2019, CREATED_AT, identity, planFor, smallCatalog } from './catalog-2019';

const cell = (plan: SheetPlan, address: string) => plan.cells.find((c) => c.address === address);

describe('a unit sheet plan', () => {
  const catalog = smallCatalog();
  const plan = planFor(catalog.units[0]!, catalog);

  test('shows the title with the catalog year, the unit and group, a status formula and the contract headers', () => {
    expect(cell(plan, 'A2')?.value).toBe('2019年度测试处考核目标评分表');
    expect(cell(plan, 'A3')?.value).toBe('单位：测试处　　分组：厅机关处室　　年度：2019');
    // The status line on row 1, above the title: outside the print area (it is for the screen).
    expect(cell(plan, 'A1')?.formula).toMatch(/^"已填 "&SUMPRODUCT\(/);
    expect(cell(plan, 'A1')?.result).toBe('已填 0/4 项 · 问题 0 个 · 分值合计 100 ✓');
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
    // 考核得分 sums stay blank until something is assessed (a printed 0 would read as a score of zero).
    expect(cell(plan, 'I10')).toMatchObject({ formula: 'IF(COUNT(I8:I9)=0,"",SUM(I8:I9))', result: '' });
    expect(cell(plan, 'I11')).toMatchObject({ formula: 'IF(COUNT(I7,I10)=0,"",SUM(I7,I10))', result: '' });
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
    expect(plan.merges.filter((m) => Number(/\d+$/.exec(m)![0]) <= plan.layout.totalRow)).toEqual([
      'A1:J1',
      'A2:J2',
      'A3:J3',
    ]);
  });

  test('only 完成情况, 自评得分, 扣分说明 and 佐证材料 of item rows and the signature inputs are unlocked; 考核得分 is locked', () => {
    const unlocked = plan.cells.filter((c) => !c.locked).map((c) => c.address);
    expect(unlocked).toEqual([
      'F5',
      'G5',
      'H5',
      'J5',
      'F6',
      'G6',
      'H6',
      'J6',
      'F8',
      'G8',
      'H8',
      'J8',
      'F9',
      'G9',
      'H9',
      'J9',
      // The signature block (合计 on row 11, an empty row, then two rows): 填报单位（盖章）, 单位负责人, 填报人;
      // 联系电话, 填报日期.
      'D13',
      'G13',
      'H13',
      'J13',
      'D14',
      'G14',
      'H14',
    ]);
    expect(cell(plan, 'I5')).toMatchObject({ locked: true, style: 'assessed' });
    expect(plan.cells.filter((c) => c.formula !== undefined).every((c) => c.locked)).toBe(true);
    expect(plan.protection).toMatchObject({
      insertRows: false,
      deleteRows: false,
      formatCells: false,
      selectUnlockedCells: true,
    });
  });

  test('自评得分 accepts 0 to the row weight, with a stop alert in Chinese, per block; 完成情况 says its rule', () => {
    const scores = plan.validations.filter((v) => v.kind === 'decimal');
    expect(scores.map((v) => [v.range, v.maxFormula])).toEqual([
      ['G5:G6', '$E5'],
      ['G8:G9', '$E8'],
    ]);
    expect(plan.validations.filter((v) => v.kind === 'any')).toEqual([
      {
        range: 'F5:F6',
        kind: 'any',
        promptTitle: '完成情况',
        prompt: expect.stringContaining('填了自评得分的项目必须填写'),
      },
      {
        range: 'F8:F9',
        kind: 'any',
        promptTitle: '完成情况',
        prompt: expect.stringContaining('填了自评得分的项目必须填写'),
      },
    ]);
    for (const v of scores) {
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
      ['G8:G9', 'AND(LEN(G8)>0,OR(NOT(ISNUMBER(G8)),G8<0,G8>$E8))'],
    ]);
    // What the validator reports as completion-missing: any 自评得分 without a 完成情况.
    expect(byCode('completion-missing')).toEqual([
      ['F5:F6', 'AND(LEN(TRIM($G5))>0,LEN(TRIM(F5))=0)'],
      ['F8:F9', 'AND(LEN(TRIM($G8))>0,LEN(TRIM(F8))=0)'],
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
    expect(cell(plan, 'A2')?.value).toBe(plan.title);
  });

  test('a unit whose weights do not add up to 100 shows a warning in the status line', () => {
    const c = smallCatalog({ totalWeight: 105 });
    c.units[0]!.items[3]!.weight = 34.5;
    expect(cell(planFor(c.units[0]!, c), 'A1')?.result).toBe('已填 0/4 项 · 问题 0 个 · 分值合计 105，不等于 100 ⚠');
    expect(cell(planFor(c.units[0]!, c), 'A1')?.formula).toContain('"分值合计 "&ROUND(E11,2)&"，不等于 100 ⚠"');
  });

  test('carries identity and fingerprint in the metadata, the very hidden meta sheet rows and document properties', () => {
    expect(plan.metadata).toMatchObject({
      format: 'target-sheets',
      templateVersion: 2,
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

describe('the printed sheet (template version 2)', () => {
  const catalog = smallCatalog();
  const plan = planFor(catalog.units[0]!, catalog);

  test('prints from the title to the signature block, without colours, with the unit and 第 N 页 共 M 页 in the footer', () => {
    expect(plan.layout.lastRow).toBe(14);
    expect(plan.print).toMatchObject({
      area: 'A2:J14',
      blackAndWhite: true,
      footer: { left: '测试处', center: '第 &P 页 共 &N 页', right: '2019年度' },
    });
  });

  test('under 合计, after an empty row, a signature block with its labels locked and its inputs open', () => {
    expect(plan.layout.signature.map((f) => [f.key, cell(plan, f.label)?.value, f.input])).toEqual([
      ['unit', '填报单位（盖章）', 'D13'],
      ['head', '单位负责人', 'G13'],
      ['filler', '填报人', 'J13'],
      ['phone', '联系电话', 'D14'],
      ['date', '填报日期', 'G14'],
    ]);
    for (const f of plan.layout.signature) {
      expect(cell(plan, f.label)?.locked).toBe(true);
      expect(cell(plan, f.input)?.locked).toBe(false);
    }
    expect(plan.cells.some((c) => c.row === 12)).toBe(false);
  });

  test('a 填报说明 sheet says what to fill, the rules, how to return it and, when given, the deadline', () => {
    expect(plan.notes?.name).toBe('填报说明');
    const text = plan.notes!.cells.map((c) => String(c.value)).join('\n');
    expect(plan.notes!.cells[0]!.value).toBe('2019年度测试处考核目标评分表填报说明');
    expect(text).toContain('工作表“测试处”');
    expect(text).toContain('必须在扣分说明中写明扣分原因');
    expect(text).toContain('考核得分由考核组评定后填入，单位不填写');
    expect(text).not.toContain('截止');
    expect(plan.notes!.cells.every((c) => c.locked)).toBe(true);
    const withDeadline = buildSheetPlan(catalog.units[0]!, identity(catalog), {
      createdAt: CREATED_AT,
      texts: sheetTexts('zh-CN'),
      deadline: '2019-12-20',
    });
    expect(withDeadline.notes!.cells.at(-1)!.value).toBe('八、截止日期：请于2019年12月20日前交回。');
    expect(() =>
      buildSheetPlan(catalog.units[0]!, identity(catalog), {
        createdAt: CREATED_AT,
        texts: sheetTexts('zh-CN'),
        deadline: '2019-02-30',
      }),
    ).toThrow(RangeError);
  });

  test('version 1, which the validator still rebuilds, is laid out as it was issued', () => {
    const v1 = buildSheetPlan(catalog.units[0]!, identity(catalog), {
      createdAt: CREATED_AT,
      texts: sheetTexts('zh-CN'),
      templateVersion: 1,
    });
    expect([v1.layout.titleRow, v1.layout.infoRow, v1.layout.statusRow, v1.layout.headerRow]).toEqual([1, 2, 3, 4]);
    expect(cell(v1, 'I5')?.locked).toBe(false);
    expect(cell(v1, 'I10')).toMatchObject({ formula: 'SUM(I8:I9)', result: 0 });
    expect(v1.notes).toBeUndefined();
    expect(v1.layout.signature).toEqual([]);
    expect(v1.print.area).toBeUndefined();
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
