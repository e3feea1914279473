// Turns an issue into the user's language. The CLI, the task pane and the summary all use this, so a message reads
// the same wherever it is shown. A message says what is wrong and, led by where (./where: 第 3 项「信用体系建设」,
// 党政建设小计, …), which target it is about; the cell is not in it: each presenter shows the cell once, in its own
// column or at the head of the line (formatIssueLine).
import type { Translate } from '../translate';
import { READ_REASONS, type ValidationIssue } from './issues';

const READ_REASON_SET: ReadonlySet<string> = new Set(READ_REASONS);

export interface FormatOptions {
  /** Lead with the row's target (default true); false where the target has its own columns (a problem list). */
  where?: boolean;
}

/**
 * The message's variant for a value that was or became empty (e.g. weight-changed_nowEmpty: "分值被清空"), where
 * the locale has one; the plain message otherwise.
 */
function contextOf(issue: ValidationIssue): string | undefined {
  const { expected, actual, text } = issue.params;
  if (expected === '' && actual !== undefined && actual !== '') return 'wasEmpty';
  if (actual === '' && expected !== undefined && expected !== '') return 'nowEmpty';
  if (issue.code === 'row-inserted' && text === '') return 'noText';
  return undefined;
}

/** Where an issue is: its row's target or the row's name, as the lead of a message ('' for none). */
export function formatWhere(t: Translate, issue: ValidationIssue): string {
  const p = issue.params;
  if (p.seq !== undefined && p.seq !== '' && p.item !== undefined) {
    return t(p.item === '' ? 'validate:where.itemNoName' : 'validate:where.item', { seq: p.seq, item: p.item });
  }
  switch (p.rowLabel) {
    case 'subtotal': {
      const block = typeof p.block === 'string' ? t(`glossary:blocks.${p.block}`) : String(p.blockName ?? '');
      return t('validate:where.subtotal', { block });
    }
    case 'total':
    case 'status':
    case 'title':
    case 'info':
    case 'header':
      return t(`validate:where.${p.rowLabel}`);
    default:
      return '';
  }
}

export function formatIssue(t: Translate, issue: ValidationIssue, options: FormatOptions = {}): string {
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
  const context = contextOf(issue);
  const message = t(`validate:codes.${issue.code}`, {
    ...params,
    cell: cellOf(issue),
    unit: issue.unit ?? '',
    ...(context ? { context } : {}),
  });
  // Messages that name their row themselves (a moved or deleted item) carry seq as a particular of their own.
  const where =
    options.where === false || issue.code === 'row-moved' || issue.code === 'row-deleted' ? '' : formatWhere(t, issue);
  return `${where}${message}`;
}

/** The cell as a user finds it: "Sheet!K5" where the workbook has several sheets (a scoring workbook). */
function cellOf(issue: ValidationIssue): string {
  if (!issue.cell) return '';
  return issue.sheet ? `${issue.sheet}!${issue.cell}` : issue.cell;
}

/** An issue as one line of running text: its cell, once, then its message ("E16 第 12 项「…」：分值被改动…"). */
export function formatIssueLine(t: Translate, issue: ValidationIssue): string {
  const message = formatIssue(t, issue);
  const cell = cellOf(issue);
  return cell ? t('validate:line', { cell, message }) : message;
}

export function formatSeverity(t: Translate, issue: ValidationIssue): string {
  return t(`validate:severity.${issue.severity}`);
}
