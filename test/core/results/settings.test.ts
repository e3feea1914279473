// The year's rules: the settings file and the 考核设置 sheet, their defaults, and every refusal naming its field
// (the file) or its cell (the sheet).
import fc from 'fast-check';
import type { CellValue } from '../../../src/core/plan/model';
import type { ResultIssue } from '../../../src/core/results/model';
import { DEFAULT_SETTINGS } from '../../../src/core/results/settings';
import { parseSettings, parseSettingsJson, settingsToJson } from '../../../src/core/results/settings-schema';
import { settingsFromSheet, settingsToRows } from '../../../src/core/results/settings-sheet';
import { settingsArb } from './arbitraries';
import { ISSUE_SETTINGS, sheetOf } from './helpers';

const refusals = (r: ReturnType<typeof parseSettings>): Pick<ResultIssue, 'code' | 'field' | 'cell'>[] =>
  r.ok ? [] : r.issues.map(({ code, field, cell }) => ({ code, field, cell }));

const ISSUE_JSON = `{"weights": {"self": 20, "assessed": 80, "survey": 0},
 "grades": [{"name": "优秀", "min": 95}, {"name": "良好", "min": 90}, {"name": "合格", "min": 80}, {"name": "不合格", "min": 0}],
 "quota": {"grade": "优秀", "share": 0.3},
 "bonusCap": 5}`;

describe('the settings file', () => {
  test("the issue's example is read as written", () => {
    expect(parseSettingsJson(ISSUE_JSON)).toEqual({ ok: true, settings: ISSUE_SETTINGS });
  });

  test('an empty object is the default: no weighting (assessed, else self), no grades, no quota, no cap', () => {
    expect(parseSettingsJson('{}')).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS).toEqual({ weights: null, grades: [], quota: null, bonusCap: null });
  });

  test('a weight left out counts 0; a byte-order mark is ignored', () => {
    expect(parseSettingsJson('\uFEFF{"weights": {"self": 20, "assessed": 80}}')).toEqual({
      ok: true,
      settings: { ...DEFAULT_SETTINGS, weights: { self: 20, assessed: 80, survey: 0 } },
    });
  });

  const broken: [string, unknown, Pick<ResultIssue, 'code' | 'field'>[]][] = [
    [
      'weights that do not add up to 100',
      { weights: { self: 20, assessed: 70, survey: 0 } },
      [{ code: 'settings-weights-sum', field: 'weights' }],
    ],
    [
      'a negative weight',
      { weights: { self: -20, assessed: 120, survey: 0 } },
      [{ code: 'settings-number-negative', field: 'weights.self' }],
    ],
    [
      'a weight with three decimals',
      { weights: { self: 20.005, assessed: 79.995, survey: 0 } },
      [
        { code: 'settings-too-many-decimals', field: 'weights.self' },
        { code: 'settings-too-many-decimals', field: 'weights.assessed' },
      ],
    ],
    [
      'a weight given as text',
      { weights: { self: '20', assessed: 80 } },
      [{ code: 'settings-field-not-a-number', field: 'weights.self' }],
    ],
    [
      'bands out of order',
      {
        grades: [
          { name: '优秀', min: 90 },
          { name: '良好', min: 95 },
          { name: '不合格', min: 0 },
        ],
      },
      [{ code: 'settings-grades-order', field: 'grades[1].min' }],
    ],
    [
      'two bands with the same min',
      {
        grades: [
          { name: '优秀', min: 90 },
          { name: '良好', min: 90 },
          { name: '不合格', min: 0 },
        ],
      },
      [{ code: 'settings-grades-order', field: 'grades[1].min' }],
    ],
    [
      'a band name used twice',
      {
        grades: [
          { name: '优秀', min: 95 },
          { name: '优秀 ', min: 90 },
          { name: '不合格', min: 0 },
        ],
      },
      [{ code: 'settings-grade-duplicate', field: 'grades[1].name' }],
    ],
    [
      'a band without a name',
      {
        grades: [
          { name: ' ', min: 95 },
          { name: '不合格', min: 0 },
        ],
      },
      [{ code: 'settings-grade-name-empty', field: 'grades[0].name' }],
    ],
    [
      "the last band's min not 0",
      {
        grades: [
          { name: '优秀', min: 95 },
          { name: '合格', min: 60 },
        ],
      },
      [{ code: 'settings-grade-last-min', field: 'grades[1].min' }],
    ],
    [
      'a band without a min',
      { grades: [{ name: '优秀' }, { name: '合格', min: 0 }] },
      [{ code: 'settings-field-required', field: 'grades[0].min' }],
    ],
    [
      'a share above 1',
      { grades: ISSUE_SETTINGS.grades, quota: { grade: '优秀', share: 30 } },
      [{ code: 'settings-quota-share-range', field: 'quota.share' }],
    ],
    [
      'a share below 0',
      { grades: ISSUE_SETTINGS.grades, quota: { grade: '优秀', share: -0.1 } },
      [{ code: 'settings-quota-share-range', field: 'quota.share' }],
    ],
    [
      'a share finer than a hundredth of a percent',
      { grades: ISSUE_SETTINGS.grades, quota: { grade: '优秀', share: 0.33333 } },
      [{ code: 'settings-too-many-decimals', field: 'quota.share' }],
    ],
    [
      'a quota grade not among the bands',
      { grades: ISSUE_SETTINGS.grades, quota: { grade: '特优', share: 0.3 } },
      [{ code: 'settings-quota-grade-unknown', field: 'quota.grade' }],
    ],
    [
      'a quota without bands',
      { quota: { grade: '优秀', share: 0.3 } },
      [{ code: 'settings-quota-grade-unknown', field: 'quota.grade' }],
    ],
    [
      'a quota on the lowest band',
      { grades: ISSUE_SETTINGS.grades, quota: { grade: '不合格', share: 0.3 } },
      [{ code: 'settings-quota-grade-lowest', field: 'quota.grade' }],
    ],
    ['a negative bonus cap', { bonusCap: -1 }, [{ code: 'settings-number-negative', field: 'bonusCap' }]],
    ['a misspelt key', { bonuscap: 5 }, [{ code: 'settings-field-unknown', field: 'bonuscap' }]],
    [
      'grades that are not a list',
      { grades: { name: '优秀', min: 95 } },
      [{ code: 'settings-field-not-a-list', field: 'grades' }],
    ],
    ['a file that is a list', [1, 2], [{ code: 'settings-not-an-object', field: null }]],
  ];

  test.each(broken)('refused, naming the field: %s', (_what, input, expected) => {
    expect(refusals(parseSettings(input))).toEqual(expected.map((e) => ({ ...e, cell: null })));
  });

  test('every broken rule of one file is named at once', () => {
    const r = parseSettings({
      weights: { self: 20, assessed: 70, survey: 0 },
      grades: [
        { name: '优秀', min: 90 },
        { name: '良好', min: 95 },
        { name: '合格', min: 10 },
      ],
      quota: { grade: '优秀', share: 1.5 },
      bonusCap: -5,
    });
    expect(refusals(r).map((i) => i.field)).toEqual([
      'weights',
      'grades[1].min',
      'grades[2].min',
      'quota.share',
      'bonusCap',
    ]);
  });

  test('text that is not JSON is refused', () => {
    expect(refusals(parseSettingsJson('{"weights": {"self": 20,}}'))).toEqual([
      { code: 'settings-not-json', field: null, cell: null },
    ]);
  });

  test('any sound settings written as a file read back the same', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        expect(parseSettingsJson(settingsToJson(s))).toEqual({ ok: true, settings: s });
      }),
    );
  });
});

describe('the 考核设置 sheet', () => {
  test('the rows of the issue example', () => {
    expect(settingsToRows(ISSUE_SETTINGS)).toEqual([
      ['设置项', '值', '最低分'],
      ['自评权重', 20],
      ['考核权重', 80],
      ['测评权重', 0],
      ['等次', '优秀', 95],
      ['等次', '良好', 90],
      ['等次', '合格', 80],
      ['等次', '不合格', 0],
      ['限额等次', '优秀'],
      ['限额比例', 0.3],
      ['加分上限', 5],
    ]);
  });

  test('any sound settings written as rows read back the same (the master workbook round trip)', () => {
    fc.assert(
      fc.property(settingsArb, (s) => {
        expect(settingsFromSheet(sheetOf(settingsToRows(s)))).toEqual({ ok: true, settings: s });
      }),
    );
  });

  test('the default settings are rows with blank values, which read back as the default', () => {
    const rows = settingsToRows(DEFAULT_SETTINGS);
    expect(rows.slice(1).every((r) => r.slice(1).every((v) => v === null))).toBe(true);
    expect(settingsFromSheet(sheetOf(rows))).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  test('the table is found under a title and in other columns; a blank weight counts 0 once one is given', () => {
    const rows: CellValue[][] = [
      ['2020年度考核设置'],
      [],
      [null, '设置项', '值', '最低分', '说明'],
      [null, '考核权重', 100, null, '只看考核得分'],
      [null, '等次', '达标', 60],
      [null, '等次', '未达标', 0],
    ];
    expect(settingsFromSheet(sheetOf(rows))).toEqual({
      ok: true,
      settings: {
        weights: { self: 0, assessed: 100, survey: 0 },
        grades: [
          { name: '达标', min: 60 },
          { name: '未达标', min: 0 },
        ],
        quota: null,
        bonusCap: null,
      },
    });
  });

  const issueRows = (): CellValue[][] => settingsToRows(ISSUE_SETTINGS).map((r) => [...r]);
  const sheetRefusals = (rows: CellValue[][]) => refusals(settingsFromSheet(sheetOf(rows)));

  test.each<[string, (rows: CellValue[][]) => void, Pick<ResultIssue, 'code' | 'field' | 'cell'>[]]>([
    [
      'weights that do not add up to 100',
      (r) => (r[2]![1] = 70),
      [{ code: 'settings-weights-sum', field: 'weights', cell: 'B2' }],
    ],
    [
      'bands out of order',
      (r) => (r[5]![2] = 96),
      [{ code: 'settings-grades-order', field: 'grades[1].min', cell: 'C6' }],
    ],
    [
      "the last band's min not 0",
      (r) => (r[7]![2] = 10),
      [{ code: 'settings-grade-last-min', field: 'grades[3].min', cell: 'C8' }],
    ],
    [
      'a share outside 0–1',
      (r) => (r[9]![1] = 30),
      [{ code: 'settings-quota-share-range', field: 'quota.share', cell: 'B10' }],
    ],
    [
      'a quota grade not among the bands',
      (r) => (r[8]![1] = '特优'),
      [{ code: 'settings-quota-grade-unknown', field: 'quota.grade', cell: 'B9' }],
    ],
    [
      'a negative bonus cap',
      (r) => (r[10]![1] = -5),
      [{ code: 'settings-number-negative', field: 'bonusCap', cell: 'B11' }],
    ],
    [
      'a weight typed as text',
      (r) => (r[1]![1] = '20分'),
      [{ code: 'settings-sheet-not-a-number', field: 'weights.self', cell: 'B2' }],
    ],
    [
      'a weight stored as text',
      (r) => (r[1]![1] = '20'),
      [{ code: 'settings-sheet-not-a-number', field: 'weights.self', cell: 'B2' }],
    ],
    [
      'a band without its min',
      (r) => (r[4]![2] = null),
      [{ code: 'settings-sheet-value-missing', field: 'grades[0].min', cell: 'C5' }],
    ],
    [
      'a share without its grade',
      (r) => (r[8]![1] = null),
      [{ code: 'settings-sheet-value-missing', field: 'quota.grade', cell: 'B9' }],
    ],
    [
      'an unknown key',
      (r) => r.push(['优秀比例', 0.3]),
      [{ code: 'settings-sheet-key-unknown', field: null, cell: 'A12' }],
    ],
    [
      'a key given twice',
      (r) => r.push(['加分上限', 3]),
      [{ code: 'settings-sheet-key-repeated', field: null, cell: 'A12' }],
    ],
    ['no header', (r) => (r[0] = ['项目', '值']), [{ code: 'settings-sheet-header-missing', field: null, cell: null }]],
  ])('refused, naming the cell: %s', (_what, edit, expected) => {
    const rows = issueRows();
    edit(rows);
    expect(sheetRefusals(rows)).toEqual(expected);
  });
});
