// Turns anything thrown by an operation into a message in the current language.
import type { TFunction } from 'i18next';
import { PaneError } from './operations';

export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof PaneError) return t(`taskpane:errors.${error.code}`, error.params);
  const message = error instanceof Error ? error.message : String(error);
  return t('common:unknownError', { message });
}
