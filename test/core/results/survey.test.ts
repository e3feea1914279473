// The survey (民主测评): its score, and its sheet read with every bad row reported by cell and left out.
import type { CellValue } from '../../../src/core/plan/model';
import { readSurvey, surveyScore } from '../../../src/core/results/survey';
import { sheetOf, unit } from './helpers';

const UNITS = [
  unit('a', '甲局', 'bureau'),
  unit('b', '乙局', 'bureau'),
  unit('c', '丙处', 'department'),
  unit('d', '丁处', 'department'),
  unit('e', '丁处', 'institution'), // a name two catalog units share
];
const HEADER: CellValue[] = ['单位', '优秀', '良好', '一般', '差'];
const v = (excellent: number, good: number, fair: number, poor: number) => ({ excellent, good, fair, poor });

describe('the survey score', () => {
  test.each([
    [v(10, 0, 0, 0), 100],
    [v(0, 0, 0, 10), 40],
    [v(6, 3, 1, 0), 90], // (600 + 240 + 60) / 10
    [v(0, 2, 1, 0), 73.33], // 220 / 3 = 73.333…
    [v(1, 1, 0, 0), 90],
    [v(31, 0, 0, 1), 98.13], // 3140 / 32 = 98.125: half away from zero
    [v(2, 0, 1, 0), 86.67], // 260 / 3 = 86.666…
    [v(0, 0, 0, 0), null], // no votes, no score
  ])('%o → %p', (votes, score) => {
    expect(surveyScore(votes)).toBe(score);
  });
});

describe('the survey sheet', () => {
  test('rows with counts are read; a blank count is 0; a listed unit without counts is not surveyed', () => {
    const read = readSurvey(
      sheetOf([
        ['2019年度民主测评票数统计'],
        HEADER,
        ['甲局', 30, 5, 1, 0],
        ['乙局'], // listed, not surveyed
        [' 丙处 ', 12, null, 3],
      ]),
      UNITS,
    );
    expect(read).toEqual({
      issues: [],
      rows: [
        { row: 3, unitId: 'a', votes: v(30, 5, 1, 0) },
        { row: 5, unitId: 'c', votes: v(12, 0, 3, 0) },
      ],
    });
  });

  test('every bad row is reported with its cell and left out', () => {
    const rows: CellValue[][] = [
      HEADER,
      ['甲局', 10, 2, 0, 0], // 2: repeated below
      ['乙局', -1, 2, 0, 0], // 3: negative
      ['丙处', 10.5, 2, 0, 0], // 4: not whole
      ['不存在的局', 1, 1, 1, 1], // 5: unknown unit
      ['乙局', '十', 2, '3', 0], // 6: text, and a number stored as text; 乙局 is also on row 3
      [null, 5, 5, 0, 0], // 7: votes without a unit
      ['丁处', 1, 0, 0, 0], // 8: two catalog units of that name
      ['甲局', 9, 3, 0, 0], // 9: 甲局 again
      ['丙处', 0, 0, 0, 0], // 10: no votes at all (丙处's row 4 was refused too: a repeat)
    ];
    const read = readSurvey(sheetOf(rows), UNITS);
    expect(read.rows).toEqual([]);
    expect(read.issues.map((i) => [i.cell, i.code, i.params])).toEqual([
      ['A2', 'survey-unit-repeated', { unit: '甲局', cells: 'A2, A9' }],
      ['A3', 'survey-unit-repeated', { unit: '乙局', cells: 'A3, A6' }],
      ['B3', 'survey-votes-negative', { column: '优秀', value: -1 }],
      ['A4', 'survey-unit-repeated', { unit: '丙处', cells: 'A4, A10' }],
      ['B4', 'survey-votes-not-whole', { column: '优秀', value: 10.5 }],
      ['A5', 'survey-unit-unknown', { unit: '不存在的局' }],
      ['A6', 'survey-unit-repeated', { unit: '乙局', cells: 'A3, A6' }],
      ['B6', 'survey-votes-not-a-number', { column: '优秀', read: '十' }],
      ['D6', 'survey-votes-numeric-text', { column: '一般', read: '3' }],
      ['A7', 'survey-unit-missing', {}],
      ['A8', 'survey-unit-ambiguous', { unit: '丁处' }],
      ['A9', 'survey-unit-repeated', { unit: '甲局', cells: 'A2, A9' }],
      ['A10', 'survey-unit-repeated', { unit: '丙处', cells: 'A4, A10' }],
      ['A10', 'survey-no-votes', { unit: '丙处' }],
    ]);
  });

  test('a sheet without the header row is refused as a whole, naming the headers', () => {
    expect(readSurvey(sheetOf([['单位', '优秀', '良好', '合格', '差']]), UNITS).issues).toEqual([
      { code: 'survey-header-missing', field: null, cell: null, params: { headers: '单位 | 优秀 | 良好 | 一般 | 差' } },
    ]);
  });
});
