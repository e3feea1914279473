import { summaryToSheets, SUMMARY_FIRST_ROW, type SummaryCell } from '../../../src/core/collect/sheets';
import { buildSummary } from '../../../src/core/collect/summary';
import { summaryTextsFor } from '../../../src/app/collect/texts';
import { catalog, valid } from './fixture';

const summary = buildSummary(catalog, [
  valid(catalog.units[0]!, 90, '+a.xlsx', '=1+1'),
  valid(catalog.units[1]!, 90, '@b.xlsx'),
  valid(catalog.units[2]!, 80, 'c.xlsx'),
]);
const book = summaryToSheets(summary, summaryTextsFor('zh-CN'));
const main = book.sheets[0]!;
const at = (row: number, col: string): SummaryCell | undefined => main.rows[row - 1]?.[col.charCodeAt(0) - 65];

describe('the summary as sheets', () => {
  test('each table has its filter from its header row to its last row over all its columns, none when it is empty', () => {
    const lastUnitRow = SUMMARY_FIRST_ROW + summary.units.length - 1;
    expect(main.filter).toBe(`A2:P${lastUnitRow}`);
    expect(book.sheets.map((s) => s.filter)).toEqual(
      book.sheets.map((s) => {
        const bodyRows = s === main ? summary.units.length : s.rows.length - 1;
        return bodyRows > 0
          ? `A${s === main ? 2 : 1}:${String.fromCharCode(64 + s.columns.length)}${s === main ? lastUnitRow : s.rows.length}`
          : null;
      }),
    );
    const nothing = summaryToSheets(buildSummary(catalog, []), summaryTextsFor('zh-CN'));
    expect(nothing.sheets.find((s) => s.name === '问题')!.filter).toBeNull();
    expect(nothing.sheets.find((s) => s.name === '未提交')!.filter).toBe(`A1:C${catalog.units.length + 1}`);
  });

  test('six sheets in a fixed order, with Chinese names', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(['汇总', '未提交', '问题', '指标统计', '文件清单', '扣分说明']);
    expect(summaryToSheets(summary, summaryTextsFor('en')).sheets[0]!.name).toBe('Summary');
  });

  test('one row per unit in catalog order, with rank formulas on its own row whose cached results are the core ranks', () => {
    summary.units.forEach((u, i) => {
      const r = SUMMARY_FIRST_ROW + i;
      expect(at(r, 'B')).toEqual({ kind: 'text', value: u.name, style: 'text' });
      const inGroup = at(r, 'L');
      const overall = at(r, 'M');
      expect(inGroup).toMatchObject({ kind: 'formula', result: u.rankInGroup ?? '' });
      expect(overall).toMatchObject({ kind: 'formula', result: u.rankOverall ?? '' });
      expect(inGroup!.kind === 'formula' && inGroup!.formula).toBe(
        `IF(K${r}="","",COUNTIFS($C$3:$C$6,C${r},$K$3:$K$6,">"&K${r})+1)`,
      );
    });
    expect(summary.units.map((u) => [u.rankInGroup, u.rankOverall])).toEqual([
      [1, 1],
      [1, 1],
      [1, 3],
      [null, null],
    ]);
  });

  test('group-average formulas refer to the row they are on, and the chart plots those rows', () => {
    const groupRows = main.rows
      .map((row, i) => ({ row, r: i + 1 }))
      .filter(({ row }) => row[1]?.kind === 'formula' && row[1].formula.startsWith('COUNTIF('));
    expect(groupRows.map(({ row }) => (row[0] as { value: string }).value)).toEqual([
      '事业局',
      '市（州）局',
      '厅机关处室',
    ]);
    for (const { row, r } of groupRows) {
      for (const cell of row.slice(1)) expect(cell.kind === 'formula' && cell.formula).toContain(`$A${r}`);
    }
    const first = groupRows[0]!.r;
    const last = groupRows[groupRows.length - 1]!.r;
    expect(book.chart).toMatchObject({
      sheet: '汇总',
      categories: `A${first}:A${last}`,
      series: [{ values: `F${first}:F${last}` }, { values: `G${first}:G${last}` }],
    });
    expect(groupRows[0]!.row[7]).toMatchObject({ kind: 'formula', result: 90 });
  });

  test("every text from a unit's file is a text cell, never a formula", () => {
    const cells = book.sheets.flatMap((s) => s.rows.flat());
    for (const planted of ['=HYPERLINK("x")', '+a.xlsx', '@b.xlsx', '=1+1']) {
      const found = cells.filter(
        (c) => (c.kind === 'text' && c.value === planted) || (c.kind === 'formula' && c.formula.includes(planted)),
      );
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((c) => c.kind === 'text')).toBe(true);
    }
  });
});
