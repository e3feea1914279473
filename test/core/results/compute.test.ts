// The result's rules on worked examples: every row below was computed by hand from the issue's rules (the working
// is in the comment beside it), and the core must give every figure exactly.
import fc from 'fast-check';
import type { Group } from '../../../src/core/catalog/model';
import type { Catalog, Unit } from '../../../src/core/catalog/model';
import type { Submission } from '../../../src/core/collect/model';
import { buildSummary } from '../../../src/core/collect/summary';
import { computeResults } from '../../../src/core/results/compute';
import { resultInputsFromSummary } from '../../../src/core/results/inputs';
import type {
  Component,
  EntryKind,
  QuotaOutcome,
  ResultUnitInput,
  Settings,
  SurveyVotes,
} from '../../../src/core/results/model';
import { DEFAULT_SETTINGS } from '../../../src/core/results/settings';
import { entry, ISSUE_SETTINGS, unit } from './helpers';

interface Example {
  name: string;
  group: Group;
  self: number | null;
  assessed: number | null;
  votes?: [number, number, number, number];
  entries?: [EntryKind, number | null][];
  // expected
  survey: number | null;
  composite: number | null;
  bonus: number;
  deduction: number;
  final: number | null;
  grade: string | null;
  pending?: boolean;
  quota?: QuotaOutcome | null;
  rank: number | null;
  veto?: boolean;
  missing?: Component[];
}

interface Scenario {
  title: string;
  settings: Settings;
  units: Example[];
  decisions: { group: Group; units: string[]; params: { grade: string; next: string; limit: number; final: number } }[];
}

const votes = (v: [number, number, number, number] | undefined): SurveyVotes | null =>
  v ? { excellent: v[0], good: v[1], fair: v[2], poor: v[3] } : null;

// One row per unit: its inputs, then every figure the core must give.
// prettier-ignore
const SCENARIOS: Scenario[] = [
  {
    title: '自评 20 : 考核 80, 30% 优秀 of a group of 4 (floor 1.2 = 1) with a tie at the limit, a veto with the best score',
    settings: ISSUE_SETTINGS,
    units: [
      // (98·20 + 96.5·80) / 100 = (1960 + 7720) / 100 = 96.8; + 3 = 99.8 → 优秀, tied with 乙 for the one place: both drop
      { name: '甲', group: 'bureau', self: 98, assessed: 96.5, entries: [['bonus', 3]], survey: null, composite: 96.8, bonus: 3, deduction: 0, final: 99.8, grade: '良好', quota: 'tie', rank: 1 },
      // (2000 + 7760) / 100 = 97.6; + 2.2 = 99.8
      { name: '乙', group: 'bureau', self: 100, assessed: 97, entries: [['bonus', 2.2]], survey: null, composite: 97.6, bonus: 2.2, deduction: 0, final: 99.8, grade: '良好', quota: 'tie', rank: 1 },
      // (1900 + 7680) / 100 = 95.8 → 优秀, third by rank: beyond the one place
      { name: '丙', group: 'bureau', self: 95, assessed: 96, survey: null, composite: 95.8, bonus: 0, deduction: 0, final: 95.8, grade: '良好', quota: 'over-limit', rank: 3 },
      // 100 across the board, but a veto: the lowest grade, ranked after the three others
      { name: '丁', group: 'bureau', self: 100, assessed: 100, entries: [['veto', null]], survey: null, composite: 100, bonus: 0, deduction: 0, final: 100, grade: '不合格', veto: true, rank: 4 },
      // city, 3 units: floor(0.9) = 0 places for 优秀
      // (90·20 + 88·80) / 100 = (1800 + 7040) / 100 = 88.4; bonus 3 + 4 = 7 capped at 5; − 1.5 → 91.9 → 良好
      { name: '戊', group: 'city', self: 90, assessed: 88, entries: [['bonus', 3], ['bonus', 4], ['deduction', 1.5]], survey: null, composite: 88.4, bonus: 5, deduction: 1.5, final: 91.9, grade: '良好', rank: 1 },
      // (200 + 160) / 100 = 3.6; − 5 = −1.4 → 0 → 不合格
      { name: '己', group: 'city', self: 10, assessed: 2, entries: [['deduction', 5]], survey: null, composite: 3.6, bonus: 0, deduction: 5, final: 0, grade: '不合格', rank: 2 },
      // unassessed: the assessed score (weight 80) is needed → no final, grade 待定, not ranked; the survey (weight 0) is not needed
      { name: '庚', group: 'city', self: 92, assessed: null, entries: [['bonus', 1]], survey: null, composite: null, bonus: 1, deduction: 0, final: null, grade: null, pending: true, rank: null, missing: ['assessed'] },
      // department, 4 units: floor(1.2) = 1 place; 96 keeps 优秀, 95.5 drops, 85 is 合格 (the quota is not its concern)
      // (95·20 + 96.25·80) / 100 = (1900 + 7700) / 100 = 96
      { name: '辛', group: 'department', self: 95, assessed: 96.25, survey: null, composite: 96, bonus: 0, deduction: 0, final: 96, grade: '优秀', quota: 'kept', rank: 1 },
      // (1910 + 7640) / 100 = 95.5
      { name: '壬', group: 'department', self: 95.5, assessed: 95.5, survey: null, composite: 95.5, bonus: 0, deduction: 0, final: 95.5, grade: '良好', quota: 'over-limit', rank: 2 },
      { name: '癸', group: 'department', self: 85, assessed: 85, votes: [1, 0, 0, 0], survey: 100, composite: 85, bonus: 0, deduction: 0, final: 85, grade: '合格', rank: 3 },
      // a veto without a total: the lowest grade all the same, no final, no rank, not pending
      { name: '子', group: 'department', self: null, assessed: null, entries: [['veto', null]], survey: null, composite: null, bonus: 0, deduction: 0, final: null, grade: '不合格', veto: true, rank: null, missing: ['self', 'assessed'] },
    ],
    decisions: [
      { group: 'bureau', units: ['甲', '乙'], params: { grade: '优秀', next: '良好', limit: 1, final: 99.8 } },
    ],
  },
  {
    title: 'rounding half away from zero at x.xx5, in hundredths (binary 2.675 is 2.67499999…)',
    settings: { weights: { self: 50, assessed: 50, survey: 0 }, grades: [], quota: null, bonusCap: null },
    units: [
      // (2.67·50 + 2.68·50) / 100 = 2.675 → 2.68 (Math.round(2.675 · 100) / 100 gives 2.67)
      { name: '甲', group: 'bureau', self: 2.67, assessed: 2.68, survey: null, composite: 2.68, bonus: 0, deduction: 0, final: 2.68, grade: null, rank: 2 },
      // (1.00 + 1.01) / 2 = 1.005 → 1.01; + 0.01 bonus = 1.02 (computed from the rounded 1.01)
      { name: '乙', group: 'bureau', self: 1, assessed: 1.01, entries: [['bonus', 0.01]], survey: null, composite: 1.01, bonus: 0.01, deduction: 0, final: 1.02, grade: null, rank: 3 },
      // (90.01 + 90.04) / 2 = 90.025 → 90.03
      { name: '丙', group: 'bureau', self: 90.01, assessed: 90.04, survey: null, composite: 90.03, bonus: 0, deduction: 0, final: 90.03, grade: null, rank: 1 },
    ],
    decisions: [],
  },
  {
    title: '自评 10 : 考核 70 : 测评 20 — the survey rounded first, and the composite computed from the rounded survey',
    settings: { ...ISSUE_SETTINGS, weights: { self: 10, assessed: 70, survey: 20 }, quota: null },
    units: [
      // survey (100·31 + 40·1) / 32 = 98.125 → 98.13 (half away from zero, not to even)
      // composite (94.99·10 + 92.5·70 + 98.13·20) / 100 = (949.9 + 6475 + 1962.6) / 100 = 93.875 → 93.88
      // (with the unrounded 98.125 it would be 93.874 → 93.87)
      { name: '甲', group: 'institution', self: 94.99, assessed: 92.5, votes: [31, 0, 0, 1], survey: 98.13, composite: 93.88, bonus: 0, deduction: 0, final: 93.88, grade: '良好', rank: 1 },
      // survey (80·2 + 60·1) / 3 = 73.333… → 73.33; (900 + 6300 + 1466.6) / 100 = 86.666 → 86.67
      { name: '乙', group: 'institution', self: 90, assessed: 90, votes: [0, 2, 1, 0], survey: 73.33, composite: 86.67, bonus: 0, deduction: 0, final: 86.67, grade: '合格', rank: 2 },
      // no survey: a needed component (weight 20) is missing
      { name: '丙', group: 'institution', self: 90, assessed: 90, survey: null, composite: null, bonus: 0, deduction: 0, final: null, grade: null, pending: true, rank: null, missing: ['survey'] },
      // all votes 差: 40
      { name: '丁', group: 'institution', self: 60, assessed: 60, votes: [0, 0, 0, 5], survey: 40, composite: 56, bonus: 0, deduction: 0, final: 56, grade: '不合格', rank: 3 },
    ],
    decisions: [],
  },
  {
    title: 'a component of weight 0 is not needed, even when it is missing',
    settings: { weights: { self: 0, assessed: 100, survey: 0 }, grades: [], quota: null, bonusCap: null },
    units: [
      { name: '甲', group: 'bureau', self: null, assessed: 91, survey: null, composite: 91, bonus: 0, deduction: 0, final: 91, grade: null, rank: 1 },
      { name: '乙', group: 'bureau', self: 99, assessed: null, survey: null, composite: null, bonus: 0, deduction: 0, final: null, grade: null, rank: null, missing: ['assessed'] },
    ],
    decisions: [],
  },
  {
    title: 'default settings: the assessed total, or the self total while unassessed; no grades',
    settings: DEFAULT_SETTINGS,
    units: [
      { name: '甲', group: 'bureau', self: 88.5, assessed: null, survey: null, composite: 88.5, bonus: 0, deduction: 0, final: 88.5, grade: null, rank: 2 },
      { name: '乙', group: 'bureau', self: 70, assessed: 90, survey: null, composite: 90, bonus: 0, deduction: 0, final: 90, grade: null, rank: 1 },
      { name: '丙', group: 'bureau', self: null, assessed: null, survey: null, composite: null, bonus: 0, deduction: 0, final: null, grade: null, rank: null, missing: ['self', 'assessed'] },
      // a veto with no grades: no grade, ranked last
      { name: '丁', group: 'bureau', self: 99, assessed: null, entries: [['veto', null]], survey: null, composite: 99, bonus: 0, deduction: 0, final: 99, grade: null, veto: true, rank: 3 },
    ],
    decisions: [],
  },
];

function inputsOf(scenario: Scenario): ResultUnitInput[] {
  return scenario.units.map((u, i) => {
    const id = `u${i + 1}`;
    return {
      unit: unit(id, u.name, u.group),
      self: u.self,
      assessed: u.assessed,
      survey: votes(u.votes),
      entries: (u.entries ?? []).map(([kind, points]) => entry(id, kind, points)),
    };
  });
}

describe('worked examples', () => {
  describe.each(SCENARIOS.map((s) => [s.title, s] as const))('%s', (_title, scenario) => {
    const results = computeResults(scenario.settings, inputsOf(scenario));

    test.each(scenario.units.map((u, i) => [u.name, i] as const))('%s: every figure', (_name, i) => {
      const u = scenario.units[i]!;
      const r = results.units[i]!;
      expect({
        self: r.self,
        assessed: r.assessed,
        survey: r.survey,
        composite: r.composite,
        bonus: r.bonus,
        deduction: r.deduction,
        final: r.final,
        veto: r.veto,
        grade: r.grade,
        pending: r.pending,
        quota: r.quota,
        rank: r.rank,
        missing: r.missing,
      }).toEqual({
        self: u.self,
        assessed: u.assessed,
        survey: u.survey,
        composite: u.composite,
        bonus: u.bonus,
        deduction: u.deduction,
        final: u.final,
        veto: u.veto ?? false,
        grade: u.grade,
        pending: u.pending ?? false,
        quota: u.quota ?? null,
        rank: u.rank,
        missing: u.missing ?? [],
      });
    });

    test('decisions for the committee', () => {
      expect(
        results.decisions.map((d) => ({ group: d.group, units: d.units.map((x) => x.name), params: d.reason.params })),
      ).toEqual(scenario.decisions);
      for (const d of results.decisions) expect(d.reason.code).toBe('quota-tie');
    });
  });

  test('the bonus before its cap is kept beside the bonus counted', () => {
    const r = computeResults(ISSUE_SETTINGS, inputsOf(SCENARIOS[0]!)).units[4]!;
    expect([r.bonusClaimed, r.bonus]).toEqual([7, 5]);
  });

  test('the quota tie is the band before the quota: 优秀 for the tied units, who show 良好', () => {
    const r = computeResults(ISSUE_SETTINGS, inputsOf(SCENARIOS[0]!)).units;
    expect(r.slice(0, 4).map((u) => [u.band, u.grade])).toEqual([
      ['优秀', '良好'],
      ['优秀', '良好'],
      ['优秀', '良好'],
      ['不合格', '不合格'],
    ]);
  });

  test('settings that break a rule are refused before anything is computed', () => {
    const broken: Settings = { ...ISSUE_SETTINGS, weights: { self: 20, assessed: 70, survey: 0 } };
    expect(() => computeResults(broken, inputsOf(SCENARIOS[0]!))).toThrow(/settings-weights-sum \(weights\)/);
  });
});

describe('default settings reproduce the summary', () => {
  const units: Unit[] = [
    ['a', 'bureau'],
    ['b', 'bureau'],
    ['c', 'bureau'],
    ['d', 'bureau'],
    ['e', 'bureau'],
    ['f', 'city'],
    ['g', 'city'],
  ].map(([id, group]) => ({
    id: id!,
    name: `单位${id}`,
    group: group as Group,
    totalWeight: 100,
    items: [{ block: 'own', category: '共性指标', item: '业务', content: '业务工作', weight: 100, owner: null }],
  }));
  const catalog: Catalog = { year: 2019, source: 't', diagnostics: [], units };
  const submission = (
    u: Unit,
    self: number,
    assessed: number | null,
    status: 'valid' | 'invalid' = 'valid',
  ): Submission => ({
    file: `${u.id}.xlsx`,
    submittedAt: '2020-01-10T08:30:00.000Z',
    report: {
      status,
      identity: { unitId: u.id, unitName: u.name, group: u.group, year: 2019 },
      totals: { self, assessed },
      issues: [],
    },
  });

  test('the same ranks within each group as the summary (assessed where present, else self; ties shared; invalid and missing not ranked)', () => {
    const [a, b, c, d, , f] = units as [Unit, Unit, Unit, Unit, Unit, Unit, Unit];
    const summary = buildSummary(catalog, [
      submission(a, 90, 95.5), // 95.5
      submission(b, 95.5, null), // 95.5 (self while unassessed): shares rank 1
      submission(c, 99, 80), // 80: the assessed total wins over a higher self total
      submission(d, 100, 100, 'invalid'), // not ranked
      submission(f, 70.25, null),
      // e and g are missing
    ]);
    const results = computeResults(DEFAULT_SETTINGS, resultInputsFromSummary(summary, [], []));
    const ours = results.units.map((r) => [r.unit.name, r.rank, r.final]);
    expect(ours).toEqual(summary.units.map((u) => [u.name, u.rankInGroup, u.score]));
    expect(ours).toEqual([
      ['单位a', 1, 95.5],
      ['单位b', 1, 95.5],
      ['单位c', 3, 80],
      ['单位d', null, null],
      ['单位e', null, null],
      ['单位f', 1, 70.25],
      ['单位g', null, null],
    ]);
    expect(results.units.every((r) => r.grade === null && !r.pending)).toBe(true);
  });

  test('for any returned totals, the default settings rank every unit as the summary does', () => {
    const total = fc.option(
      fc.integer({ min: 0, max: 10000 }).map((h) => h / 100),
      { nil: null },
    );
    const returned = fc.array(fc.record({ self: total, assessed: total, valid: fc.boolean() }), {
      minLength: units.length,
      maxLength: units.length,
    });
    fc.assert(
      fc.property(returned, (rows) => {
        const submissions = rows.flatMap((r, i) =>
          r.self === null ? [] : [submission(units[i]!, r.self, r.assessed, r.valid ? 'valid' : 'invalid')],
        );
        const summary = buildSummary(catalog, submissions);
        const results = computeResults(DEFAULT_SETTINGS, resultInputsFromSummary(summary, [], []));
        expect(results.units.map((r) => r.rank)).toEqual(summary.units.map((u) => u.rankInGroup));
      }),
      { numRuns: 300 },
    );
  });
});
