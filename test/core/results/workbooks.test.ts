// The empty register and survey the product hands out: what a writer gets, and that the readers read them back.
import type { SummaryCell } from '../../../src/core/collect/sheets';
import { parseRange, splitSheetAddress } from '../../../src/core/address';
import type { CellValue } from '../../../src/core/plan/model';
import { readRegister } from '../../../src/core/results/register';
import { readSurvey } from '../../../src/core/results/survey';
import {
  emptyRegister,
  emptySurvey,
  REGISTER_ROWS,
  type InputSheet,
  type InputWorkbookTexts,
} from '../../../src/core/results/workbooks';
import { createTranslator, type Lang } from '../../../src/i18n';
import { catalog2019 } from '../plan/catalog-2019';
import { sheetOf } from './helpers';

function texts(lang: Lang): InputWorkbookTexts {
  const t = createTranslator(lang);
  const words = t('results:workbooks', { returnObjects: true }) as unknown as Omit<InputWorkbookTexts, 'groups'>;
  return { ...words, groups: t('glossary:groups', { returnObjects: true }) as unknown as InputWorkbookTexts['groups'] };
}

const units = catalog2019().units.map(({ id, name, group }) => ({ id, name, group }));

/** The values a writer puts in the cells (what a reader of the written file would get). */
function valuesOf(sheet: InputSheet): CellValue[][] {
  const value = (c: SummaryCell): CellValue =>
    c.kind === 'text' || c.kind === 'number' ? c.value : c.kind === 'formula' ? c.result : null;
  return sheet.rows.map((row) => row.map(value));
}

const inRange = (range: string, row: number, col: number): boolean => {
  const r = parseRange(range);
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
};

describe('the empty register', () => {
  const book = emptyRegister(2019, units, texts('zh-CN'));
  const [register, list] = book.sheets as [InputSheet, InputSheet];

  test('first sheet: the title, the header row, no entries; the units listed on the second sheet', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(['加减分台账', '单位名单']);
    expect(valuesOf(register)).toEqual([['2019年度加减分台账'], ['单位', '类型', '分值', '事由', '文号', '日期']]);
    expect(valuesOf(list)).toEqual([['单位', '分组'], ...units.map((u) => [u.name, expect.any(String)])]);
    expect(list.rows).toHaveLength(53);
  });

  test('drop-downs of the catalog’s units and of the three types, and 分值 a number ≥ 0, over every entry row', () => {
    const last = 2 + REGISTER_ROWS;
    expect(register.validations.map(({ error: _e, ...v }) => v)).toEqual([
      { range: `A3:A${last}`, kind: 'list-range', source: "'单位名单'!$A$2:$A$53" },
      { range: `B3:B${last}`, kind: 'list', values: ['加分', '扣分', '一票否决'] },
      { range: `C3:C${last}`, kind: 'decimal-min', min: 0 },
    ]);
    for (const v of register.validations) expect(v.error).not.toBe('');
    // The list source covers exactly the unit names of the second sheet.
    const { sheet, range } = splitSheetAddress((register.validations[0] as { source: string }).source);
    expect(sheet).toBe(list.name);
    const source = parseRange(range);
    const names = list.rows.slice(source.top - 1, source.bottom).map((r) => (r[0] as { value: string }).value);
    expect(names).toEqual(units.map((u) => u.name));
  });

  test('the header is protected, the entry rows are not; the units list is locked', () => {
    expect(register.protection.unlocked).toEqual([`A3:F${2 + REGISTER_ROWS}`]);
    for (let col = 1; col <= 6; col++) {
      expect(inRange(register.protection.unlocked[0]!, 2, col)).toBe(false);
      expect(inRange(register.protection.unlocked[0]!, 3, col)).toBe(true);
    }
    expect(register.protection.options).toMatchObject({ insertRows: true, deleteRows: true, formatCells: false });
    expect(list.protection.unlocked).toEqual([]);
  });

  test('the reader finds its header and reads it as empty; filled in, its rows are entries', () => {
    const rows = valuesOf(register);
    expect(readRegister(sheetOf(rows), units)).toEqual({ entries: [], issues: [] });
    rows.push([units[0]!.name, '加分', 2, '表彰', '', null]);
    expect(readRegister(sheetOf(rows), units).entries).toMatchObject([{ row: 3, unitId: units[0]!.id, points: 2 }]);
  });

  test('in English, the words staff read change; the header and the types, which the reader needs, do not', () => {
    const en = emptyRegister(2019, units, texts('en'));
    expect(en.sheets.map((s) => s.name)).toEqual(['Register', 'Units']);
    expect(valuesOf(en.sheets[0]!)[1]).toEqual(['单位', '类型', '分值', '事由', '文号', '日期']);
    expect(en.sheets[0]!.validations[0]).toMatchObject({ source: "'Units'!$A$2:$A$53" });
  });
});

describe('the empty survey', () => {
  const book = emptySurvey(2019, units, texts('zh-CN'));
  const [survey] = book.sheets as [InputSheet];

  test('one sheet: the title, the header and every catalog unit, in catalog order, with blank counts', () => {
    const rows = valuesOf(survey);
    expect(rows.slice(0, 2)).toEqual([['2019年度民主测评票数统计'], ['单位', '优秀', '良好', '一般', '差']]);
    expect(rows.slice(2)).toEqual(units.map((u) => [u.name, null, null, null, null]));
  });

  test('only the counts are unlocked, and must be whole numbers ≥ 0', () => {
    expect(survey.protection.unlocked).toEqual(['B3:E54']);
    expect(survey.validations.map(({ error: _e, ...v }) => v)).toEqual([
      { range: 'B3:E54', kind: 'whole-min', min: 0 },
    ]);
  });

  test('read back empty it surveys nobody; with counts typed in, those units have votes', () => {
    const rows = valuesOf(survey);
    expect(readSurvey(sheetOf(rows), units)).toEqual({ rows: [], issues: [] });
    rows[2] = [units[0]!.name, 40, 8, 2, 0];
    expect(readSurvey(sheetOf(rows), units).rows).toEqual([
      { row: 3, unitId: units[0]!.id, votes: { excellent: 40, good: 8, fair: 2, poor: 0 } },
    ]);
  });
});
