// Submitting a sheet to the shared folder, and sending what waits in the queue: the CLI's push and the pane's 提交
// and 重试 are this, with their own ports (the folder, the queue's storage, the clock, a yes for warnings).
//
// submitSheet: a returned sheet is checked first (errors refuse it; its warnings go to `approve`, which may stop
// it) → the destination path from the sheet's own record (unit, year), else the caller's fallback →
// <year>/returned/<unit>/<unit>-<UTC time>-<8 hex of SHA-256>.xlsx (a template: <year>/templates/<its name>; a
// scoring workbook, checked as one: <year>/scoring/<scorer>/<scorer>-<UTC time>-<8 hex>.xlsx; kind 'auto', the
// pane's 提交: the workbook's record says which of the two) → pushFile (create-only, verified, never overwriting) → the push recorded where the caller keeps records. A push
// that failed for a transient reason (server down, timeout, 5xx) waits in the queue when there is one.
// retryQueue: every entry for this destination is sent again; one that arrived although its answer was lost
// counts as sent (the core's sendQueued); entries for other destinations stay.
// Results are values (codes, issues, receipts); the faces word them.
import { isFolderError, isTransient, toIssue, type FolderIssue } from '../core/folders/errors';
import type { SharedFolder } from '../core/folders/folder';
import { returnedPath, scoringPath, templatePath } from '../core/folders/layout';
import { pushFile, pushRecord, type PushEvent, type PushReceipt, type PushRecord } from '../core/folders/push';
import { SubmissionQueue, queueEntryFor, sendQueued, type QueueEntry, type QueueStore } from '../core/folders/queue';
import type { RetryPolicy } from '../core/folders/retry';
import { sha256Hex } from '../core/hash/sha256';
import { isScoringReport, type ScoringReport } from '../core/scoring-workbook/validate';
import type { ValidationReport } from '../core/validate/validate';
import {
  checkWorkbookBytes,
  identityFromWorkbook,
  validateScoringBytes,
  validateWorkbookBytes,
  type SheetIdentity,
} from './check';

/** A unit's returned sheet, a template, or a scorer's scoring workbook (评分表). */
export type SheetKind = 'returned' | 'template' | 'scoring';

/** The check of what is sent: a unit sheet's report, or a scoring workbook's (kind: 'scoring'). */
export type SubmitReport = ValidationReport | ScoringReport;

export { isScoringReport };

export interface SubmitInput {
  bytes: Uint8Array;
  /** The file's name: a template keeps it in the shared folder; a queued entry shows it. */
  fileName: string;
  /** Default 'returned'; 'auto': a scoring workbook when its record says kind = scoring, else a returned sheet. */
  kind?: SheetKind | 'auto';
  /** The year to file under, over the sheet's own (the CLI's --year). */
  year?: number;
  /** Unit and year when the sheet's own record does not say (the CLI reads them from the file's name). */
  fallbackIdentity?: () => SheetIdentity;
  /** A returned sheet (or scoring workbook) is checked unless this is false (for files that are not ours). */
  check?: boolean;
}

export interface SubmitPorts {
  /** The destination; null when none is set up (the caller then hands the checked file over another way). */
  folder: () => Promise<SharedFolder | null>;
  /**
   * Called once the check found no error, with its report: true sends, false stops ('cancelled'). The warnings are
   * the report's; without this port they are not asked about.
   */
  approve?: (report: SubmitReport) => Promise<boolean>;
  /** Where a push that failed for a transient reason waits for retryQueue; without it the failure is only reported. */
  queue?: () => QueueStore;
  /** After the file arrived: keep a record of the push (the pane writes it into the workbook). */
  recordPush?: (record: PushRecord) => Promise<void>;
  onEvent?: (event: PushEvent) => void;
  now?: () => Date;
  retry?: RetryPolicy;
}

/** `report` is the check's, or null when the sheet was not checked. */
export type SubmitResult<R extends SubmitReport = SubmitReport> =
  | { kind: 'sent'; report: R | null; target: string; receipt: PushReceipt }
  | { kind: 'blocked'; report: R }
  | { kind: 'cancelled'; report: R }
  | { kind: 'no-identity'; report: R | null; missing: 'year' | 'unit' }
  | { kind: 'no-folder'; report: R | null }
  | { kind: 'queued'; report: R | null; target: string; issue: FolderIssue }
  /** `queueFailed`: the failure was transient, but the queue could not keep the file. */
  | { kind: 'failed'; report: R | null; target: string; issue: FolderIssue; queueFailed?: boolean };

/** Where the sheet goes under the destination root, or what is missing to say so. */
function destinationPath(
  input: SubmitInput,
  report: SubmitReport | null,
  sha256: string,
  now: Date,
): { path: string } | { missing: 'year' | 'unit' } {
  if (input.kind === 'scoring') {
    // A scoring workbook is filed under its scorer and year as its own record says (it is always checked first).
    const identity = report && isScoringReport(report) ? report.identity : null;
    const year = input.year ?? identity?.year;
    if (year === undefined) return { missing: 'year' };
    if (!identity) return { missing: 'unit' };
    return { path: scoringPath(year, identity.scorerName, now, sha256) };
  }
  // The workbook and the fallback are read only when needed: a template with a year given needs neither.
  let own: SheetIdentity | undefined;
  const sheet = (): SheetIdentity =>
    (own ??=
      report?.identity && !isScoringReport(report)
        ? { unit: report.identity.unitName, year: report.identity.year }
        : identityFromWorkbook(input.bytes));
  let named: SheetIdentity | undefined;
  const fallback = (): SheetIdentity => (named ??= input.fallbackIdentity?.() ?? {});
  const year = input.year ?? sheet().year ?? fallback().year;
  if (year === undefined) return { missing: 'year' };
  if (input.kind === 'template') return { path: templatePath(year, input.fileName) };
  const unit = sheet().unit ?? fallback().unit;
  if (!unit) return { missing: 'unit' };
  return { path: returnedPath(year, unit, now, sha256) };
}

export async function submitSheet(input: SubmitInput, ports: SubmitPorts): Promise<SubmitResult> {
  let kind: SheetKind = input.kind === 'auto' ? 'returned' : (input.kind ?? 'returned');
  let report: SubmitReport | null = null;
  if (input.kind === 'auto') {
    // The pane's 提交: what the workbook's own record says it is decides the check and the place (one read).
    const checked = checkWorkbookBytes(input.bytes);
    kind = checked.kind === 'scoring' ? 'scoring' : 'returned';
    // A result copy (评分结果) is never a submission: the unit-sheet check below blocks it (is-result-copy).
    report = checked.kind === 'result' ? null : checked.report;
  }
  // A scoring workbook is always checked: its scorer and year, which say where it goes, come from the check.
  if ((kind === 'returned' && input.check !== false) || kind === 'scoring') {
    // The validator's verdict on the bytes that will be sent (the same path as validate and 检查).
    report ??= kind === 'scoring' ? validateScoringBytes(input.bytes) : validateWorkbookBytes(input.bytes);
    if (report.issues.some((i) => i.severity === 'error')) return { kind: 'blocked', report };
    if (ports.approve && !(await ports.approve(report))) return { kind: 'cancelled', report };
  }
  const now = (ports.now ?? (() => new Date()))();
  const sha256 = sha256Hex(input.bytes);
  const destination = destinationPath({ ...input, kind }, report, sha256, now);
  if ('missing' in destination) return { kind: 'no-identity', report, missing: destination.missing };
  const target = destination.path;

  let folder: SharedFolder | null;
  try {
    folder = await ports.folder();
  } catch (error) {
    if (!isFolderError(error)) throw error;
    return { kind: 'failed', report, target, issue: toIssue(error) };
  }
  if (folder === null) return { kind: 'no-folder', report };

  try {
    const receipt = await pushFile(folder, target, input.bytes, {
      sha256,
      retry: ports.retry,
      now: ports.now,
      onEvent: ports.onEvent,
    });
    await ports.recordPush?.(pushRecord(receipt));
    return { kind: 'sent', report, target, receipt };
  } catch (error) {
    const issue = toIssue(error);
    if (!ports.queue || !isTransient(error)) return { kind: 'failed', report, target, issue };
    const queue = new SubmissionQueue(ports.queue());
    try {
      await queue.add(
        queueEntryFor({
          kind,
          target,
          destination: folder.label,
          fileName: input.fileName,
          bytes: input.bytes,
          sha256,
          createdAt: now,
          lastError: issue,
        }),
      );
    } catch {
      // The queue could not be written (storage full or blocked): the push failed and nothing was kept.
      return { kind: 'failed', report, target, issue, queueFailed: true };
    }
    return { kind: 'queued', report, target, issue };
  }
}

export interface RetryPorts {
  queue: QueueStore;
  /** The destination the entries are sent to; opened only when something waits. */
  folder: () => Promise<SharedFolder>;
  onEvent?: (entry: QueueEntry, event: PushEvent) => void;
  now?: () => Date;
  retry?: RetryPolicy;
}

export interface RetryResult {
  sent: { entry: QueueEntry; receipt: PushReceipt }[];
  failed: { entry: QueueEntry; issue: FolderIssue }[];
  /** Entries meant for another destination, left in the queue. */
  skipped: QueueEntry[];
}

/** Sends every queued submission meant for this destination, in queue order. */
export async function retryQueue(ports: RetryPorts): Promise<RetryResult> {
  const result: RetryResult = { sent: [], failed: [], skipped: [] };
  const queue = new SubmissionQueue(ports.queue);
  const entries = await queue.list();
  if (entries.length === 0) return result;
  const folder = await ports.folder();
  const mine = (entry: QueueEntry) => entry.destination === folder.label;
  const byId = new Map(entries.filter(mine).map((e) => [e.id, e]));
  result.skipped = entries.filter((e) => !mine(e));
  // Nothing is recorded anywhere but the receipt: the queue spans workbooks, so an entry may come from another one.
  const outcomes = await queue.retryAll(
    async (entry, bytes) => {
      const receipt = await sendQueued(folder, entry, bytes, {
        retry: ports.retry,
        now: ports.now,
        onEvent: (event) => ports.onEvent?.(entry, event),
      });
      result.sent.push({ entry, receipt });
    },
    toIssue,
    mine,
  );
  for (const outcome of outcomes) {
    const entry = byId.get(outcome.id);
    if (!outcome.ok && entry && outcome.issue) result.failed.push({ entry, issue: outcome.issue });
  }
  return result;
}
