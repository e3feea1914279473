// The scoring workbooks (评分表) of the 2019 document, with the owners its reader takes from the text: one per
// scorer, every (unit, item) pair in exactly one of them, each sheet laid out as issue 13 says (header, locked
// content, open 考核得分/考核扣分说明 with validation, subtotal formulas, status line) and recorded so it can be read
// back without the catalog.
import type { Catalog } from '../../../src/core/catalog/model';
import { catalogIdentity } from '../../../src/core/plan/fingerprint';
import {
  buildScoringWorkbook,
  readRecord,
  SCORING_COLUMN_LETTER as L,
  scoringFileNames,
  scoringInputs,
  sheetSeqs,
  type ReturnedSheet,
  type ScoringWorkbookPlan,
} from '../../../src/core/scoring-workbook';
import { workbookFingerprint } from '../../../src/core/scoring-workbook/fingerprint';
import { scoringTexts } from '../../../src/i18n/scoring-texts';
import { catalog2019, CREATED_AT } from '../plan/catalog-2019';

const HEADER = [
  '单位',
  '序号',
  '指标类别',
  '考核项目',
  '考核内容',
  '分值',
  '完成情况',
  '自评得分',
  '自评扣分说明',
  '佐证材料',
  '考核得分',
  '考核扣分说明',
];

function build(catalog: Catalog, returned: ReadonlyMap<string, ReturnedSheet> = new Map()): ScoringWorkbookPlan[] {
  return scoringInputs(catalog, catalogIdentity(catalog), returned).map((input) =>
    buildScoringWorkbook(input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') }),
  );
}

/** A returned sheet for every other unit: 完成情况, self score one point below full (with a reason), evidence. */
function someReturned(catalog: Catalog): Map<string, ReturnedSheet> {
  return new Map(
    catalog.units
      .filter((_, i) => i % 2 === 0)
      .map((unit) => [
        unit.id,
        {
          file: `2019/returned/${unit.name}/x.xlsx`,
          submittedAt: '2019-12-20T08:00:00Z',
          rows: unit.items.map((item, i) => ({
            completion: `完成${i + 1}`,
            selfScore: Math.max(0, item.weight - 1),
            deductionReason: item.weight >= 1 ? '未全部完成' : '',
            evidence: `附件${i + 1}`,
          })),
        },
      ]),
  );
}

describe('the scoring workbooks of the 2019 document', () => {
  const catalog = catalog2019();
  const plans = build(catalog, someReturned(catalog));

  test('one per scorer: the owning departments, the ambiguous owner as written, then the 考核组', () => {
    expect(plans.map((p) => [p.metadata.scorerKind, p.metadata.scorerName])).toEqual([
      ['unit', '自然资源开发利用处'],
      ['text', '信息中心'],
      ['unit', '办公室'],
      ['team', '考核组'],
    ]);
    expect(scoringFileNames(plans)).toEqual(['自然资源开发利用处.xlsx', '信息中心.xlsx', '办公室.xlsx', '考核组.xlsx']);
    // 40 厅机关 and 厅直属 units own the five party items; the owners see each unit once.
    expect(plans.slice(0, 3).map((p) => p.input.units.length)).toEqual([40, 40, 40]);
    expect(plans.slice(0, 3).map((p) => p.input.units.reduce((n, u) => n + u.rows.length, 0))).toEqual([40, 40, 120]);
  });

  test('every (unit, item) pair is in exactly one workbook, as the records say', () => {
    const seen = new Map<string, string>();
    for (const plan of plans) {
      const record = readRecord(plan.metaSheet.rows);
      if (!record.ok) throw new Error(`record unreadable: ${record.field}`);
      for (const r of record.rows) {
        const key = `${r.unitId}#${r.itemIndex}`;
        expect(seen.get(key)).toBeUndefined();
        seen.set(key, plan.metadata.scorerName);
      }
    }
    const all = catalog.units.flatMap((u) => u.items.map((_, i) => `${u.id}#${i}`));
    expect(seen.size).toBe(all.length);
    expect([...seen.keys()].sort()).toEqual([...all].sort());
  });

  test('the 考核组 has a sheet per group, each unit in its group, owned items left out', () => {
    const team = plans[3]!;
    expect(team.sheets.map((s) => s.sheetName)).toEqual(['事业局', '市（州）局', '厅机关处室', '厅直属单位']);
    expect(team.sheets.map((s) => s.layout.units.length)).toEqual([4, 8, 24, 16]);
    const office = catalog.units.find((u) => u.name === '办公室')!;
    const rows = team.input.units.find((u) => u.unitId === office.id)!.rows;
    expect(rows.map((r) => r.item)).not.toContain('信息化建设');
    expect(rows).toHaveLength(office.items.length - 5);
    // 序号 as in the unit's own sheet.
    expect(rows.map((r) => r.seq)).toEqual(sheetSeqs(office).filter((_, i) => rows.some((r) => r.itemIndex === i)));
  });

  test('each sheet: title, info, status line, the header row exactly as the issue says', () => {
    for (const plan of plans) {
      for (const sheet of plan.sheets) {
        const at = (row: number, col: number) => sheet.cells.find((c) => c.row === row && c.col === col);
        expect(HEADER.map((_, i) => at(sheet.layout.headerRow, i + 1)?.value)).toEqual(HEADER);
        expect(at(1, 1)?.value).toBe(sheet.title);
        expect(sheet.title).toContain(plan.metadata.scorerName);
        const status = at(sheet.layout.statusRow, 1)!;
        expect(status.formula).toMatch(
          /^"已评 "&SUMPRODUCT\(ISNUMBER\(B5:B\d+\)\*ISNUMBER\(K5:K\d+\)\)&"\/"&\d+&" 项 · 问题 "&SUMPRODUCT\(/,
        );
        expect(status.locked).toBe(true);
      }
    }
  });

  test('everything up to 佐证材料 is locked; 考核得分 and 考核扣分说明 of item rows are open, with validation', () => {
    for (const plan of plans) {
      for (const sheet of plan.sheets) {
        const itemRows = new Set(sheet.layout.units.flatMap((u) => u.rows.map((r) => r.row)));
        const wrong = sheet.cells.filter(
          (cell) => cell.locked === (itemRows.has(cell.row) && (cell.col === 11 || cell.col === 12)),
        );
        expect(wrong.map((c) => c.address)).toEqual([]);
        for (const row of itemRows) {
          expect(sheet.cells.filter((c) => c.row === row && !c.locked).map((c) => c.col)).toEqual([11, 12]);
        }
        expect(sheet.validations).toEqual(
          sheet.layout.units.map((u) =>
            expect.objectContaining({
              range: `K${u.rows[0]!.row}:K${u.rows[u.rows.length - 1]!.row}`,
              kind: 'decimal',
              min: 0,
              maxFormula: `$F${u.rows[0]!.row}`,
              errorStyle: 'stop',
            }),
          ),
        );
        expect(sheet.protection.formatCells).toBe(false);
        expect(sheet.protection.insertRows).toBe(false);
        expect(sheet.protection.deleteRows).toBe(false);
      }
    }
  });

  test('subtotals per unit and the total are formulas', () => {
    const sheet = plans[3]!.sheets[2]!;
    const formula = (row: number, col: string) => sheet.cells.find((c) => c.address === `${col}${row}`)?.formula;
    for (const u of sheet.layout.units) {
      const first = u.rows[0]!.row;
      const last = u.rows[u.rows.length - 1]!.row;
      expect(u.subtotalRow).toBe(last + 1);
      for (const col of [L.weight, L.selfScore, L.assessedScore])
        expect(formula(u.subtotalRow, col)).toBe(`SUM(${col}${first}:${col}${last})`);
    }
    expect(formula(sheet.layout.totalRow, L.assessedScore)).toBe(
      sheet.layout.units.map((u) => `K${u.subtotalRow}`).join('+'),
    );
  });

  test('a unit that returned nothing: 完成情况 says 未提交 and the row can be scored; a returned one shows its sheet', () => {
    const office = plans[2]!;
    const [returned, missing] = [office.input.units[0]!, office.input.units[1]!];
    expect(returned.source?.file).toContain('/returned/');
    expect(missing.source).toBeNull();
    const sheet = office.sheets.find((s) => s.layout.units.some((u) => u.unitId === missing.unitId))!;
    const rowOf = (unitId: string) => sheet.layout.units.find((u) => u.unitId === unitId)!.rows[0]!.row;
    const cell = (row: number, col: number) => sheet.cells.find((c) => c.row === row && c.col === col)!;
    expect(cell(rowOf(missing.unitId), 7).value).toBe('未提交');
    expect(cell(rowOf(missing.unitId), 11).locked).toBe(false);
    const shown = sheet.layout.units.find((u) => u.unitId === returned.unitId);
    if (shown) {
      const row = shown.rows[0]!.row;
      const input = returned.rows[0]!;
      expect([cell(row, 7).value, cell(row, 8).value, cell(row, 9).value, cell(row, 10).value]).toEqual([
        input.completion,
        input.selfScore,
        input.selfReason,
        input.evidence,
      ]);
    }
  });

  test('the record: kind scoring, the fingerprint of the sheets, and the input read back whole', () => {
    for (const plan of plans) {
      expect(plan.metaSheet.rows[0]).toEqual(['format', 'target-sheets']);
      expect(plan.metaSheet.rows[1]).toEqual(['kind', 'scoring']);
      expect(plan.properties['TargetSheets.kind']).toBe('scoring');
      expect(plan.metadata.fingerprint).toBe(
        workbookFingerprint(
          {
            year: 2019,
            scorerKind: plan.metadata.scorerKind,
            scorerName: plan.metadata.scorerName,
            version: plan.metadata.version,
          },
          plan.sheets.map((s) => s.fingerprint),
        ),
      );
      const record = readRecord(plan.metaSheet.rows);
      if (!record.ok) throw new Error(record.field);
      expect(record.input).toEqual(plan.input);
      const again = buildScoringWorkbook(record.input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') });
      expect(again.metadata.fingerprint).toBe(plan.metadata.fingerprint);
    }
  });

  test('a changed 分值 or returned text changes the fingerprint; a score typed in does not', () => {
    const plan = plans[0]!;
    const input = structuredClone(plan.input);
    input.units[0]!.rows[0]!.weight += 1;
    const changed = buildScoringWorkbook(input, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') });
    expect(changed.metadata.fingerprint).not.toBe(plan.metadata.fingerprint);
    const text = structuredClone(plan.input);
    text.units[0]!.rows[0]!.completion += '。';
    expect(
      buildScoringWorkbook(text, { createdAt: CREATED_AT, texts: scoringTexts('zh-CN') }).metadata.fingerprint,
    ).not.toBe(plan.metadata.fingerprint);
  });
});

test('without owners every pair is the 考核组’s: one workbook', () => {
  const catalog = catalog2019();
  const none: Catalog = {
    ...catalog,
    units: catalog.units.map((u) => ({ ...u, items: u.items.map((i) => ({ ...i, owner: null })) })),
  };
  const plans = build(none);
  expect(plans.map((p) => p.metadata.scorerKind)).toEqual(['team']);
  expect(plans[0]!.input.units).toHaveLength(52);
  expect(plans[0]!.input.units.every((u) => u.source === null)).toBe(true);
});
