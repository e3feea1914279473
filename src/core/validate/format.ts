// Turns an issue into the user's language. The CLI and the task pane both use this, so a message reads the same
// wherever it is shown.
import type { Translate } from '../translate';
import { READ_REASONS, type ValidationIssue } from './issues';

const READ_REASON_SET: ReadonlySet<string> = new Set(READ_REASONS);

export function formatIssue(t: Translate, issue: ValidationIssue): string {
  const params: Record<string, string | number> = { ...issue.params };
  // A row label ("subtotal" / "total") is shown in the user's words.
  if (params.label === 'subtotal' || params.label === 'total') params.label = t(`glossary:columns.${params.label}`);
  // So is the file reader's reason for refusing a file.
  if (typeof params.reason === 'string' && READ_REASON_SET.has(params.reason)) {
    params.reason = t(`validate:reasons.${params.reason}`, params);
  }
  // A file the shared folder could not give: the folder's own message for its failure code.
  if (typeof params.folder === 'string' && params.reason === undefined) {
    params.reason = t(`folders:error.${params.folder}`, { where: '', path: '', status: '' });
  }
  return t(`validate:codes.${issue.code}`, { ...params, cell: cellOf(issue), unit: issue.unit ?? '' });
}

/** The cell as a user finds it: "Sheet!K5" where the workbook has several sheets (a scoring workbook). */
function cellOf(issue: ValidationIssue): string {
  if (!issue.cell) return '';
  return issue.sheet ? `${issue.sheet}!${issue.cell}` : issue.cell;
}

/**
 * An issue as one line of running text: its message, led by its cell when the message does not name the cell
 * itself (most messages do: "G5 未填写自评得分。"; a moved or inserted row's message names the row instead).
 */
export function formatIssueLine(t: Translate, issue: ValidationIssue): string {
  const message = formatIssue(t, issue);
  const cell = cellOf(issue);
  return cell && !message.includes(cell) ? `${cell} ${message}` : message;
}

export function formatSeverity(t: Translate, issue: ValidationIssue): string {
  return t(`validate:severity.${issue.severity}`);
}
