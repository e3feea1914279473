// What the validator reports. Issues are values with a stable code; the words come from the locale
// (src/i18n/locales/*/validate.json, keyed by code) through formatIssue, shared by the CLI and the task pane.

export type IssueSeverity = 'error' | 'warning';

/**
 * A file that could not be read as a workbook at all (from the file reader; the task pane never sees these).
 * 'reader-failed' is the reader's own fault (an exception it did not expect), never blamed on the file.
 */
export const FILE_CODES = [
  'reader-failed',
  'file-empty',
  'file-too-large',
  'file-not-a-workbook',
  'file-encrypted-or-xls',
  'file-corrupt',
  'file-archive-limits',
  'file-macro-enabled',
  'file-not-xlsx',
  'file-too-many-cells',
  'file-too-many-strings',
  'file-cannot-open',
] as const;

/**
 * What the file reader found wrong, as `params.reason` of file-corrupt, file-not-xlsx and file-archive-limits.
 * Worded from the locale (validate:reasons) like the codes, so that no library's or file format's English reaches
 * a message; the reader's technical account of it goes to the issue's `detail`, for a log.
 */
export const READ_REASONS = [
  'truncated',
  'bad-directory',
  'zip64',
  'unsupported-compression',
  'bad-data',
  'size-mismatch',
  'encrypted-entry',
  'xml-malformed',
  'xml-declaration',
  'part-missing',
  'no-content-types',
  'no-workbook-part',
  'no-workbook-element',
  'archive-too-many-entries',
  'archive-too-large',
  'archive-bomb',
  // The file itself could not be read (what the operating system said goes to the issue's detail).
  'file-not-found',
  'file-is-folder',
  'file-no-permission',
  'file-system-error',
] as const;
export type ReadReason = (typeof READ_REASONS)[number];

/**
 * A workbook that is not (or no longer) recognisable as one of our templates: status "unreadable". A scoring
 * workbook (评分表) given where a unit's sheet is expected is one of them: it is checked as what it is, elsewhere.
 */
export const IDENTITY_CODES = [
  'not-a-template',
  'template-sheet-missing',
  'template-version-unsupported',
  'is-scoring-workbook',
  // A result copy (评分结果) where a unit's sheet is expected (src/core/result-copy checks it as what it is).
  'is-result-copy',
] as const;

export const INTEGRITY_CODES = [
  'metadata-missing',
  'metadata-invalid',
  'metadata-mismatch',
  'fingerprint-mismatch',
  'weight-changed',
  'text-changed',
  'locked-cell-changed',
  'assessed-score-changed',
  'row-inserted',
  'rows-inserted',
  'row-deleted',
  'row-moved',
  'formula-replaced',
  'formula-changed',
  'protection-removed',
  'catalog-unit-missing',
  'catalog-year-differs',
  'catalog-outdated',
  'catalog-version-differs',
  // A scoring workbook's sheet (its group's units) is gone, or its header is.
  'scoring-sheet-missing',
  'scoring-header-missing',
  // The merge of scoring workbooks (../scoring-workbook/merge.ts): a workbook for another year or catalog, for a
  // scorer the catalog no longer has, a score by a scorer who does not own the item, two scores for one pair.
  'scoring-catalog-differs',
  'scoring-scorer-unknown',
  'scoring-not-owner',
  'scoring-pair-twice',
  // A cell of a result copy (评分结果) changed after it was issued (src/core/result-copy/validate.ts).
  'result-changed',
] as const;

export const SCORE_FIELDS = ['self-score', 'assessed-score'] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];
export const SCORE_PROBLEMS = [
  'missing',
  'not-a-number',
  'numeric-text',
  'negative',
  'above-weight',
  'too-many-decimals',
] as const;
export type ScoreProblem = (typeof SCORE_PROBLEMS)[number];

export const INPUT_CODES = [
  'sheet-not-filled',
  'completion-missing',
  ...SCORE_FIELDS.flatMap((f) => SCORE_PROBLEMS.map((p) => `${f}-${p}` as const)),
  'deduction-reason-missing',
  'total-mismatch',
  // A scoring workbook's inputs: a 考核得分 below 分值 without 考核扣分说明; rows not scored yet (a warning).
  'assessed-reason-missing',
  'scoring-unscored',
] as const;

export type FileCode = (typeof FILE_CODES)[number];
export type IssueCode =
  FileCode | (typeof IDENTITY_CODES)[number] | (typeof INTEGRITY_CODES)[number] | (typeof INPUT_CODES)[number];

export const ALL_CODES: readonly IssueCode[] = [...FILE_CODES, ...IDENTITY_CODES, ...INTEGRITY_CODES, ...INPUT_CODES];

/** Codes that mean "this is not a template we can check" rather than "this template has errors". */
export const UNREADABLE_CODES: ReadonlySet<IssueCode> = new Set<IssueCode>([...FILE_CODES, ...IDENTITY_CODES]);

/**
 * An issue's particulars, by code (the messages' placeholders). Issues at a cell of the table also say where it is,
 * so that a line names the target: `seq` and `item` (序号 and 考核项目 — the 考核内容's start where the item has no
 * name) on an item row; `rowLabel` ('subtotal' with its `block`, 'total', 'status', 'title', 'info', 'header')
 * elsewhere.
 */
export type IssueParams = Record<string, string | number>;

/** Rows of the sheet that are not item rows, as an issue's `rowLabel` names them. */
export const ROW_LABELS = ['subtotal', 'total', 'status', 'title', 'info', 'header'] as const;
export type RowLabel = (typeof ROW_LABELS)[number];

export interface ValidationIssue {
  severity: IssueSeverity;
  code: IssueCode;
  /** A1 address on the template sheet, or null for findings about the whole file. */
  cell: string | null;
  /** The sheet the cell is on, where a workbook has several (a scoring workbook); absent on a unit's sheet. */
  sheet?: string;
  /** Unit name, when known. */
  unit: string | null;
  params: IssueParams;
  /** A technical account for a log (e.g. the reader's exception); never part of a message shown to a user. */
  detail?: string;
}

export type ValidationStatus = 'valid' | 'invalid' | 'unreadable';

export function statusOf(issues: readonly ValidationIssue[]): ValidationStatus {
  if (issues.some((i) => UNREADABLE_CODES.has(i.code))) return 'unreadable';
  if (issues.some((i) => i.severity === 'error')) return 'invalid';
  return 'valid';
}
