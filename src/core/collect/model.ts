// Collecting returned sheets: what goes in (one Submission per file found in the shared folder) and what comes
// out (a Summary: one row per catalog unit, the missing units, every problem, per-target statistics).
// Pure data; buildSummary (summary.ts) makes the one from the other.
import type { Block, Group } from '../catalog/model';
import type { ScoringMerge } from '../scoring-workbook/merge';
import type { ValidationIssue } from '../validate/issues';

/** Fate of a unit in the summary. */
export type UnitStatus = 'valid' | 'invalid' | 'missing';

/**
 * What the validator reported for one file — the fields of its ValidationReport the summary needs (the full
 * report is accepted as is).
 */
export interface CheckedReport {
  status: 'valid' | 'invalid' | 'unreadable';
  identity: { unitId: string; unitName: string; group: Group; year: number } | null;
  totals: { self: number; assessed: number | null } | null;
  issues: ValidationIssue[];
}

/** One target row as the unit filled it in (read from a sheet the validator passed). */
export interface SubmittedItem {
  block: Block;
  category: string;
  item: string;
  content: string;
  weight: number;
  selfScore: number | null;
  assessedScore: number | null;
  deductionReason: string;
  /** 完成情况 and 佐证材料 as written (the scoring workbooks show them). */
  completion: string;
  evidence: string;
}

export interface Submission {
  /** Where the file is: a path relative to the folder collected from, or a URL. */
  file: string;
  /** ISO 8601 (UTC): from the returned-path layout's timestamp, else the file's modification time; null if unknown. */
  submittedAt: string | null;
  report: CheckedReport;
  /** The target rows, when the sheet could be read row by row (only needed for valid submissions). */
  items?: SubmittedItem[];
}

/** What happened to a file in the summary. */
export type SubmissionFate =
  | 'used' // the unit's latest valid submission
  | 'older' // valid, but the unit sent a later valid one
  | 'invalid' // failed validation
  | 'unreadable' // not a readable template (broken file, foreign workbook, …)
  | 'unknown-unit'; // a template for a unit that is not in the catalog

export interface SubmissionRow {
  file: string;
  submittedAt: string | null;
  /** Catalog unit id, when the file was matched to one. */
  unitId: string | null;
  /** Name the file gives (from its metadata), or the catalog name. */
  unitName: string | null;
  status: CheckedReport['status'];
  fate: SubmissionFate;
  errors: number;
  warnings: number;
}

export interface BlockTotals {
  block: Block;
  weight: number;
  self: number;
  /** null when no assessed score has been entered in the block. */
  assessed: number | null;
}

export interface UnitSummary {
  /** 1-based position in the catalog. */
  seq: number;
  unitId: string;
  name: string;
  group: Group;
  status: UnitStatus;
  /** The submission the row shows: the latest valid one, else the latest invalid one; null when missing. */
  file: string | null;
  submittedAt: string | null;
  self: number | null;
  /** The merged 考核得分 total where any scoring workbook came back, else the unit sheet's; null while none. */
  assessed: number | null;
  /** The unit's items in the catalog, and how many of them have a 考核得分. */
  items: number;
  assessedItems: number;
  /** What the unit is ranked by: the assessed total where every item is scored, else the self total; null when not ranked. */
  score: number | null;
  /** Which total `score` is. */
  scoreBasis: 'assessed' | 'self' | null;
  /** Per-block subtotals (party first) of the shown submission, when its rows could be read. */
  blocks: BlockTotals[];
  /** Errors + warnings of the shown submission. */
  problems: number;
  /** Competition ranking (1, 2, 2, 4); only valid units are ranked. */
  rankInGroup: number | null;
  rankOverall: number | null;
  /** Every file attributed to the unit, newest first. */
  files: number;
}

export interface ProblemRow {
  unitName: string | null;
  file: string;
  fate: SubmissionFate;
  issue: ValidationIssue;
}

export interface DeductionRow {
  unitName: string;
  file: string;
  block: Block;
  item: string;
  content: string;
  weight: number;
  self: number | null;
  assessed: number | null;
  reason: string;
}

export interface TargetStat {
  block: Block;
  category: string;
  item: string;
  content: string;
  weight: number;
  /** Units in the catalog that have this target. */
  units: number;
  /** Units whose valid submission gave a score for it. */
  selfCount: number;
  selfAverage: number | null;
  /** selfAverage / weight (0..1); null when the weight is 0 or nobody scored. */
  selfShare: number | null;
  assessedCount: number;
  assessedAverage: number | null;
  assessedShare: number | null;
}

export interface GroupSummary {
  group: Group;
  units: number;
  valid: number;
  invalid: number;
  missing: number;
  selfAverage: number | null;
  assessedAverage: number | null;
  scoreAverage: number | null;
}

export interface Summary {
  year: number;
  /** Catalog order. */
  units: UnitSummary[];
  /** Units with no submission at all, catalog order. */
  missing: UnitSummary[];
  /** Every file read, in the order given. */
  submissions: SubmissionRow[];
  problems: ProblemRow[];
  deductions: DeductionRow[];
  targets: TargetStat[];
  groups: GroupSummary[];
  /** The merge of the scoring workbooks, when any came back (then `assessed` comes from it). */
  scoring: ScoringMerge | null;
}
