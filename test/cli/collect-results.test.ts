// collect with the final result: `collect FROM --json --settings F.json --register F.xlsx --survey F.xlsx` over
// real returned sheets (generated templates filled through ExcelJS), a register and a survey written by ExcelJS
// with bad rows in them. Checks the units' result fields against figures worked out by hand (below), the rows left
// out (by cell, on stderr in Chinese and in "inputIssues"), the quota tie reported as a decision, that the output
// without the options is what it always was, and the refusals (exit 2, nothing computed).
//
// Settings: 自评 20 : 考核 60 : 测评 20; 优秀 ≥ 95, 良好 ≥ 90, 合格 ≥ 80; 优秀 at most 30%; bonus capped at 3.
//   unit  self assessed survey (votes)        composite                          register          final  grade
//   A     98   96       96 (8 优秀 2 良好)     (1960+5760+1920)/100 = 96.4        +2 +2 → 3 (cap)   99.4   tie → 良好
//   B     99   95       90 (5 优秀 5 良好)     (1980+5700+1800)/100 = 94.8        −1.5              93.3   良好
//   C     97   97       100 (10 优秀)          (1940+5820+2000)/100 = 97.6        +1.8              99.4   tie → 良好
//   D     100  100      100 (10 优秀)          100                                一票否决           100    不合格, last
//   E     99.5 99       86.67 (1 优秀 2 良好)  (1990+5940+1733.4)/100 = 96.63     —                 96.63  优秀 (city)
// The 4 bureaus allow floor(0.3 × 4) = 1 优秀: A and C tie on 99.4 across that limit, so both drop and are a decision.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli, type Run } from '../support/cli';
import type { CollectJson } from '../../src/cli/commands/collect';
import type { Unit } from '../../src/core/catalog/model';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import { catalog2019 } from '../core/validate/fixture';
import { edit, template } from '../integration/validate-corpus';
import { scored, sheetFile } from '../support/results-fixtures';

const bureaus = catalog2019.units.filter((u) => u.group === 'bureau');
const cities = catalog2019.units.filter((u) => u.group === 'city');
const [unitA, unitB, unitC, unitD] = bureaus as [Unit, Unit, Unit, Unit];
const unitE = cities[0]!;

const SETTINGS = {
  weights: { self: 20, assessed: 60, survey: 20 },
  grades: [
    { name: '优秀', min: 95 },
    { name: '良好', min: 90 },
    { name: '合格', min: 80 },
    { name: '不合格', min: 0 },
  ],
  quota: { grade: '优秀', share: 0.3 },
  bonusCap: 3,
};

let work: string;
let root: string;
const file = (name: string): string => path.join(work, name);
let run: Run;
let json: CollectJson;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-collect-results-'));
  root = path.join(work, 'share');
  const fills: Array<[Unit, number, number]> = [
    [unitA, 2, 4],
    [unitB, 1, 5],
    [unitC, 3, 3],
    [unitD, 0, 0],
    [unitE, 0.5, 1],
  ];
  for (const [unit, selfOff, assessedOff] of fills) {
    // Version-1 templates (still in circulation), where 考核得分 was open and the assessment team entered it in the
    // unit's own sheet: the assessed totals come from the sheets here. A v2 template locks it (scoring workbooks
    // bring it instead: test/cli/collect-scoring.test.ts).
    const bytes = await edit(await template(unit, 1), scored(selfOff, assessedOff));
    const rel = returnedPath(2019, unit.name, new Date('2020-01-05T09:00:00Z'), await sha256Hex(bytes));
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), bytes);
  }
  writeFileSync(file('settings.json'), JSON.stringify(SETTINGS));
  writeFileSync(
    file('register.xlsx'),
    await sheetFile([
      ['单位', '类型', '分值', '事由', '文号', '日期'],
      [unitA.name, '加分', 2, '获省级表彰', '某发〔2019〕1号', new Date('2019-05-01T00:00:00Z')],
      [unitA.name, '加分', 2, '获国家级表彰'],
      [unitC.name, '加分', 1.8, '承办全省现场会'],
      [unitB.name, '扣分', 1.5, '信息报送迟报'],
      [unitD.name, '一票否决', null, '发生重大安全生产事故'],
      ['不存在的局', '加分', 1, '事由'],
      [unitB.name, '奖励', 1, '事由'],
      [unitB.name, '扣分', '两分', '事由'],
      [unitB.name, '扣分', -1, '事由'],
    ]),
  );
  writeFileSync(
    file('survey.xlsx'),
    await sheetFile([
      ['单位', '优秀', '良好', '一般', '差'],
      [unitA.name, 8, 2, 0, 0],
      [unitB.name, 5, 5, 0, 0],
      [unitC.name, 10, 0, 0, 0],
      [unitD.name, 10, 0, 0, 0],
      [unitE.name, 1, 2, 0, 0],
      ['不存在的局', 3, 0, 0, 0],
      [cities[1]!.name, -1, 0, 0, 0],
    ]),
  );
  run = await cli(
    'collect',
    root,
    '--json',
    '--settings',
    file('settings.json'),
    '--register',
    file('register.xlsx'),
    '--survey',
    file('survey.xlsx'),
  );
  json = JSON.parse(run.stdout) as CollectJson;
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const unitRow = (unit: Unit) => json.units.find((u) => u.name === unit.name)!;

describe('collect FROM --json --settings --register --survey', () => {
  test('succeeds', () => {
    expect(run.code).toBe(0);
  });

  test('each unit gains its survey, composite, bonus, deduction, final, grade and veto, ranked by final', () => {
    const result = (u: Unit) => {
      const { survey, composite, bonus, deduction, final, grade, veto, rank } = unitRow(u);
      return { survey, composite, bonus, deduction, final, grade, veto, rank };
    };
    expect(result(unitA)).toEqual({
      survey: 96,
      composite: 96.4,
      bonus: 3,
      deduction: 0,
      final: 99.4,
      grade: '良好',
      veto: false,
      rank: 1,
    });
    expect(result(unitB)).toEqual({
      survey: 90,
      composite: 94.8,
      bonus: 0,
      deduction: 1.5,
      final: 93.3,
      grade: '良好',
      veto: false,
      rank: 3,
    });
    expect(result(unitC)).toEqual({
      survey: 100,
      composite: 97.6,
      bonus: 1.8,
      deduction: 0,
      final: 99.4,
      grade: '良好',
      veto: false,
      rank: 1,
    });
    expect(result(unitD)).toEqual({
      survey: 100,
      composite: 100,
      bonus: 0,
      deduction: 0,
      final: 100,
      grade: '不合格',
      veto: true,
      rank: 4,
    });
    expect(result(unitE)).toEqual({
      survey: 86.67,
      composite: 96.63,
      bonus: 0,
      deduction: 0,
      final: 96.63,
      grade: '优秀',
      veto: false,
      rank: 1,
    });
    expect(unitRow(unitA)).toMatchObject({ self: 98, assessed: 96, pending: false, missing: [] });
  });

  test('a unit that returned nothing has no final: pending, with the missing components named, and no rank', () => {
    expect(unitRow(cities[1]!)).toMatchObject({
      status: 'missing',
      final: null,
      grade: null,
      pending: true,
      missing: ['self', 'assessed', 'survey'],
      rank: null,
    });
  });

  test('units tied across the quota limit are listed as a decision for the committee, not settled', () => {
    expect(json.decisions).toEqual([
      {
        group: 'bureau',
        units: [unitA.name, unitC.name],
        code: 'quota-tie',
        reason: expect.stringContaining('请考核委员会决定') as unknown as string,
      },
    ]);
    expect(json.decisions![0]!.reason).toContain('99.4');
  });

  test('bad register and survey rows are left out and reported by cell, in the JSON and on stderr in Chinese', () => {
    expect(json.inputIssues!.map((i) => [i.source, i.cell, i.code])).toEqual([
      ['register', 'A7', 'register-unit-unknown'],
      ['register', 'B8', 'register-type-unknown'],
      ['register', 'C9', 'register-points-not-a-number'],
      ['register', 'C10', 'register-points-negative'],
      ['survey', 'A7', 'survey-unit-unknown'],
      ['survey', 'B8', 'survey-votes-negative'],
    ]);
    expect(json.inputIssues![0]!.file).toBe(file('register.xlsx'));
    expect(json.inputIssues![2]!.message).toBe('C9：分值不是数字：读到的是「两分」。');
    expect(run.stderr).toContain(`加减分台账 ${file('register.xlsx')} 中有 4 处问题，相关行未采用：`);
    expect(run.stderr).toContain('  C10：分值不能为负数（现为 -1）');
    expect(run.stderr).toContain(`民主测评 ${file('survey.xlsx')} 中有 2 处问题，相关行未采用：`);
    expect(run.stderr).toContain('  A7：单位「不存在的局」不在考核目标的单位名单中');
  });

  test('the human output shows each unit’s result and the decision', async () => {
    const human = await cli(
      'collect',
      root,
      '--out',
      file('summary.xlsx'),
      '--settings',
      file('settings.json'),
      '--register',
      file('register.xlsx'),
      '--survey',
      file('survey.xlsx'),
    );
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(
      '  测评 100，综合 100，加分 0，扣分 0，最终得分 100，等次 不合格，按最终得分组内第 4 名（一票否决）',
    );
    expect(human.stdout).toContain('待考核委员会决定（1）：');
  });
});

describe('collect FROM --json without the options', () => {
  test('prints what it always did (and issue 13’s assessed counts): the summary’s rank, no result fields', async () => {
    const plain = await cli('collect', root, '--json');
    expect(plain.code).toBe(0);
    const out = JSON.parse(plain.stdout) as CollectJson;
    expect(Object.keys(out)).toEqual(['units', 'missing', 'invalid', 'scoring']);
    expect(out.scoring).toEqual([]);
    for (const u of out.units)
      expect(Object.keys(u)).toEqual([
        'name',
        'group',
        'status',
        'file',
        'self',
        'assessed',
        'assessedItems',
        'items',
        'rankedBy',
        'rank',
      ]);
    // By assessed total: D 100, C 97, A 96, B 95.
    expect([unitD, unitC, unitA, unitB].map((u) => out.units.find((x) => x.name === u.name)!.rank)).toEqual([
      1, 2, 3, 4,
    ]);
  });

  test('--register alone uses the default settings: assessed total plus bonus minus deduction, no grades', async () => {
    const run2 = await cli('collect', root, '--json', '--register', file('register.xlsx'));
    expect(run2.code).toBe(0);
    const out = JSON.parse(run2.stdout) as CollectJson;
    const a = out.units.find((u) => u.name === unitA.name)!;
    expect(a).toMatchObject({ composite: 96, bonus: 4, final: 100, grade: null, pending: false });
  });
});

describe('refusals: exit 2 and nothing computed', () => {
  const refused = async (args: string[]): Promise<Run> => {
    const r = await cli('collect', root, '--json', ...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // Refused before any returned sheet is read.
    expect(r.stderr).not.toMatch(/\[\d+\/\d+\]/);
    return r;
  };
  const settingsFile = (name: string, content: string): string => {
    writeFileSync(file(name), content);
    return file(name);
  };

  test.each([
    [
      'weights that do not add up to 100',
      { weights: { self: 20, assessed: 70 } },
      'weights：自评、考核、测评三项权重之和须为 100，现为 90。',
    ],
    [
      'bands out of order',
      {
        grades: [
          { name: '优秀', min: 90 },
          { name: '良好', min: 95 },
          { name: '合格', min: 0 },
        ],
      },
      'grades[1].min：等次须按最低分从高到低排列',
    ],
    [
      'a share outside 0–1',
      { grades: SETTINGS.grades, quota: { grade: '优秀', share: 1.5 } },
      'quota.share：限额比例须在 0 到 1 之间（现为 1.5）。',
    ],
    ['a misspelt key', { bonuscap: 5 }, 'bonuscap：不认识的设置项「bonuscap」'],
  ])('a settings file with %s is refused with the field named', async (_what, content, message) => {
    const r = await refused(['--settings', settingsFile('bad.json', JSON.stringify(content))]);
    expect(r.stderr).toContain(`考核设置 ${file('bad.json')} 不能采用，未计算考核结果：`);
    expect(r.stderr).toContain(`  ${message}`);
  });

  test('a settings file that is not JSON is refused', async () => {
    const r = await refused(['--settings', settingsFile('broken.json', '{"weights": ')]);
    expect(r.stderr).toContain('设置文件不是有效的 JSON。');
  });

  test('a register whose first sheet has no header row is refused whole', async () => {
    writeFileSync(
      file('no-header.xlsx'),
      await sheetFile([
        ['单位', '分值'],
        [unitA.name, 1],
      ]),
    );
    const r = await refused(['--register', file('no-header.xlsx')]);
    expect(r.stderr).toContain(`加减分台账 ${file('no-header.xlsx')} 不能采用`);
    expect(r.stderr).toContain('找不到加减分台账的表头');
  });

  test('a survey that is not a workbook is refused', async () => {
    writeFileSync(file('survey.txt.xlsx'), '单位,优秀\n');
    const r = await refused(['--survey', file('survey.txt.xlsx')]);
    expect(r.stderr).toContain(`民主测评 ${file('survey.txt.xlsx')} 不能采用`);
  });

  test('a file that does not exist is named', async () => {
    const r = await refused(['--survey', file('nowhere.xlsx')]);
    expect(r.stderr).toContain(`无法读取民主测评 ${file('nowhere.xlsx')}`);
  });
});
