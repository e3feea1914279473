// The merge of the returned scoring workbooks (评分表) into every unit's 考核得分 (issue 13, item 5). Pure: the
// workbooks come in as the scoring validator checked them (./validate.ts: record identity and the scores read).
// Rules (the one place they live):
//  - per scorer of the catalog (catalogScorers), its latest VALID workbook counts (by submission time, then file
//    path, as for units' sheets); older valid ones and invalid ones are listed with their fate, never dropped;
//  - a workbook for another year or catalog (fingerprint) contributes nothing: error scoring-catalog-differs;
//    one for a scorer the catalog does not have (an owner changed since it was built): scoring-scorer-unknown;
//  - a pair's 考核得分 comes from the workbook of the pair's scorer only: a score in another scorer's workbook is
//    an error (scoring-not-owner) and is not merged;
//  - two scores for one pair (from any workbooks counted) are an error (scoring-pair-twice) and the pair counts
//    as not scored: a conflict is never settled by picking one;
//  - a unit's assessed total is the sum of its merged scores (to the hundredth), null while none is scored.
import type { Catalog } from '../catalog/model';
import { catalogScorers, scorerKey, scorerOf, type Scorer } from '../catalog/scorers';
import { compareSubmissions } from '../submission-order';
import { catalogFingerprint } from '../plan/fingerprint';
import { fromHundredths, toHundredths } from '../scoring';
import type { ValidationIssue } from '../validate/issues';
import type { ScoringReport } from './validate';

/** One scoring workbook found, as checked. */
export interface ScoringSubmission {
  /** Where the file is: a path relative to the folder collected from, or a URL. */
  file: string;
  /** ISO 8601, when known (the push layout's timestamp, else the file's modification time). */
  submittedAt: string | null;
  report: Pick<ScoringReport, 'status' | 'identity' | 'entries' | 'issues'>;
}

export type ScoringFate =
  | 'used' // its scorer's latest valid workbook
  | 'older' // valid, but its scorer sent a later valid one
  | 'invalid' // failed validation
  | 'unreadable' // not a readable scoring workbook
  | 'foreign' // for another year or catalog
  | 'unknown-scorer'; // for a scorer the catalog does not have

export interface ScoringSubmissionRow {
  file: string;
  submittedAt: string | null;
  /** scorerKey of the workbook's scorer, when it could be read. */
  scorerKey: string | null;
  scorerName: string | null;
  status: ScoringReport['status'];
  fate: ScoringFate;
  errors: number;
  warnings: number;
}

/** One (unit, item) pair a scorer has not scored (or whose score is in conflict). */
export interface UnscoredPair {
  unitId: string;
  unitName: string;
  /** Index of the item in the unit's items. */
  itemIndex: number;
  item: string;
}

export type ScorerStatus = 'valid' | 'invalid' | 'missing';

export interface ScorerMerge {
  scorer: Scorer;
  key: string;
  /** The counted workbook, else the latest invalid one; null when none came back. */
  file: string | null;
  submittedAt: string | null;
  /** valid: a workbook counts; invalid: only invalid (or foreign) ones came back; missing: none. */
  status: ScorerStatus;
  /** Workbooks found for this scorer. */
  files: number;
  /** The scorer's pairs in the catalog. */
  pairs: number;
  /** Of them, scored in the merge. */
  scored: number;
  /** The others, in catalog order. */
  unscored: UnscoredPair[];
}

export interface MergedItem {
  /** null while not scored (or in conflict). */
  score: number | null;
  reason: string;
  /** The workbook and cell the score came from. */
  file: string | null;
  cell: string | null;
}

export interface MergedUnit {
  unitId: string;
  unitName: string;
  /** The unit's items in the catalog. */
  items: number;
  /** Of them, with a merged 考核得分. */
  assessedItems: number;
  /** Sum of the merged scores; null while no item is scored. */
  assessed: number | null;
  /** Per item of the unit, in catalog order. */
  scores: MergedItem[];
}

export interface MergeProblem {
  file: string;
  scorerName: string | null;
  fate: ScoringFate;
  issue: ValidationIssue;
}

export interface ScoringMerge {
  /** Catalog order. */
  units: MergedUnit[];
  /** catalogScorers order (owners, then the assessment team). */
  scorers: ScorerMerge[];
  /** Every workbook given, in the order given. */
  submissions: ScoringSubmissionRow[];
  /** Every workbook's validation issues (in the order given), then the merge's own errors (conflicts). */
  problems: MergeProblem[];
}

function error(code: ValidationIssue['code'], params: ValidationIssue['params'], at: Partial<ValidationIssue> = {}) {
  const issue: ValidationIssue = { severity: 'error', code, cell: at.cell ?? null, unit: at.unit ?? null, params };
  if (at.sheet !== undefined) issue.sheet = at.sheet;
  return issue;
}

function sum(values: readonly number[]): number {
  return fromHundredths(values.reduce((s, v) => s + toHundredths(v), 0));
}

/** How a scorer is named in a message: the assessment team by `teamName` (the edge's words). */
function nameOf(scorer: Scorer, teamName: string): string {
  return scorer.kind === 'team' ? teamName : scorer.name;
}

export interface MergeOptions {
  /** The assessment team's name in messages (考核组, in the summary's language). */
  teamName: string;
}

export function mergeScoring(
  catalog: Catalog,
  submissions: readonly ScoringSubmission[],
  options: MergeOptions,
): ScoringMerge {
  const fingerprint = catalogFingerprint(catalog);
  const scorers = catalogScorers(catalog);
  const known = new Set(scorers.map((s) => scorerKey(s.scorer)));
  const unitsById = new Map(catalog.units.map((u) => [u.id, u]));
  const problems: MergeProblem[] = [];

  const fate = new Map<ScoringSubmission, ScoringFate>();
  const perScorer = new Map<string, ScoringSubmission[]>();
  for (const s of submissions) {
    const identity = s.report.identity;
    if (s.report.status === 'unreadable' || identity === null) {
      fate.set(s, 'unreadable');
      continue;
    }
    const key = scorerKey(identity.scorer);
    perScorer.set(key, [...(perScorer.get(key) ?? []), s]);
    if (identity.year !== catalog.year || identity.catalogFingerprint !== fingerprint) {
      fate.set(s, 'foreign');
      problems.push({
        file: s.file,
        scorerName: identity.scorerName,
        fate: 'foreign',
        issue: error('scoring-catalog-differs', { expected: catalog.year, actual: identity.year }),
      });
    } else if (!known.has(key)) {
      fate.set(s, 'unknown-scorer');
      problems.push({
        file: s.file,
        scorerName: identity.scorerName,
        fate: 'unknown-scorer',
        issue: error('scoring-scorer-unknown', { scorer: identity.scorerName }),
      });
    } else {
      fate.set(s, s.report.status === 'valid' ? 'older' : 'invalid');
    }
  }

  // Per scorer: the latest valid workbook of this catalog counts; else the latest one is shown.
  const chosen = new Map<string, ScoringSubmission>();
  const counted: ScoringSubmission[] = [];
  for (const [key, list] of perScorer) {
    const sorted = [...list].sort(compareSubmissions);
    const valid = sorted.filter((s) => fate.get(s) === 'older');
    const latest = valid[valid.length - 1];
    if (latest) {
      fate.set(latest, 'used');
      counted.push(latest);
    }
    chosen.set(key, latest ?? sorted[sorted.length - 1]!);
  }

  // Every score of the counted workbooks, by pair; a score by a scorer who does not own the pair is not merged.
  interface Found {
    file: string;
    cell: string;
    sheet: string;
    score: number;
    reason: string;
  }
  const found = new Map<string, Found[]>();
  const pairKey = (unitId: string, index: number) => `${unitId}\u0001${index}`;
  for (const s of counted) {
    const identity = s.report.identity!;
    const key = scorerKey(identity.scorer);
    for (const e of s.report.entries ?? []) {
      if (e.assessedScore === null) continue;
      const unit = unitsById.get(e.unitId);
      const item = unit?.items[e.itemIndex];
      const owner = item ? scorerOf(catalog, item) : null;
      if (!unit || !item || !owner || scorerKey(owner) !== key) {
        problems.push({
          file: s.file,
          scorerName: identity.scorerName,
          fate: 'used',
          issue: error(
            'scoring-not-owner',
            {
              scorer: identity.scorerName,
              unit: unit?.name ?? e.unitName,
              item: item?.item ?? String(e.itemIndex + 1),
              owner: owner ? nameOf(owner, options.teamName) : '',
            },
            { sheet: e.sheet, cell: e.cell, unit: unit?.name ?? e.unitName },
          ),
        });
        // The pair's owner may also have scored it: two scores, whoever gave them.
        if (!unit || !item) continue;
      }
      const k = pairKey(e.unitId, e.itemIndex);
      found.set(k, [
        ...(found.get(k) ?? []),
        { file: s.file, cell: e.cell, sheet: e.sheet, score: e.assessedScore, reason: e.assessedReason },
      ]);
    }
  }

  const units: MergedUnit[] = catalog.units.map((unit) => {
    const scores = unit.items.map((item, index): MergedItem => {
      const all = found.get(pairKey(unit.id, index)) ?? [];
      const owner = scorerKey(scorerOf(catalog, item));
      if (all.length > 1) {
        const owned = chosen.get(owner);
        problems.push({
          file: owned && fate.get(owned) === 'used' ? owned.file : all[0]!.file,
          scorerName: null,
          fate: 'used',
          issue: error(
            'scoring-pair-twice',
            {
              unit: unit.name,
              item: item.item,
              count: all.length,
              cells: all.map((f) => `${f.file} ${f.sheet}!${f.cell}`).join('; '),
            },
            { unit: unit.name },
          ),
        });
        return { score: null, reason: '', file: null, cell: null };
      }
      const one = all[0];
      // A lone score from a workbook that does not own the pair was reported above and is not merged.
      const ownersFile = chosen.get(owner);
      if (!one || !ownersFile || fate.get(ownersFile) !== 'used' || one.file !== ownersFile.file)
        return { score: null, reason: '', file: null, cell: null };
      return { score: one.score, reason: one.reason, file: one.file, cell: `${one.sheet}!${one.cell}` };
    });
    const scored = scores.filter((s) => s.score !== null).map((s) => s.score!);
    return {
      unitId: unit.id,
      unitName: unit.name,
      items: unit.items.length,
      assessedItems: scored.length,
      assessed: scored.length > 0 ? sum(scored) : null,
      scores,
    };
  });
  const mergedById = new Map(units.map((u) => [u.unitId, u]));

  const scorerRows: ScorerMerge[] = scorers.map(({ scorer, pairs }) => {
    const key = scorerKey(scorer);
    const shown = chosen.get(key) ?? null;
    const unscored: UnscoredPair[] = [];
    for (const { unitId, index } of pairs) {
      if (mergedById.get(unitId)!.scores[index]!.score !== null) continue;
      const unit = unitsById.get(unitId)!;
      unscored.push({ unitId, unitName: unit.name, itemIndex: index, item: unit.items[index]!.item });
    }
    return {
      scorer,
      key,
      file: shown?.file ?? null,
      submittedAt: shown?.submittedAt ?? null,
      status: !shown ? 'missing' : fate.get(shown) === 'used' ? 'valid' : 'invalid',
      files: perScorer.get(key)?.length ?? 0,
      pairs: pairs.length,
      scored: pairs.length - unscored.length,
      unscored,
    };
  });

  const rows: ScoringSubmissionRow[] = submissions.map((s) => ({
    file: s.file,
    submittedAt: s.submittedAt,
    scorerKey: s.report.identity ? scorerKey(s.report.identity.scorer) : null,
    scorerName: s.report.identity?.scorerName ?? null,
    status: s.report.status,
    fate: fate.get(s)!,
    errors: s.report.issues.filter((i) => i.severity === 'error').length,
    warnings: s.report.issues.filter((i) => i.severity === 'warning').length,
  }));
  const checked = submissions.flatMap((s, i) =>
    s.report.issues.map((issue) => ({ file: s.file, scorerName: rows[i]!.scorerName, fate: rows[i]!.fate, issue })),
  );
  return { units, scorers: scorerRows, submissions: rows, problems: [...checked, ...problems] };
}
