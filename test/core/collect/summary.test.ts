import type { Catalog, Group, Item, Unit } from '../../../src/core/catalog/model';
import type { CheckedReport, Submission, SubmittedItem } from '../../../src/core/collect/model';
import { buildSummary, competitionRanks } from '../../../src/core/collect/summary';
import { submittedAtFromName } from '../../../src/core/folders/layout';
import type { ValidationIssue } from '../../../src/core/validate/issues';

const party: Item[] = [
  {
    block: 'party',
    category: '党政建设',
    item: '党建工作',
    content: '落实全面从严治党主体责任',
    weight: 10,
    owner: null,
  },
  {
    block: 'party',
    category: '党政建设',
    item: '党风廉政',
    content: '落实党风廉政建设责任制',
    weight: 10,
    owner: null,
  },
];
const own = (n: number): Item[] => [
  { block: 'own', category: '共性指标', item: `业务${n}`, content: `完成业务目标${n}`, weight: 50, owner: null },
  { block: 'own', category: '个性指标', item: `专项${n}`, content: `完成专项任务${n}`, weight: 30, owner: null },
];
const unit = (id: string, name: string, group: Group): Unit => {
  const items = [...party, ...own(Number(id.replace(/\D/g, '')))];
  return { id, name, group, totalWeight: 100, items };
};
const catalog: Catalog = {
  year: 2019,
  source: 'test',
  diagnostics: [],
  units: [
    unit('u1', '甲局', 'bureau'),
    unit('u2', '乙局', 'bureau'),
    unit('u3', '丙局', 'bureau'),
    unit('u4', '丁局', 'bureau'),
    unit('u5', '西宁市自然资源局', 'city'),
    unit('u6', '海东市自然资源局', 'city'),
  ],
};

function filled(u: Unit, scores: Array<[number | null, number | null]>, reasons: string[] = []): SubmittedItem[] {
  return u.items.map((item, i) => ({
    ...item,
    selfScore: scores[i]?.[0] ?? null,
    assessedScore: scores[i]?.[1] ?? null,
    deductionReason: reasons[i] ?? '',
    completion: '',
    evidence: '',
  }));
}
const issue = (
  code: ValidationIssue['code'],
  severity: ValidationIssue['severity'] = 'error',
  cell: string | null = 'G8',
): ValidationIssue => ({ code, severity, cell, unit: null, params: {} });

function submission(
  unitIndex: number | null,
  file: string,
  opts: {
    status?: CheckedReport['status'];
    at?: string | null;
    scores?: Array<[number | null, number | null]>;
    issues?: ValidationIssue[];
    reasons?: string[];
    year?: number;
    unitId?: string;
    unitName?: string;
  } = {},
): Submission {
  const u = unitIndex === null ? undefined : catalog.units[unitIndex]!;
  const status = opts.status ?? 'valid';
  const items = u && opts.scores ? filled(u, opts.scores, opts.reasons) : undefined;
  const self = items ? items.reduce((s, i) => s + (i.selfScore ?? 0), 0) : 0;
  const assessedList = items?.filter((i) => i.assessedScore !== null) ?? [];
  const assessed = assessedList.length ? assessedList.reduce((s, i) => s + i.assessedScore!, 0) : null;
  return {
    file,
    submittedAt: opts.at === undefined ? '2020-01-10T08:00:00.000Z' : opts.at,
    report: {
      status,
      identity:
        status === 'unreadable'
          ? null
          : {
              unitId: opts.unitId ?? u?.id ?? 'nobody',
              unitName: opts.unitName ?? u?.name ?? '无名',
              group: u?.group ?? 'bureau',
              year: opts.year ?? 2019,
            },
      totals: status === 'unreadable' ? null : { self, assessed },
      issues:
        opts.issues ??
        (status === 'invalid'
          ? [issue('weight-changed')]
          : status === 'unreadable'
            ? [issue('not-a-template', 'error', null)]
            : []),
    },
    items,
  };
}

const full = (x: number): Array<[number | null, number | null]> => [
  [10, null],
  [10, null],
  [x, null],
  [30, null],
];

describe('ranking', () => {
  test('equal totals share a rank and the next rank is skipped (1, 2, 2, 4)', () => {
    expect(competitionRanks([90, 85, 85, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([70, null, 85, 85, 90])).toEqual([4, null, 2, 2, 1]);
  });

  test('totals equal to the hundredth tie even when floating point sums differ', () => {
    expect(competitionRanks([0.1 + 0.2, 0.3])).toEqual([1, 1]);
  });

  test('units are ranked within their group and overall, by assessed total where present, else self total', () => {
    const s = buildSummary(catalog, [
      submission(0, 'a.xlsx', { scores: full(40) }), // self 90
      submission(1, 'b.xlsx', { scores: full(35) }), // self 85
      submission(2, 'c.xlsx', { scores: full(35) }), // self 85
      submission(3, 'd.xlsx', {
        scores: [
          [10, 5],
          [10, 5],
          [50, 40],
          [30, 30],
        ],
      }), // self 100, assessed 80
      submission(4, 'e.xlsx', { scores: full(48) }), // self 98
      submission(5, 'f.xlsx', { scores: full(30) }), // self 80
    ]);
    const byName = Object.fromEntries(s.units.map((u) => [u.name, [u.score, u.rankInGroup, u.rankOverall]]));
    expect(byName).toEqual({
      甲局: [90, 1, 2],
      乙局: [85, 2, 3],
      丙局: [85, 2, 3],
      丁局: [80, 4, 5],
      西宁市自然资源局: [98, 1, 1],
      海东市自然资源局: [80, 2, 5],
    });
    expect(s.units.map((u) => u.name)).toEqual(catalog.units.map((u) => u.name));
  });
});

describe('which submission counts', () => {
  test("a unit's latest valid submission wins and the older one is listed as older", () => {
    const s = buildSummary(catalog, [
      submission(0, '2019/returned/甲局/甲局-20200112T090000Z-bbbbbbbb.xlsx', {
        at: '2020-01-12T09:00:00.000Z',
        scores: full(45),
      }),
      submission(0, '2019/returned/甲局/甲局-20200110T090000Z-aaaaaaaa.xlsx', {
        at: '2020-01-10T09:00:00.000Z',
        scores: full(20),
      }),
    ]);
    const u = s.units[0]!;
    expect(u.status).toBe('valid');
    expect(u.self).toBe(95);
    expect(u.file).toContain('20200112');
    expect(u.files).toBe(2);
    expect(s.submissions.map((x) => x.fate)).toEqual(['used', 'older']);
  });

  test('a later invalid submission does not replace an earlier valid one; it is listed as invalid with its problems', () => {
    const s = buildSummary(catalog, [
      submission(0, 'early.xlsx', { at: '2020-01-10T09:00:00.000Z', scores: full(40) }),
      submission(0, 'late.xlsx', { at: '2020-01-15T09:00:00.000Z', status: 'invalid', scores: full(50) }),
    ]);
    expect(s.units[0]!).toMatchObject({ status: 'valid', file: 'early.xlsx', self: 90 });
    expect(s.submissions.find((x) => x.file === 'late.xlsx')).toMatchObject({ fate: 'invalid', errors: 1 });
    expect(s.problems).toEqual([expect.objectContaining({ file: 'late.xlsx', unitName: '甲局', fate: 'invalid' })]);
  });

  test('a unit with only invalid submissions is invalid, shows its latest file and is not ranked', () => {
    const s = buildSummary(catalog, [
      submission(1, 'b1.xlsx', {
        at: '2020-01-10T09:00:00.000Z',
        status: 'invalid',
        scores: full(40),
        issues: [issue('self-score-above-weight'), issue('protection-removed', 'warning', null)],
      }),
      submission(1, 'b2.xlsx', { at: '2020-01-11T09:00:00.000Z', status: 'invalid', scores: full(30) }),
      submission(0, 'a.xlsx', { scores: full(40) }),
    ]);
    expect(s.units[1]!).toMatchObject({
      status: 'invalid',
      file: 'b2.xlsx',
      score: null,
      rankInGroup: null,
      rankOverall: null,
      problems: 1,
    });
    expect(s.units[0]!).toMatchObject({ rankInGroup: 1, rankOverall: 1 });
    expect(s.problems.filter((p) => p.file === 'b1.xlsx').map((p) => p.issue.code)).toEqual([
      'self-score-above-weight',
      'protection-removed',
    ]);
  });

  test('equal submission times are decided by file name, whatever the listing order', () => {
    const a = submission(0, 'x-1.xlsx', { at: '2020-01-10T09:00:00.000Z', scores: full(41) });
    const b = submission(0, 'x-2.xlsx', { at: '2020-01-10T09:00:00.000Z', scores: full(42) });
    expect(buildSummary(catalog, [a, b]).units[0]!.file).toBe('x-2.xlsx');
    expect(buildSummary(catalog, [b, a]).units[0]!.file).toBe('x-2.xlsx');
  });

  test('unreadable files, units not in the catalog and sheets of another year are listed, never counted', () => {
    const s = buildSummary(catalog, [
      submission(null, 'broken.xlsx', { status: 'unreadable' }),
      submission(null, 'foreign.xlsx', { unitId: 'nobody', unitName: '外单位' }),
      submission(0, 'old-year.xlsx', { year: 2018, scores: full(40) }),
    ]);
    expect(s.submissions.map((x) => [x.file, x.fate, x.unitName])).toEqual([
      ['broken.xlsx', 'unreadable', null],
      ['foreign.xlsx', 'unknown-unit', '外单位'],
      ['old-year.xlsx', 'unknown-unit', '甲局'],
    ]);
    expect(s.units.every((u) => u.status === 'missing')).toBe(true);
    expect(s.problems.map((p) => [p.file, p.issue.code])).toEqual([['broken.xlsx', 'not-a-template']]);
  });
});

describe('missing units and totals', () => {
  test('units that returned nothing are listed as missing, in catalog order', () => {
    const s = buildSummary(catalog, [submission(2, 'c.xlsx', { scores: full(40) })]);
    expect(s.missing.map((u) => u.name)).toEqual(['甲局', '乙局', '丁局', '西宁市自然资源局', '海东市自然资源局']);
    expect(s.units[0]).toMatchObject({ status: 'missing', file: null, self: null, assessed: null, rankInGroup: null });
    expect(s.groups.find((g) => g.group === 'bureau')).toMatchObject({
      units: 4,
      valid: 1,
      invalid: 0,
      missing: 3,
      selfAverage: 90,
      assessedAverage: null,
    });
  });

  test('per-block subtotals come from the rows the unit filled in', () => {
    const s = buildSummary(catalog, [
      submission(0, 'a.xlsx', {
        scores: [
          [8.5, 8],
          [10, 9.5],
          [45.25, null],
          [30, null],
        ],
      }),
    ]);
    expect(s.units[0]!.blocks).toEqual([
      { block: 'party', weight: 20, self: 18.5, assessed: 17.5 },
      { block: 'own', weight: 80, self: 75.25, assessed: null },
    ]);
  });

  test('deductions list every target scored below its weight, with the reason as written', () => {
    const s = buildSummary(catalog, [
      submission(0, 'a.xlsx', { scores: full(40), reasons: ['', '', '=HYPERLINK("http://x","y")', ''] }),
    ]);
    expect(s.deductions).toEqual([
      expect.objectContaining({
        unitName: '甲局',
        item: '业务1',
        weight: 50,
        self: 40,
        reason: '=HYPERLINK("http://x","y")',
      }),
    ]);
  });
});

describe('per-target statistics', () => {
  test('targets shared by units are aggregated: average score and its share of the weight', () => {
    const s = buildSummary(catalog, [
      submission(0, 'a.xlsx', {
        scores: [
          [10, 9],
          [8, null],
          [40, null],
          [30, null],
        ],
      }),
      submission(1, 'b.xlsx', {
        scores: [
          [7, 6],
          [9, null],
          [40, null],
          [30, null],
        ],
      }),
      submission(2, 'c.xlsx', {
        status: 'invalid',
        scores: [
          [0, 0],
          [0, null],
          [0, null],
          [0, null],
        ],
      }),
    ]);
    const first = s.targets.find((t) => t.content === '落实全面从严治党主体责任')!;
    expect(first).toMatchObject({
      units: 6,
      selfCount: 2,
      selfAverage: 8.5,
      selfShare: 0.85,
      assessedCount: 2,
      assessedAverage: 7.5,
      assessedShare: 0.75,
    });
    const second = s.targets.find((t) => t.content === '落实党风廉政建设责任制')!;
    expect(second).toMatchObject({ selfAverage: 8.5, assessedCount: 0, assessedAverage: null, assessedShare: null });
    const ownOfA = s.targets.find((t) => t.content === '完成业务目标1')!;
    expect(ownOfA).toMatchObject({ units: 1, selfCount: 1, selfAverage: 40, selfShare: 0.8 });
    expect(s.targets.filter((t) => t.block === 'party')).toHaveLength(2);
  });
});

describe('submission time from the returned-path layout', () => {
  test('the timestamp in a returned file name is read as UTC', () => {
    expect(submittedAtFromName('2019/returned/甲局/甲局-20191231T235959Z-0123abcd.xlsx')).toBe(
      '2019-12-31T23:59:59.000Z',
    );
  });
  test('names outside the layout or with impossible dates give no time', () => {
    expect(submittedAtFromName('最终版(2)改.xlsx')).toBeNull();
    expect(submittedAtFromName('甲局-20191331T235959Z-0123abcd.xlsx')).toBeNull();
  });
});
