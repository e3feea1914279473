// Turns anything thrown by an operation into a message in the current language. Views keep the error itself in
// their state and call this when they render, so a message follows a later switch of the language.
import type { TFunction } from 'i18next';
import { folderIssueMessage } from '../core/folders/errors';
import { PaneError } from './operations';

export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof PaneError && error.folderIssue) {
    return t(`taskpane:errors.${error.code}`, { ...error.params, message: folderIssueMessage(t, error.folderIssue) });
  }
  if (error instanceof PaneError && error.reason) {
    return t(`taskpane:errors.${error.code}`, { ...error.params, reason: t(error.reason.key, error.reason.params) });
  }
  if (error instanceof PaneError) return t(`taskpane:errors.${error.code}`, error.params);
  const message = error instanceof Error ? error.message : String(error);
  return t('common:unknownError', { message });
}
