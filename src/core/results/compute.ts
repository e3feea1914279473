// The final result: the one place its rules live (the CLI, the pane and the 考核结果 sheet's cached values all
// come from here). Per unit, then per group:
//  - figures are integer hundredths; each is rounded half away from zero where it is shown, and later figures are
//    computed from the rounded ones (./round);
//  - survey = (100·优秀 + 80·良好 + 60·一般 + 40·差) ÷ votes (./survey);
//  - composite = (self·w_self + assessed·w_assessed + survey·w_survey) ÷ 100; a component of weight 0 is not
//    needed; a needed one missing leaves the final null (grade pending) and is named. Without weights
//    (DEFAULT_SETTINGS) the composite is the assessed total, or the self total while unassessed;
//  - bonus = min(sum of 加分, bonusCap); deduction = sum of 扣分; final = max(0, composite + bonus − deduction);
//  - a veto (一票否决) gives the lowest band whatever the score, and ranks the unit after every unit of its group
//    without one;
//  - grade: the first band whose min ≤ final;
//  - quota, per group: at most floor(share × the group's units) units keep the quota grade, by rank; the others
//    drop to the next band; units tied on final across the limit all drop and are a decision for the committee;
//  - rank, within the group, by final descending: competition ranking (1, 2, 2, 4); no final, no rank.
// `units` are every unit of the catalog: a group's size, which the quota is a share of, is counted from them.
import type { Group } from '../catalog/model';
import {
  COMPONENTS,
  type Component,
  type Decision,
  type QuotaOutcome,
  type ResultUnitInput,
  type Results,
  type Settings,
  type UnitResult,
} from './model';
import { divideRounded, fromHundredths, toHundredths } from './round';
import { checkSettings, shareInTenThousandths } from './settings';
import { surveyHundredths } from './survey';

interface Working {
  input: ResultUnitInput;
  self: number | null;
  assessed: number | null;
  survey: number | null;
  composite: number | null;
  bonusClaimed: number;
  bonus: number;
  deduction: number;
  final: number | null;
  veto: boolean;
  missing: Component[];
  band: string | null;
  pending: boolean;
  quota: QuotaOutcome | null;
  grade: string | null;
  rank: number | null;
}

const orNull = (h: number | null): number | null => (h === null ? null : fromHundredths(h));

function composite(
  settings: Settings,
  parts: Record<Component, number | null>,
): {
  value: number | null;
  missing: Component[];
} {
  if (settings.weights === null) {
    const value = parts.assessed ?? parts.self;
    return { value, missing: value === null ? ['self', 'assessed'] : [] };
  }
  const weights = settings.weights;
  const missing = COMPONENTS.filter((c) => toHundredths(weights[c]) !== 0 && parts[c] === null);
  if (missing.length > 0) return { value: null, missing };
  // Σ value·weight in (hundredths × hundredths); ÷ 100 for the weights' scale and ÷ 100 for their hundredths.
  const sum = COMPONENTS.reduce((s, c) => s + (parts[c] ?? 0) * toHundredths(weights[c]), 0);
  return { value: divideRounded(sum, 10_000), missing: [] };
}

function unitFigures(settings: Settings, input: ResultUnitInput): Working {
  const toH = (x: number | null): number | null => (x === null ? null : toHundredths(x));
  const parts: Record<Component, number | null> = {
    self: toH(input.self),
    assessed: toH(input.assessed),
    survey: input.survey === null ? null : surveyHundredths(input.survey),
  };
  const { value, missing } = composite(settings, parts);
  let bonusClaimed = 0;
  let deduction = 0;
  let veto = false;
  for (const entry of input.entries) {
    if (entry.kind === 'veto') veto = true;
    else if (entry.kind === 'bonus') bonusClaimed += toHundredths(entry.points ?? 0);
    else deduction += toHundredths(entry.points ?? 0);
  }
  const bonus = settings.bonusCap === null ? bonusClaimed : Math.min(bonusClaimed, toHundredths(settings.bonusCap));
  const final = value === null ? null : Math.max(0, value + bonus - deduction);
  const grades = settings.grades;
  let band: string | null = null;
  if (grades.length > 0) {
    if (veto) band = grades[grades.length - 1]!.name;
    else if (final !== null) band = grades.find((b) => toHundredths(b.min) <= final)?.name ?? null;
  }
  return {
    input,
    ...parts,
    composite: value,
    bonusClaimed,
    bonus,
    deduction,
    final,
    veto,
    missing,
    band,
    pending: grades.length > 0 && !veto && final === null,
    quota: null,
    grade: band,
    rank: null,
  };
}

/** Competition ranks within a group: units without a veto first, then vetoed ones; no final, no rank. */
function rankGroup(members: Working[]): void {
  const clear = members.filter((w) => w.final !== null && !w.veto);
  const vetoed = members.filter((w) => w.final !== null && w.veto);
  for (const w of clear) w.rank = 1 + clear.filter((o) => o.final! > w.final!).length;
  for (const w of vetoed) w.rank = clear.length + 1 + vetoed.filter((o) => o.final! > w.final!).length;
}

function applyQuota(settings: Settings, group: Group, members: Working[], decisions: Decision[]): void {
  const quota = settings.quota;
  if (quota === null) return;
  const index = settings.grades.findIndex((b) => b.name.trim() === quota.grade.trim());
  const grade = settings.grades[index]!.name;
  const next = settings.grades[index + 1]!.name;
  const scaled = shareInTenThousandths(quota.share) * members.length;
  const limit = (scaled - (scaled % 10_000)) / 10_000;
  // By rank: by final, highest first; a tie keeps the catalog order (it decides nothing: ties move together).
  const candidates = members.filter((w) => !w.veto && w.band === grade).sort((a, b) => b.final! - a.final!);
  const drop = (w: Working, why: QuotaOutcome): void => {
    w.quota = why;
    w.grade = next;
  };
  if (candidates.length <= limit) {
    for (const w of candidates) w.quota = 'kept';
    return;
  }
  const atLimit = limit > 0 ? candidates[limit - 1]!.final! : null;
  const straddles = atLimit !== null && candidates[limit]!.final === atLimit;
  candidates.forEach((w, i) => {
    if (straddles && w.final === atLimit) drop(w, 'tie');
    else if (straddles ? w.final! > atLimit : i < limit) w.quota = 'kept';
    else drop(w, 'over-limit');
  });
  if (straddles)
    decisions.push({
      group,
      units: candidates.filter((w) => w.quota === 'tie').map((w) => w.input.unit),
      reason: { code: 'quota-tie', params: { grade, next, limit, final: fromHundredths(atLimit) } },
    });
}

/**
 * The result of every unit of the catalog under the settings. Throws on settings that break a rule: they must
 * come through parseSettings or settingsFromSheet, which refuse them with the field named.
 */
export function computeResults(settings: Settings, units: readonly ResultUnitInput[]): Results {
  const broken = checkSettings(settings);
  if (broken.length > 0)
    throw new RangeError(`settings break a rule: ${broken.map((i) => `${i.code} (${i.field})`).join(', ')}`);
  const working = units.map((u) => unitFigures(settings, u));
  const groups = new Map<Group, Working[]>();
  for (const w of working) {
    const members = groups.get(w.input.unit.group);
    if (members) members.push(w);
    else groups.set(w.input.unit.group, [w]);
  }
  const decisions: Decision[] = [];
  for (const [group, members] of groups) {
    rankGroup(members);
    applyQuota(settings, group, members, decisions);
  }
  return {
    units: working.map((w): UnitResult => ({
      unit: w.input.unit,
      self: orNull(w.self),
      assessed: orNull(w.assessed),
      survey: orNull(w.survey),
      composite: orNull(w.composite),
      bonus: fromHundredths(w.bonus),
      bonusClaimed: fromHundredths(w.bonusClaimed),
      deduction: fromHundredths(w.deduction),
      final: orNull(w.final),
      veto: w.veto,
      grade: w.grade,
      pending: w.pending,
      band: w.band,
      quota: w.quota,
      rank: w.rank,
      missing: w.missing,
    })),
    decisions,
  };
}
