// The register (加减分台账) read from a sheet's cells: entries, and every bad row reported by cell and left out.
import fc from 'fast-check';
import type { CellValue } from '../../../src/core/plan/model';
import { readRegister, serialDate } from '../../../src/core/results/register';
import { sheetOf, unit } from './helpers';

const UNITS = [
  unit('bureau-01', '青海省自然资源厅信息中心', 'bureau'),
  unit('city-01', '西宁市自然资源和规划局', 'city'),
  unit('department-01', '办公室', 'department'),
  unit('department-02', '办公室', 'department'), // two catalog units of one name
  unit('department-03', '法规处', 'department'),
];
const HEADER: CellValue[] = ['单位', '类型', '分值', '事由', '文号', '日期'];

const codesByCell = (rows: CellValue[][]) =>
  readRegister(sheetOf(rows), UNITS).issues.map((i) => [i.cell, i.code, i.params]);

describe('the register', () => {
  test('good rows become entries: the unit matched by its trimmed name, 日期 from a date cell or as written', () => {
    const read = readRegister(
      sheetOf([
        ['2019年度加减分台账'],
        HEADER,
        [' 西宁市自然资源和规划局 ', '加分', 2.5, '获国家级表彰', '青自然资〔2019〕12号', 43600],
        ['法规处', '扣分', 1, '信息报送迟报', null, '2019年5月'],
        [],
        ['法规处', '一票否决', null, '发生重大安全责任事故', '', null],
      ]),
      UNITS,
    );
    expect(read.issues).toEqual([]);
    expect(read.entries).toEqual([
      {
        row: 3,
        unitId: 'city-01',
        kind: 'bonus',
        points: 2.5,
        reason: '获国家级表彰',
        document: '青自然资〔2019〕12号',
        date: '2019-05-15',
      },
      {
        row: 4,
        unitId: 'department-03',
        kind: 'deduction',
        points: 1,
        reason: '信息报送迟报',
        document: '',
        date: '2019年5月',
      },
      {
        row: 6,
        unitId: 'department-03',
        kind: 'veto',
        points: null,
        reason: '发生重大安全责任事故',
        document: '',
        date: '',
      },
    ]);
  });

  test('columns are found by their header, in any order; 文号 and 日期 may be absent', () => {
    const read = readRegister(
      sheetOf([
        ['备注', '分值', '单位', '事由', '类型'],
        ['x', 3, '法规处', '表彰', '加分'],
      ]),
      UNITS,
    );
    expect(read).toEqual({
      issues: [],
      entries: [{ row: 2, unitId: 'department-03', kind: 'bonus', points: 3, reason: '表彰', document: '', date: '' }],
    });
  });

  test('every bad row is reported with its cell and left out, never guessed', () => {
    const rows: CellValue[][] = [
      HEADER,
      ['西宁市国土局', '加分', 1, '表彰'], // 2: unknown unit
      ['办公室', '加分', 1, '表彰'], // 3: two catalog units of that name
      ['法规处', '奖励', 1, '表彰'], // 4: unknown type
      ['法规处', '加分', '三分', '表彰'], // 5: text in 分值
      ['法规处', '加分', '3', '表彰'], // 6: a number stored as text
      ['法规处', '扣分', -2, '迟报'], // 7: negative
      ['法规处', '扣分', 0.125, '迟报'], // 8: three decimals
      ['法规处', '加分', null, '表彰'], // 9: 加分 without 分值
      ['法规处', '一票否决', 0, '事故'], // 10: 分值 given for a veto
      ['法规处', '扣分', 1, ' '], // 11: no reason
      [null, '扣分', 1, '迟报'], // 12: no unit
      ['法规处', null, 1, '迟报'], // 13: no type
      ['法规处', '扣分', 1, '迟报', null, true], // 14: a date that is no date
      ['法规处', '扣分', '８', null], // 15: full-width digit and no reason: both said
      [null, null, null, null, '青自然资〔2019〕3号'], // 16: a document number alone: no unit, no type, no reason
    ];
    const read = readRegister(sheetOf(rows), UNITS);
    expect(read.entries).toEqual([]);
    expect(codesByCell(rows)).toEqual([
      ['A2', 'register-unit-unknown', { unit: '西宁市国土局' }],
      ['A3', 'register-unit-ambiguous', { unit: '办公室' }],
      ['B4', 'register-type-unknown', { read: '奖励' }],
      ['C5', 'register-points-not-a-number', { read: '三分' }],
      ['C6', 'register-points-numeric-text', { read: '3' }],
      ['C7', 'register-points-negative', { value: -2 }],
      ['C8', 'register-points-too-many-decimals', { value: 0.125 }],
      ['C9', 'register-points-missing', {}],
      ['C10', 'register-points-for-veto', { read: '0' }],
      ['D11', 'register-reason-missing', {}],
      ['A12', 'register-unit-missing', {}],
      ['B13', 'register-type-missing', {}],
      ['F14', 'register-date-invalid', { read: 'true' }],
      ['C15', 'register-points-not-a-number', { read: '８' }],
      ['D15', 'register-reason-missing', {}],
      ['A16', 'register-unit-missing', {}],
      ['B16', 'register-type-missing', {}],
      ['D16', 'register-reason-missing', {}],
    ]);
  });

  test('good rows around bad ones are kept', () => {
    const read = readRegister(
      sheetOf([HEADER, ['法规处', '加分', 1, '表彰'], ['法规处', '加分', 'x', '表彰'], ['法规处', '扣分', 2, '迟报']]),
      UNITS,
    );
    expect(read.entries.map((e) => [e.row, e.kind, e.points])).toEqual([
      [2, 'bonus', 1],
      [4, 'deduction', 2],
    ]);
    expect(read.issues.map((i) => i.cell)).toEqual(['C3']);
  });

  test('a sheet without the header row is refused as a whole, naming the headers', () => {
    const read = readRegister(
      sheetOf([
        ['单位', '类型', '分数', '原因'],
        ['法规处', '加分', 1, '表彰'],
      ]),
      UNITS,
    );
    expect(read).toEqual({
      entries: [],
      issues: [
        {
          code: 'register-header-missing',
          field: null,
          cell: null,
          params: { headers: '单位 | 类型 | 分值 | 事由 | 文号 | 日期' },
        },
      ],
    });
  });

  test("Excel's serial dates, the 1900 system", () => {
    expect([serialDate(1), serialDate(59), serialDate(61), serialDate(43831), serialDate(43831.75)]).toEqual([
      '1900-01-01',
      '1900-02-28',
      '1900-03-01',
      '2020-01-01',
      '2020-01-01',
    ]);
    expect([serialDate(0), serialDate(-3), serialDate(3e6)]).toEqual([null, null, null]);
  });

  test('any grid: every row below the header that holds something is an entry or has an issue on its row', () => {
    const cell = fc.oneof(
      fc.constant(null),
      fc.constantFrom('法规处', '办公室', '无名单位', '加分', '扣分', '一票否决', '', ' ', '3', '表彰'),
      fc.double({ noNaN: false }),
      fc.integer({ min: -5, max: 50000 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }), (body) => {
        const rows = [HEADER, ...body];
        const read = readRegister(sheetOf(rows), UNITS);
        const sheet = sheetOf(rows);
        const filled = new Set(
          sheet.cells.filter((c) => c.row > 1 && c.col <= 6 && String(c.value).trim() !== '').map((c) => c.row),
        );
        const entryRows = new Set(read.entries.map((e) => e.row));
        const issueRows = new Set(read.issues.map((i) => Number(/\d+$/.exec(i.cell!)![0])));
        for (const r of filled) expect(entryRows.has(r) !== issueRows.has(r)).toBe(true);
        for (const r of [...entryRows, ...issueRows]) expect(filled.has(r)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
