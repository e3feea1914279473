// The unit's inputs: 完成情况, 自评得分 and 扣分说明 on every item row, 考核得分 where the unit's template left it
// open (v1) and the assessment team has entered it.
// One function per rule, over plain values, so the task pane's live list uses exactly these rules.
import type { CellValue } from '../plan/model';
import type { IssueCode, IssueSeverity, ScoreField } from './issues';
import { hasMoreThanTwoDecimals, parseScore } from './score';
import { cellText } from './sheet';

export interface InputIssue {
  severity: IssueSeverity;
  code: IssueCode;
  params: Record<string, string | number>;
}

export interface ScoreCheck {
  /** The number to count, or null when the cell holds no usable number. */
  value: number | null;
  /** Counted by the sheet's own SUM formulas (a real number, not text). */
  countedBySheet: boolean;
  issues: InputIssue[];
}

/**
 * A score cell against its row's weight. `required`: a missing score is an error (自评得分 always; 考核得分 only
 * once the assessment has started, i.e. where present).
 */
export function checkScore(
  field: ScoreField,
  raw: CellValue | undefined,
  weight: number,
  required: boolean,
): ScoreCheck {
  const parsed = parseScore(raw);
  const issues: InputIssue[] = [];
  const err = (problem: string, params: Record<string, string | number> = {}): void => {
    issues.push({ severity: 'error', code: `${field}-${problem}` as IssueCode, params });
  };
  switch (parsed.kind) {
    case 'empty':
      if (required) err('missing');
      return { value: null, countedBySheet: false, issues };
    case 'invalid':
      err('not-a-number', { read: parsed.read });
      return { value: null, countedBySheet: false, issues };
    case 'numeric-text':
      // An error, not a warning: the sheet's own SUM formulas skip text, so its totals would be wrong.
      err('numeric-text', { read: parsed.read, value: parsed.value });
      break;
    case 'number':
      break;
  }
  const value = parsed.value;
  if (value < 0) err('negative', { value });
  else if (value > weight + 1e-9) err('above-weight', { value, weight });
  if (hasMoreThanTwoDecimals(value)) err('too-many-decimals', { value });
  return { value, countedBySheet: parsed.kind === 'number', issues };
}

/** 扣分说明 is required when the self score is a number below the weight. */
export function checkDeductionReason(
  selfScore: number | null,
  weight: number,
  reason: CellValue | undefined,
): InputIssue[] {
  if (selfScore === null || selfScore >= weight - 1e-9) return [];
  if (cellText(reason ?? null) !== '') return [];
  return [{ severity: 'error', code: 'deduction-reason-missing', params: { score: selfScore, weight } }];
}

/** 完成情况 is required once a 自评得分 is given (anything in the cell, even what is no number). */
export function checkCompletion(selfScore: CellValue | undefined, completion: CellValue | undefined): InputIssue[] {
  if (parseScore(selfScore).kind === 'empty') return [];
  if (cellText(completion ?? null) !== '') return [];
  return [{ severity: 'error', code: 'completion-missing', params: {} }];
}
