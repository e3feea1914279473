// The Office adapter's failure codes, on their own: the task pane recognises and words an adapter error with this
// list without loading the adapter (which sits in an async chunk).
export const OFFICE_ERROR_CODES = [
  'office-unavailable',
  'sheet-name-invalid',
  'render-failed',
  'sheet-missing',
  'marks-failed',
] as const;

/** Stable codes of the adapter's failures; the task pane looks the message up by code. */
export type OfficeErrorCode = (typeof OFFICE_ERROR_CODES)[number];
