// Turns anything thrown by an operation into a message in the current language. Views keep the error itself in
// their state and call this when they render, so a message follows a later switch of the language.
import type { TFunction } from 'i18next';
import { OFFICE_ERROR_CODES } from '../office/error-codes';
import { logDetail } from './log';
import { PaneError } from './operations';

export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof PaneError) {
    return t(
      `taskpane:errors.${error.code}`,
      error.detail ? { ...error.params, detail: error.detail(t) } : error.params,
    );
  }
  // Keyed on the name and the codes, not instanceof: importing OfficeAdapterError would pull the office chunk into
  // the main bundle (src/office/error-codes.ts is only the list).
  if (isOfficeAdapterError(error)) return t(`taskpane:officeErrors.${error.code}`, error.params);
  // Anything else (a library's or Excel's own error) is in English or in codes: the user reads that something
  // unexpected happened, in their language; the error itself goes to the log.
  logDetail('unexpected error', error);
  return t('common:unknownError');
}

const OFFICE_CODES: ReadonlySet<string> = new Set(OFFICE_ERROR_CODES);

/** The Office adapter's error (src/office/excel-api.ts), recognised without importing it. */
function isOfficeAdapterError(
  error: unknown,
): error is Error & { code: string; params: Record<string, string | number> } {
  if (!(error instanceof Error) || error.name !== 'OfficeAdapterError') return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && OFFICE_CODES.has(code);
}
