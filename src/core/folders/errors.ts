// Failures of a shared folder are values with a stable code; the UI and the CLI look the message up in the
// `folders` locale namespace. Nothing here carries credentials: paths are relative to the folder's root.
import type { Translate } from '../translate';

export const FOLDER_ERROR_CODES = [
  'folder-unreachable', // connection refused / reset / DNS: the server could not be reached
  'auth-failed', // 401
  'forbidden', // 403
  'not-found', // 404 (e.g. the configured root does not exist)
  'already-exists', // 412 on a conditional create or MOVE Overwrite: F, 409 nameAlreadyExists, EEXIST
  'busy', // another push is moving a file to the same name right now (its claim is held, or 423 Locked)
  'conflict', // 409 other than a name clash (e.g. parent collection missing)
  'insufficient-storage', // 507, ENOSPC, Graph quotaLimitReached
  'too-large', // 413
  'rate-limited', // 429
  'timeout', // no answer within the time limit
  'verify-mismatch', // what arrived differs from what was sent
  'insecure-url', // plain http to a host that is not loopback
  'untrusted-certificate', // https to a server whose certificate this computer does not trust (or that has expired)
  'invalid-destination', // not a URL or folder we can use
  'http-error', // any other HTTP status
  'io-error', // local file system error (disk adapter)
  'sheet-invalid', // a returned sheet the validator rejects is not sent
] as const;
export type FolderErrorCode = (typeof FOLDER_ERROR_CODES)[number];

export interface FolderErrorInit {
  status?: number;
  path?: string;
  retryAfterMs?: number;
  detail?: string;
  cause?: unknown;
}

export class FolderError extends Error {
  readonly code: FolderErrorCode;
  readonly status?: number;
  readonly path?: string;
  /** From a Retry-After header, when the server sent one. */
  readonly retryAfterMs?: number;
  /** A short technical detail (never credentials), shown after the localised message. */
  readonly detail?: string;
  /** A temporary file that could not be removed after the failure (the user or an admin may delete it). */
  leftover?: string;

  constructor(code: FolderErrorCode, init: FolderErrorInit = {}) {
    super(
      `${code}${init.status ? ` (HTTP ${init.status})` : ''}${init.path ? `: ${init.path}` : ''}${init.detail ? ` — ${init.detail}` : ''}`,
    );
    this.name = 'FolderError';
    this.code = code;
    this.status = init.status;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
    this.detail = init.detail;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }
}

export function isFolderError(value: unknown): value is FolderError {
  return value instanceof FolderError;
}

/** Maps an HTTP status of a failed request to a code. */
export function codeForStatus(status: number): FolderErrorCode {
  switch (status) {
    case 401:
      return 'auth-failed';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 412:
      return 'already-exists';
    case 413:
      return 'too-large';
    case 429:
      return 'rate-limited';
    case 507:
      return 'insufficient-storage';
    case 408:
    case 504:
      return 'timeout';
    default:
      return 'http-error';
  }
}

/** Retry-After as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Whether trying again later may succeed: timeouts, unreachable servers, 5xx except 507, 429. */
export function isTransient(error: unknown): boolean {
  if (!isFolderError(error)) return false;
  switch (error.code) {
    case 'timeout':
    case 'folder-unreachable':
    case 'rate-limited':
    case 'busy':
      return true;
    case 'http-error':
      return error.status !== undefined && error.status >= 500 && error.status !== 507;
    default:
      return false;
  }
}

/** A failure as a plain value (for the queue, logs and the CLI): code, status, path, detail. */
export interface FolderIssue {
  code: FolderErrorCode | 'unexpected';
  status?: number;
  path?: string;
  detail?: string;
  leftover?: string;
}

export function toIssue(error: unknown): FolderIssue {
  if (isFolderError(error)) {
    const issue: FolderIssue = { code: error.code };
    if (error.status !== undefined) issue.status = error.status;
    if (error.path !== undefined) issue.path = error.path;
    if (error.detail !== undefined) issue.detail = error.detail;
    if (error.leftover !== undefined) issue.leftover = error.leftover;
    return issue;
  }
  return { code: 'unexpected', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * The localised message for a failure, e.g. for the CLI's stderr or the task pane's message bar: the user's language
 * only. What a library or the network said (`detail`) is not in it — it is English or a code — but goes to a log
 * (folderIssueLog), never inside a sentence of another language.
 */
export function folderIssueMessage(t: Translate, issue: FolderIssue): string {
  const where = issue.path ? ` (${issue.path})` : '';
  const base = t(`folders:error.${issue.code}`, { path: issue.path ?? '', status: issue.status ?? '', where });
  const parts = [base];
  if (issue.status !== undefined && issue.code !== 'http-error') parts.push(`(HTTP ${issue.status})`);
  if (issue.leftover) parts.push(t('folders:leftover', { path: issue.leftover }));
  return parts.join(' ');
}

/** A failure's technical account for a log line (the CLI's stderr, the pane's console): code, status and detail. */
export function folderIssueLog(issue: FolderIssue): string {
  return [
    issue.code,
    issue.status !== undefined ? `HTTP ${issue.status}` : null,
    issue.path ?? null,
    issue.detail ?? null,
  ]
    .filter((part): part is string => part !== null && part !== '')
    .join(' | ');
}
