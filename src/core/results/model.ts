// The final result, as data: the year's rules (考核设置), what the register (加减分台账) and the survey (民主测评)
// say about a unit, and what comes out per unit and per group. Plain types only: the zod schema of the settings
// file is in ./settings-schema, so code that only computes does not load zod.
import type { Group } from '../catalog/model';

/** The three parts of the composite score, in the order they are shown. */
export const COMPONENTS = ['self', 'assessed', 'survey'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Points each component counts for, out of 100 (at most two decimals each). */
export type Weights = Record<Component, number>;

/** A grade band (等次): a final of at least `min` gets `name`, unless an earlier band already took it. */
export interface GradeBand {
  name: string;
  min: number;
}

/** At most floor(share × the group's units in the catalog) units of a group keep `grade`. */
export interface Quota {
  grade: string;
  share: number;
}

export interface Settings {
  /**
   * null: no weighting — the composite is the assessed total, or the self total while a unit is unassessed
   * (the summary's ranking rule).
   */
  weights: Weights | null;
  /** Highest band first; the last band's min is 0. Empty: no grades. */
  grades: GradeBand[];
  quota: Quota | null;
  /** The most 加分 a unit gets in total; null: no cap. */
  bonusCap: number | null;
}

/** The catalog's unit as the result knows it. */
export interface ResultUnit {
  id: string;
  name: string;
  group: Group;
}

/** 类型 of a register entry: 加分 / 扣分 / 一票否决. */
export const ENTRY_KINDS = ['bonus', 'deduction', 'veto'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** One row of the register that passed every check. */
export interface RegisterEntry {
  /** 1-based row of the register sheet. */
  row: number;
  unitId: string;
  kind: EntryKind;
  /** 分值: points (≥ 0, two decimals at most) for a bonus or a deduction; null for a veto. */
  points: number | null;
  /** 事由 */
  reason: string;
  /** 文号 ('' when not given). */
  document: string;
  /** 日期: yyyy-mm-dd for a date cell, the text as written otherwise, '' when not given. */
  date: string;
}

/** Vote counts of the survey: 优秀 / 良好 / 一般 / 差. */
export interface SurveyVotes {
  excellent: number;
  good: number;
  fair: number;
  poor: number;
}

/** One row of the survey that passed every check. */
export interface SurveyRow {
  row: number;
  unitId: string;
  votes: SurveyVotes;
}

/** What the computation needs of one unit. */
export interface ResultUnitInput {
  unit: ResultUnit;
  /** 自评 total; null when there is none (no valid submission). */
  self: number | null;
  /** 考核 total; null while unassessed. */
  assessed: number | null;
  survey: SurveyVotes | null;
  /** The unit's register entries, any order. */
  entries: readonly RegisterEntry[];
}

/**
 * Where a unit stands with the quota: it kept the quota grade, dropped because the limit was reached by units
 * ranked above it, or dropped because it was tied with others across the limit (a decision for the committee).
 * null when the quota did not concern it.
 */
export type QuotaOutcome = 'kept' | 'over-limit' | 'tie';

export interface UnitResult {
  unit: ResultUnit;
  /** The inputs as shown (rounded to the hundredth). */
  self: number | null;
  assessed: number | null;
  /** Survey score; null without votes. */
  survey: number | null;
  composite: number | null;
  /** 加分 counted: the sum of the unit's bonuses, capped. */
  bonus: number;
  /** The sum of the unit's bonuses before the cap. */
  bonusClaimed: number;
  /** 扣分: the sum of the unit's deductions. */
  deduction: number;
  /** max(0, composite + bonus − deduction); null when a needed component is missing. */
  final: number | null;
  veto: boolean;
  /** The grade band after the quota; null when there are no bands or the grade is pending. */
  grade: string | null;
  /** Grades are set but the final is missing (待定); never true with a veto. */
  pending: boolean;
  /** The band the final falls in (the lowest with a veto), before the quota. */
  band: string | null;
  quota: QuotaOutcome | null;
  /** Competition rank within the group; null without a final. */
  rank: number | null;
  /** Needed components that are missing (weight > 0 and no value), in COMPONENTS order. */
  missing: Component[];
}

/** Something the committee decides, because the rules do not. */
export interface Decision {
  group: Group;
  /** In rank order. */
  units: ResultUnit[];
  reason: { code: 'quota-tie'; params: { grade: string; next: string; limit: number; final: number } };
}

export interface Results {
  /** One per unit given, in the order given. */
  units: UnitResult[];
  decisions: Decision[];
}

/** Why a settings value, a register row or a survey row was refused. Worded by the `results` locale namespace. */
export const SETTINGS_CODES = [
  'settings-not-json',
  'settings-not-an-object',
  'settings-field-not-a-number',
  'settings-field-not-text',
  'settings-field-not-an-object',
  'settings-field-not-a-list',
  'settings-field-required',
  'settings-field-unknown',
  'settings-number-negative',
  'settings-too-many-decimals',
  'settings-weights-sum',
  'settings-grade-name-empty',
  'settings-grade-duplicate',
  'settings-grades-order',
  'settings-grade-last-min',
  'settings-quota-grade-unknown',
  'settings-quota-grade-lowest',
  'settings-quota-share-range',
  'settings-sheet-header-missing',
  'settings-sheet-key-unknown',
  'settings-sheet-key-repeated',
  'settings-sheet-value-missing',
  'settings-sheet-not-a-number',
] as const;

export const REGISTER_CODES = [
  'register-header-missing',
  'register-unit-missing',
  'register-unit-unknown',
  'register-unit-ambiguous',
  'register-type-missing',
  'register-type-unknown',
  'register-points-missing',
  'register-points-not-a-number',
  'register-points-numeric-text',
  'register-points-negative',
  'register-points-too-many-decimals',
  'register-points-for-veto',
  'register-reason-missing',
  'register-date-invalid',
] as const;

export const SURVEY_CODES = [
  'survey-header-missing',
  'survey-unit-missing',
  'survey-unit-unknown',
  'survey-unit-ambiguous',
  'survey-unit-repeated',
  'survey-votes-not-a-number',
  'survey-votes-numeric-text',
  'survey-votes-negative',
  'survey-votes-not-whole',
  'survey-no-votes',
] as const;

export type ResultIssueCode =
  (typeof SETTINGS_CODES)[number] | (typeof REGISTER_CODES)[number] | (typeof SURVEY_CODES)[number];

export const RESULT_ISSUE_CODES: readonly ResultIssueCode[] = [...SETTINGS_CODES, ...REGISTER_CODES, ...SURVEY_CODES];

/**
 * A refusal. Its message (`results:codes.<code>`, with `params`) does not name where: whoever shows it leads with
 * the cell, else the field ("C7：分值不是数字…", "weights.self：不能为负数…").
 */
export interface ResultIssue {
  code: ResultIssueCode;
  /** The settings field, e.g. "weights", "grades[2].min", "quota.share"; null for a sheet row's problem. */
  field: string | null;
  /** A1 address on the sheet read (settings sheet, register, survey); null for a JSON settings file. */
  cell: string | null;
  params: Record<string, string | number>;
}
