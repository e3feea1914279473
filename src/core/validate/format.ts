// Turns an issue into the user's language. The CLI and the task pane both use this, so a message reads the same
// wherever it is shown.
import type { Translate } from '../translate';
import type { ValidationIssue } from './issues';

export function formatIssue(t: Translate, issue: ValidationIssue): string {
  const params: Record<string, string | number> = { ...issue.params };
  // A row label ("subtotal" / "total") is shown in the user's words.
  if (params.label === 'subtotal' || params.label === 'total') params.label = t(`glossary:columns.${params.label}`);
  return t(`validate:codes.${issue.code}`, { ...params, cell: issue.cell ?? '', unit: issue.unit ?? '' });
}

/**
 * An issue as one line of running text: its message, led by its cell when the message does not name the cell
 * itself (most messages do: "G5 未填写自评得分。"; a moved or inserted row's message names the row instead).
 */
export function formatIssueLine(t: Translate, issue: ValidationIssue): string {
  const message = formatIssue(t, issue);
  return issue.cell && !message.includes(issue.cell) ? `${issue.cell} ${message}` : message;
}

export function formatSeverity(t: Translate, issue: ValidationIssue): string {
  return t(`validate:severity.${issue.severity}`);
}
