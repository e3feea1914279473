// buildSummary: the returned files' validation reports → who has returned, who is missing, totals and ranking.
// Rules (the one place they live):
//  - a file counts for the catalog unit its metadata names (by id, else by name) and only for the catalog's year;
//  - a unit's latest VALID submission wins (by submission time, then file path); older valid ones and invalid
//    ones are listed, never silently dropped;
//  - status: valid (a valid submission), invalid (only invalid ones), missing (none);
//  - assessed: where any scoring workbook came back (a ScoringMerge is given), a unit's 考核得分 are the merged
//    ones (../scoring-workbook/merge.ts), else its own sheet's;
//  - ranking: competition ranking (1, 2, 2, 4) of valid units, within the group and overall, by the assessed
//    total where every item of the unit is assessed, else the self total (scoreBasis says which), compared to
//    the hundredth; rows stay in catalog order;
//  - per-target statistics over targets identical across units (block, category, item, content, weight), e.g.
//    the party-building targets a whole group shares: average score and average as a share of the weight.
import { GROUPS, type Catalog, type Group, type Unit } from '../catalog/model';
import { fromHundredths, scoreUnit, toHundredths } from '../scoring';
import type { ScoringMerge } from '../scoring-workbook/merge';
import { compareSubmissions } from '../submission-order';
import type {
  BlockTotals,
  DeductionRow,
  GroupSummary,
  ProblemRow,
  Submission,
  SubmissionFate,
  SubmissionRow,
  SubmittedItem,
  Summary,
  TargetStat,
  UnitSummary,
} from './model';

export { compareSubmissions } from '../submission-order';

function matchUnit(
  catalog: Catalog,
  byId: Map<string, Unit>,
  byName: Map<string, Unit>,
  s: Submission,
): Unit | undefined {
  const id = s.report.identity;
  if (!id || id.year !== catalog.year) return undefined;
  return byId.get(id.unitId) ?? byName.get(id.unitName.trim());
}

/** Mean of values given to the hundredth, to 4 decimals (so 1/3 reads 0.3333, not 0.33333333333333331). */
export function average(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + toHundredths(v), 0);
  return round4(fromHundredths(sum) / values.length);
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/**
 * Competition ranking: 1 + the number of scores strictly higher (compared to the hundredth).
 * `scores` may hold nulls (not ranked).
 */
export function competitionRanks(scores: ReadonlyArray<number | null>): Array<number | null> {
  const ranked = scores.filter((s): s is number => s !== null).map(toHundredths);
  return scores.map((s) => {
    if (s === null) return null;
    const h = toHundredths(s);
    return 1 + ranked.filter((o) => o > h).length;
  });
}

function blockTotals(items: readonly SubmittedItem[]): BlockTotals[] {
  const score = scoreUnit(
    items.map((i) => ({ block: i.block, weight: i.weight, selfScore: i.selfScore, assessedScore: i.assessedScore })),
  );
  return score.blocks.map((b) => ({
    block: b.block,
    weight: b.weight,
    self: b.selfScore,
    assessed: b.assessedFilled > 0 ? b.assessedScore : null,
  }));
}

function targetKey(i: { block: string; category: string; item: string; content: string; weight: number }): string {
  return JSON.stringify([i.block, i.category.trim(), i.item.trim(), i.content.trim(), toHundredths(i.weight)]);
}

export function buildSummary(
  catalog: Catalog,
  submissions: readonly Submission[],
  scoring: ScoringMerge | null = null,
): Summary {
  const merged = new Map(scoring?.units.map((u) => [u.unitId, u]));
  const byId = new Map(catalog.units.map((u) => [u.id, u]));
  const byName = new Map(catalog.units.map((u) => [u.name.trim(), u]));
  const perUnit = new Map<string, Submission[]>();
  const unitOf = new Map<Submission, Unit | undefined>();
  for (const s of submissions) {
    const unit = s.report.status === 'unreadable' ? undefined : matchUnit(catalog, byId, byName, s);
    unitOf.set(s, unit);
    if (!unit) continue;
    const list = perUnit.get(unit.id) ?? [];
    list.push(s);
    perUnit.set(unit.id, list);
  }

  const chosen = new Map<string, Submission>();
  const fate = new Map<Submission, SubmissionFate>();
  for (const s of submissions) {
    const unit = unitOf.get(s);
    if (s.report.status === 'unreadable') fate.set(s, 'unreadable');
    else if (!unit) fate.set(s, 'unknown-unit');
    else if (s.report.status === 'invalid') fate.set(s, 'invalid');
    else fate.set(s, 'older');
  }
  for (const [unitId, list] of perUnit) {
    const sorted = [...list].sort(compareSubmissions);
    const valid = sorted.filter((s) => s.report.status === 'valid');
    const latestValid = valid[valid.length - 1];
    if (latestValid) {
      fate.set(latestValid, 'used');
      chosen.set(unitId, latestValid);
    } else {
      chosen.set(unitId, sorted[sorted.length - 1]!);
    }
  }

  const units: UnitSummary[] = catalog.units.map((unit, index) => {
    const s = chosen.get(unit.id);
    const base = {
      seq: index + 1,
      unitId: unit.id,
      name: unit.name,
      group: unit.group,
      files: perUnit.get(unit.id)?.length ?? 0,
      items: unit.items.length,
      rankInGroup: null,
      rankOverall: null,
    };
    if (!s)
      return {
        ...base,
        status: 'missing',
        file: null,
        submittedAt: null,
        self: null,
        assessed: merged.get(unit.id)?.assessed ?? null,
        assessedItems: merged.get(unit.id)?.assessedItems ?? 0,
        score: null,
        scoreBasis: null,
        blocks: [],
        problems: 0,
      };
    const valid = s.report.status === 'valid';
    const totals = s.report.totals;
    const self = totals?.self ?? null;
    const fromMerge = merged.get(unit.id);
    const assessed = fromMerge ? fromMerge.assessed : (totals?.assessed ?? null);
    // A sheet read without its rows tells only its total: counted as complete when it has one.
    const assessedItems = fromMerge
      ? fromMerge.assessedItems
      : s.items
        ? s.items.filter((i) => i.assessedScore !== null).length
        : assessed === null
          ? 0
          : unit.items.length;
    const complete = assessed !== null && assessedItems === unit.items.length;
    return {
      ...base,
      status: valid ? 'valid' : 'invalid',
      file: s.file,
      submittedAt: s.submittedAt,
      self,
      assessed,
      assessedItems,
      score: valid ? (complete ? assessed : self) : null,
      scoreBasis: valid ? (complete ? 'assessed' : self === null ? null : 'self') : null,
      blocks: s.items ? blockTotals(s.items) : [],
      problems: s.report.issues.length,
    };
  });

  const overall = competitionRanks(units.map((u) => u.score));
  units.forEach((u, i) => (u.rankOverall = overall[i]!));
  for (const group of GROUPS) {
    const members = units.filter((u) => u.group === group);
    const ranks = competitionRanks(members.map((u) => u.score));
    members.forEach((u, i) => (u.rankInGroup = ranks[i]!));
  }

  const rows: SubmissionRow[] = submissions.map((s) => {
    const unit = unitOf.get(s);
    return {
      file: s.file,
      submittedAt: s.submittedAt,
      unitId: unit?.id ?? null,
      unitName: unit?.name ?? s.report.identity?.unitName ?? null,
      status: s.report.status,
      fate: fate.get(s)!,
      errors: s.report.issues.filter((i) => i.severity === 'error').length,
      warnings: s.report.issues.filter((i) => i.severity === 'warning').length,
    };
  });

  const problems: ProblemRow[] = [];
  submissions.forEach((s, i) => {
    for (const issue of s.report.issues)
      problems.push({ unitName: rows[i]!.unitName, file: s.file, fate: rows[i]!.fate, issue });
  });

  const deductions: DeductionRow[] = [];
  for (const unit of catalog.units) {
    const s = chosen.get(unit.id);
    if (!s || s.report.status !== 'valid' || !s.items) continue;
    for (const item of s.items) {
      const below = item.selfScore !== null && toHundredths(item.selfScore) < toHundredths(item.weight);
      const assessedBelow = item.assessedScore !== null && toHundredths(item.assessedScore) < toHundredths(item.weight);
      if (!below && !assessedBelow && item.deductionReason.trim() === '') continue;
      deductions.push({
        unitName: unit.name,
        file: s.file,
        block: item.block,
        item: item.item,
        content: item.content,
        weight: item.weight,
        self: item.selfScore,
        assessed: item.assessedScore,
        reason: item.deductionReason,
      });
    }
  }

  return {
    year: catalog.year,
    units,
    missing: units.filter((u) => u.status === 'missing'),
    submissions: rows,
    problems,
    deductions,
    targets: targetStats(catalog, chosen),
    groups: groupSummaries(units),
    scoring,
  };
}

function targetStats(catalog: Catalog, chosen: Map<string, Submission>): TargetStat[] {
  interface Acc {
    stat: TargetStat;
    self: number[];
    assessed: number[];
  }
  const stats = new Map<string, Acc>();
  for (const unit of catalog.units) {
    const s = chosen.get(unit.id);
    const submitted = new Map<string, SubmittedItem[]>();
    if (s && s.report.status === 'valid' && s.items) {
      for (const item of s.items) {
        const key = targetKey(item);
        submitted.set(key, [...(submitted.get(key) ?? []), item]);
      }
    }
    for (const item of unit.items) {
      const key = targetKey(item);
      let acc = stats.get(key);
      if (!acc) {
        acc = {
          stat: {
            block: item.block,
            category: item.category,
            item: item.item,
            content: item.content,
            weight: item.weight,
            units: 0,
            selfCount: 0,
            selfAverage: null,
            selfShare: null,
            assessedCount: 0,
            assessedAverage: null,
            assessedShare: null,
          },
          self: [],
          assessed: [],
        };
        stats.set(key, acc);
      }
      acc.stat.units++;
      const filled = submitted.get(key)?.shift();
      if (!filled) continue;
      if (filled.selfScore !== null) acc.self.push(filled.selfScore);
      if (filled.assessedScore !== null) acc.assessed.push(filled.assessedScore);
    }
  }
  return [...stats.values()].map(({ stat, self, assessed }) => {
    const selfAverage = average(self);
    const assessedAverage = average(assessed);
    const share = (avg: number | null): number | null =>
      avg === null || stat.weight <= 0 ? null : round4(avg / stat.weight);
    return {
      ...stat,
      selfCount: self.length,
      selfAverage,
      selfShare: share(selfAverage),
      assessedCount: assessed.length,
      assessedAverage,
      assessedShare: share(assessedAverage),
    };
  });
}

function groupSummaries(units: readonly UnitSummary[]): GroupSummary[] {
  const out: GroupSummary[] = [];
  for (const group of GROUPS as readonly Group[]) {
    const members = units.filter((u) => u.group === group);
    if (members.length === 0) continue;
    const valid = members.filter((u) => u.status === 'valid');
    out.push({
      group,
      units: members.length,
      valid: valid.length,
      invalid: members.filter((u) => u.status === 'invalid').length,
      missing: members.filter((u) => u.status === 'missing').length,
      selfAverage: average(valid.map((u) => u.self).filter((v): v is number => v !== null)),
      assessedAverage: average(valid.map((u) => u.assessed).filter((v): v is number => v !== null)),
      scoreAverage: average(valid.map((u) => u.score).filter((v): v is number => v !== null)),
    });
  }
  return out;
}
