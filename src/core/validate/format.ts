// Turns an issue into the user's language. The CLI and the task pane both use this, so a message reads the same
// wherever it is shown.
import type { TFunction } from '../../i18n';
import type { ValidationIssue } from './issues';

export function formatIssue(t: TFunction, issue: ValidationIssue): string {
  const params: Record<string, string | number> = { ...issue.params };
  // A row label ("subtotal" / "total") is shown in the user's words.
  if (params.label === 'subtotal' || params.label === 'total') params.label = t(`validate:columns.${params.label}`);
  return t(`validate:codes.${issue.code}`, { ...params, cell: issue.cell ?? '', unit: issue.unit ?? '' });
}

export function formatSeverity(t: TFunction, issue: ValidationIssue): string {
  return t(`validate:severity.${issue.severity}`);
}
