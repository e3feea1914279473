// fast-check generators of sound settings and of a catalog's units with totals, survey votes and register entries.
// Scores are drawn partly from a few values so that ties (and ties across a quota limit) are frequent.
import fc from 'fast-check';
import { GROUPS } from '../../../src/core/catalog/model';
import type { EntryKind, GradeBand, ResultUnitInput, Settings } from '../../../src/core/results/model';
import { entry, unit } from './helpers';

const hundredths = (max: number) => fc.integer({ min: 0, max }).map((h) => h / 100);

export const weightsArb: fc.Arbitrary<Settings['weights']> = fc.option(
  fc
    .tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
    .chain(([lo, hi]) =>
      fc
        .constantFrom([lo, hi - lo, 10000 - hi], [hi - lo, 10000 - hi, lo], [10000 - hi, lo, hi - lo])
        .map(([self, assessed, survey]) => ({ self: self! / 100, assessed: assessed! / 100, survey: survey! / 100 })),
    ),
  { nil: null },
);

const ISSUE_BANDS: GradeBand[] = [
  { name: '优秀', min: 95 },
  { name: '良好', min: 90 },
  { name: '合格', min: 80 },
  { name: '不合格', min: 0 },
];
export const gradesArb: fc.Arbitrary<GradeBand[]> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(ISSUE_BANDS) },
  {
    weight: 2,
    arbitrary: fc
      .uniqueArray(fc.integer({ min: 1, max: 12000 }), { maxLength: 4 })
      .map((mins) => [...mins.sort((a, b) => b - a), 0].map((min, i) => ({ name: `G${i}`, min: min / 100 }))),
  },
  { weight: 1, arbitrary: fc.constant<GradeBand[]>([]) },
);

export const settingsArb: fc.Arbitrary<Settings> = fc
  .record({ weights: weightsArb, grades: gradesArb, bonusCap: fc.option(hundredths(1000), { nil: null }) })
  .chain((s) =>
    fc
      .option(
        s.grades.length < 2
          ? fc.constant(null)
          : fc.record({
              grade: fc.constantFrom(...s.grades.slice(0, -1).map((b) => b.name)),
              share: fc.oneof(
                fc.constantFrom(0.3, 0.5),
                fc.integer({ min: 0, max: 10000 }).map((x) => x / 10000),
              ),
            }),
        { nil: null },
      )
      .map((quota): Settings => ({ ...s, quota })),
  );

const score = fc.option(fc.oneof(fc.constantFrom(80, 90, 95, 95.5, 99.8, 100), hundredths(10000)), {
  nil: null,
  freq: 6,
});
const votes = fc.option(fc.record({ excellent: fc.nat(40), good: fc.nat(40), fair: fc.nat(20), poor: fc.nat(20) }), {
  nil: null,
  freq: 4,
});
/** A few units' worth of inputs that many units share: equal finals, so ties across a quota limit. */
const profiles = fc.constantFrom(
  { self: 95, assessed: 95, survey: { excellent: 10, good: 0, fair: 0, poor: 0 } },
  { self: 99.8, assessed: 99.8, survey: { excellent: 9, good: 1, fair: 0, poor: 0 } },
  { self: 90, assessed: 97.5, survey: { excellent: 5, good: 5, fair: 0, poor: 0 } },
  { self: 100, assessed: 100, survey: { excellent: 10, good: 0, fair: 0, poor: 0 } },
);
const totals = fc.oneof(
  { weight: 3, arbitrary: profiles },
  { weight: 2, arbitrary: fc.record({ self: score, assessed: score, survey: votes }) },
);
type EntryDraw = { kind: EntryKind; points: number | null };
const entryArb: fc.Arbitrary<EntryDraw> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('bonus' as const), points: hundredths(500) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deduction' as const), points: hundredths(500) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('veto' as const), points: fc.constant(null) }) },
);

/**
 * Units of two or three groups. `crowded`: every unit has one of the shared profiles and no register entry, so
 * that most groups have ties, many across a quota's limit.
 */
export const unitsOf = (crowded: boolean): fc.Arbitrary<ResultUnitInput[]> =>
  fc
    .array(
      fc.record({
        group: fc.constantFrom(...GROUPS.slice(0, crowded ? 2 : 3)),
        totals: crowded ? profiles : totals,
        entries: crowded
          ? fc.constant<EntryDraw[]>([])
          : fc.oneof(
              { weight: 3, arbitrary: fc.constant<EntryDraw[]>([]) },
              { weight: 1, arbitrary: fc.array(entryArb, { maxLength: 3 }) },
            ),
      }),
      { minLength: 1, maxLength: 24 },
    )
    .map((rows) =>
      rows.map((r, i) => {
        const id = `u${i + 1}`;
        return {
          unit: unit(id, `单位${i + 1}`, r.group),
          ...r.totals,
          entries: r.entries.map((e) => entry(id, e.kind, e.points)),
        };
      }),
    );

export const unitsArb = fc.oneof(unitsOf(false), unitsOf(true));

/** Settings with a quota; half of them the issue's bands with the quota on 优秀, where the shared profiles fall. */
export const quotaSettingsArb: fc.Arbitrary<Settings> = fc.oneof(
  settingsArb.filter((s) => s.quota !== null),
  fc
    .record({
      weights: weightsArb,
      bonusCap: fc.option(hundredths(1000), { nil: null }),
      share: fc.oneof(
        fc.constantFrom(0.25, 0.3, 0.5),
        fc.integer({ min: 0, max: 10000 }).map((x) => x / 10000),
      ),
    })
    .map(({ weights, bonusCap, share }) => ({
      weights,
      grades: ISSUE_BANDS,
      bonusCap,
      quota: { grade: '优秀', share },
    })),
);
