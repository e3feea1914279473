// The words of the results namespace: a message for every refusal in both languages, and every placeholder filled
// by the params the core gives.
import type { CellValue } from '../../../src/core/plan/model';
import { computeResults } from '../../../src/core/results/compute';
import { RESULT_ISSUE_CODES, type ResultIssue } from '../../../src/core/results/model';
import { readRegister } from '../../../src/core/results/register';
import { parseSettings, parseSettingsJson } from '../../../src/core/results/settings-schema';
import { settingsFromSheet, settingsToRows } from '../../../src/core/results/settings-sheet';
import { readSurvey } from '../../../src/core/results/survey';
import { createTranslator } from '../../../src/i18n';
import en from '../../../src/i18n/locales/en/results.json';
import zh from '../../../src/i18n/locales/zh-CN/results.json';
import { ISSUE_SETTINGS, sheetOf, unit } from './helpers';

const units = [unit('a', '法规处', 'department'), unit('b', '丙处', 'department'), unit('c', '丙处', 'city')];

/** One issue of (nearly) every code, as the core makes them. */
function issuesMadeByTheCore(): ResultIssue[] {
  const refused = (r: { ok: boolean; issues?: ResultIssue[] }) => (r.ok ? [] : r.issues!);
  const rows = (edit: (r: CellValue[][]) => void) => {
    const r = settingsToRows(ISSUE_SETTINGS).map((x) => [...x]);
    edit(r);
    return sheetOf(r);
  };
  return [
    ...refused(parseSettingsJson('{')),
    ...refused(parseSettings('x')),
    ...refused(
      parseSettings({
        weights: { self: 'x', assessed: -1, survey: 0.001 },
        grades: [{ name: '' }, { name: 1, min: 2 }, { name: 'A', min: 3 }, { name: 'A', min: 2 }],
        quota: { grade: [], share: true },
        bonusCap: {},
        extra: 1,
      }),
    ),
    ...refused(parseSettings({ weights: { self: 1, assessed: 1, survey: 1 }, grades: { x: 1 } })),
    ...refused(parseSettings({ weights: [] })),
    ...refused(parseSettings({ weights: { self: 10, assessed: 10 } })),
    ...refused(
      parseSettings({
        weights: { self: -1, assessed: 100.001, survey: 1 },
        grades: [
          { name: ' ', min: 5 },
          { name: 'A', min: 4 },
          { name: 'A', min: 0 },
        ],
        bonusCap: -1,
      }),
    ),
    ...refused(
      parseSettings({
        grades: [
          { name: 'A', min: 5 },
          { name: 'B', min: 6 },
          { name: 'C', min: 1 },
        ],
        quota: { grade: 'C', share: 2 },
      }),
    ),
    ...refused(parseSettings({ grades: [{ name: 'A', min: 0 }], quota: { grade: 'Z', share: 0.5 } })),
    ...refused(settingsFromSheet(sheetOf([['x']]))),
    ...refused(settingsFromSheet(rows((r) => r.push(['未知'], ['加分上限', 1])))),
    ...refused(settingsFromSheet(rows((r) => ((r[1]![1] = 'x'), (r[4]![2] = null))))),
    ...readRegister(sheetOf([['x']]), units).issues,
    ...readRegister(
      sheetOf([
        ['单位', '类型', '分值', '事由', '文号', '日期'],
        [null, null, 'x', null, null, true],
        ['无', '奖', '1', 'r'],
        ['丙处', '加分', -1, 'r'],
        ['法规处', '加分', 0.001, 'r'],
        ['法规处', '加分', null, 'r'],
        ['法规处', '一票否决', 1, 'r'],
      ]),
      units,
    ).issues,
    ...readSurvey(sheetOf([['x']]), units).issues,
    ...readSurvey(
      sheetOf([
        ['单位', '优秀', '良好', '一般', '差'],
        [null, 'x', '1', -1, 0.5],
        ['无', 1],
        ['丙处', 1],
        ['法规处', 0],
        ['法规处', 1],
      ]),
      units,
    ).issues,
  ];
}

describe('results messages', () => {
  test('every refusal has a Chinese and an English message, and there are no others', () => {
    expect(Object.keys(zh.codes).sort()).toEqual([...RESULT_ISSUE_CODES].sort());
    expect(Object.keys(en.codes).sort()).toEqual([...RESULT_ISSUE_CODES].sort());
  });

  test('the core makes every code, and each message is filled by the params it gives, in both languages', () => {
    const issues = issuesMadeByTheCore();
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(RESULT_ISSUE_CODES));
    for (const lang of ['zh-CN', 'en'] as const) {
      const t = createTranslator(lang);
      for (const issue of issues) {
        const message = t(`results:codes.${issue.code}`, issue.params);
        expect([issue.code, message]).not.toEqual([issue.code, expect.stringMatching(/\{\{|results:/)]);
      }
    }
  });

  test('a message reads in Chinese by default and in English on request', () => {
    const [issue] = readRegister(
      sheetOf([
        ['单位', '类型', '分值', '事由'],
        ['法规处', '加分', '三分', '表彰'],
      ]),
      units,
    ).issues as [ResultIssue];
    expect(`${issue.cell}：${createTranslator()(`results:codes.${issue.code}`, issue.params)}`).toBe(
      'C2：分值不是数字：读到的是「三分」。',
    );
    expect(`${issue.cell}: ${createTranslator('en')(`results:codes.${issue.code}`, issue.params)}`).toBe(
      'C2: The points are not a number: read "三分".',
    );
  });

  test('the other texts have the same keys in both languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
});

test("a committee decision is worded from the decision's params and the units' names", () => {
  const inputs = ['甲', '乙'].map((name, i) => ({
    unit: unit(`u${i}`, name, 'bureau' as const),
    self: 99,
    assessed: 99,
    survey: null,
    entries: [],
  }));
  const [decision] = computeResults({ ...ISSUE_SETTINGS, quota: { grade: '优秀', share: 0.5 } }, [
    ...inputs,
    { ...inputs[0]!, unit: unit('u9', '丙', 'bureau'), self: 50, assessed: 50 },
  ]).decisions;
  const units = decision!.units.map((u) => u.name).join('、');
  expect(createTranslator()(`results:decisions.${decision!.reason.code}`, { ...decision!.reason.params, units })).toBe(
    '甲、乙的最终得分同为 99，并列跨过「优秀」的名额界线（本组名额 1 个），按规则均暂列「良好」，请考核委员会决定。',
  );
});
