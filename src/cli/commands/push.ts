// `target-sheets push FILE... --to URL|DIR`: publishes templates or submits returned sheets to a shared folder,
// never overwriting, verifying each file, printing a receipt per file; exits non-zero if any file failed.
// Also `pushGeneratedFiles` for `generate --push`.
import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import type { Command } from 'commander';
import type { TFunction } from '../../i18n';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import { type FolderIssue, folderIssueMessage, isTransient, toIssue } from '../../core/folders/errors';
import type { SharedFolder } from '../../core/folders/folder';
import { returnedPath, templatePath } from '../../core/folders/layout';
import { type PushEvent, type PushReceipt, pushFile, receiptLocation } from '../../core/folders/push';
import { type QueueEntry, SubmissionQueue, queueEntryFor, sendQueued } from '../../core/folders/queue';
import type { RetryPolicy } from '../../core/folders/retry';
import { sha256Hex } from '../../core/hash/sha256';
import { openFolder } from '../../folders/open';
import { jsonFileQueueStore } from '../../folders/queue-file';
import { identityFromWorkbook, validateWorkbookBytes, type SheetIdentity } from '../../app/check';
import { formatIssueLine } from '../../core/validate/format';
import { passwordOrMessage } from '../password';

export type PushKind = 'template' | 'returned';

export interface PushFilesOptions {
  to: string;
  as: PushKind;
  user?: string;
  password?: string;
  year?: number;
  lang?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
  now?: () => Date;
  /** Progress lines (default: stderr). */
  progress?: (line: string) => void;
  /** Receipts and failures (default: stdout / stderr). */
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** An already opened folder (tests, or a caller pushing several batches). */
  folder?: SharedFolder;
  /** A JSON file where files that failed for a transient reason wait for `push --retry-queue`. */
  queueFile?: string;
  /**
   * Returned sheets are validated first (errors block, warnings are shown); false skips that, for files that
   * are not Target Sheets workbooks.
   */
  check?: boolean;
}

export interface PushFilesResult {
  receipts: { file: string; receipt: PushReceipt }[];
  failures: { file: string; issue: FolderIssue; message: string }[];
}

/** Unit and year from a file name such as "2019年度办公室考核目标评分表.xlsx" or "办公室.xlsx". */
export function identityFromFileName(file: string): SheetIdentity {
  const stem = nodePath.basename(file).replace(/\.xlsx$/i, '');
  const year = /(?:^|\D)((?:19|20)\d{2})(?:年|\D|$)/.exec(stem)?.[1];
  const unit = stem
    .replace(/^(?:19|20)\d{2}年度?/, '')
    .replace(/考核目标评分表$/, '')
    .replace(/[-_ ]?(?:19|20)\d{2}.*$/, '')
    .trim();
  return { unit: unit || undefined, year: year ? Number(year) : undefined };
}

/** `identity` is read only when needed: a template with --year needs nothing from inside the file. */
function targetFor(
  file: string,
  identity: () => SheetIdentity,
  sha256: string,
  options: PushFilesOptions,
  t: TFunction,
  now: Date,
): string {
  const fromName = identityFromFileName(file);
  let read: SheetIdentity | undefined;
  const meta = (): SheetIdentity => (read ??= identity());
  const year = options.year ?? meta().year ?? fromName.year;
  if (year === undefined) throw new Error(t('folders:noYear', { file }));
  if (options.as === 'template') return templatePath(year, nodePath.basename(file));
  const unit = meta().unit ?? fromName.unit;
  if (!unit) throw new Error(t('folders:noUnit', { file }));
  return returnedPath(year, unit, now, sha256);
}

function describeEvent(t: TFunction, file: string, event: PushEvent): string | null {
  if (event.type === 'step')
    return `${nodePath.basename(file)}: ${t(`folders:step.${event.step}`, { path: event.path })}`;
  if (event.type === 'retry') {
    return `${nodePath.basename(file)}: ${t('folders:retry', { attempt: event.attempt, code: event.code, seconds: (event.delayMs / 1000).toFixed(1) })}`;
  }
  return null;
}

function receiptLine(t: TFunction, file: string, receipt: PushReceipt): string {
  return t('folders:receipt', {
    file,
    location: receiptLocation(receipt),
    size: receipt.size,
    sha256: receipt.sha256,
    verifiedBy: t(`folders:verifiedBy.${receipt.verifiedBy}`),
  });
}

export async function pushFiles(files: string[], options: PushFilesOptions): Promise<PushFilesResult> {
  const t = cliTranslator(options.lang);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const result: PushFilesResult = { receipts: [], failures: [] };
  const fail = (file: string, issue: FolderIssue, message: string) => {
    result.failures.push({ file, issue, message });
    err(t('folders:failed', { file, reason: message }));
  };

  let folder: SharedFolder;
  try {
    folder =
      options.folder ??
      openFolder(options.to, { username: options.user, password: options.password, timeoutMs: options.timeoutMs });
  } catch (error) {
    const issue = toIssue(error);
    for (const file of files) fail(file, issue, folderIssueMessage(t, issue));
    return result;
  }

  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await fs.readFile(file));
    } catch (error) {
      fail(
        file,
        { code: 'io-error', path: file, detail: (error as NodeJS.ErrnoException).code },
        `${(error as Error).message}`,
      );
      continue;
    }
    const sha256 = sha256Hex(bytes);
    let identity: SheetIdentity | undefined;
    if (options.as === 'returned' && options.check !== false) {
      // The validator's verdict (the same path as `validate` and the task pane).
      const report = validateWorkbookBytes(bytes);
      if (report.identity) identity = { unit: report.identity.unitName, year: report.identity.year };
      const errors = report.issues.filter((i) => i.severity === 'error');
      for (const w of report.issues.filter((i) => i.severity === 'warning')) {
        progress(`${nodePath.basename(file)}: ${t('folders:checkWarning')} ${formatIssueLine(t, w)}`);
      }
      if (errors.length > 0) {
        const shown = errors
          .slice(0, 3)
          .map((i) => formatIssueLine(t, i).replace(/[。.]\s*$/, ''))
          .join('; ');
        fail(
          file,
          { code: 'sheet-invalid', path: file, detail: errors[0].code },
          t('folders:checkFailed', { count: errors.length, issues: shown, file }),
        );
        continue;
      }
    }
    let target: string;
    try {
      target = targetFor(
        file,
        () => identity ?? identityFromWorkbook(bytes),
        sha256,
        options,
        t,
        (options.now ?? (() => new Date()))(),
      );
    } catch (error) {
      fail(file, { code: 'invalid-destination', path: file }, (error as Error).message);
      continue;
    }
    try {
      const receipt = await pushFile(folder, target, bytes, {
        sha256,
        retry: options.retry,
        now: options.now,
        onEvent: (event) => {
          const line = describeEvent(t, file, event);
          if (line) progress(line);
        },
      });
      result.receipts.push({ file, receipt });
      out(receiptLine(t, file, receipt));
    } catch (error) {
      const issue = toIssue(error);
      fail(file, issue, folderIssueMessage(t, issue));
      if (options.queueFile && isTransient(error)) {
        await new SubmissionQueue(jsonFileQueueStore(options.queueFile)).add(
          queueEntryFor({
            kind: options.as,
            target,
            destination: folder.label,
            fileName: nodePath.basename(file),
            bytes,
            sha256,
            createdAt: (options.now ?? (() => new Date()))(),
            lastError: issue,
          }),
        );
        progress(t('folders:queued', { file, queue: options.queueFile }));
      }
    }
  }
  progress(t('folders:summary', { ok: result.receipts.length, failed: result.failures.length }));
  return result;
}

/** Sends every submission waiting in the queue file to the destination it was meant for. */
export async function retryQueue(
  queueFile: string,
  options: Omit<PushFilesOptions, 'as' | 'queueFile'>,
): Promise<PushFilesResult> {
  const t = cliTranslator(options.lang);
  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = options.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const folder =
    options.folder ??
    openFolder(options.to, { username: options.user, password: options.password, timeoutMs: options.timeoutMs });
  const queue = new SubmissionQueue(jsonFileQueueStore(queueFile));
  const result: PushFilesResult = { receipts: [], failures: [] };
  const waiting = (await queue.list()).filter((e) => e.destination === folder.label);
  const byId = new Map<string, QueueEntry>(waiting.map((e) => [e.id, e]));
  const outcomes = await queue.retryAll(
    async (entry, bytes) => {
      // An earlier attempt that arrived although its answer was lost counts as sent (the core's rule).
      const receipt = await sendQueued(folder, entry, bytes, {
        retry: options.retry,
        now: options.now,
        onEvent: (event) => {
          const line = describeEvent(t, entry.fileName, event);
          if (line) progress(line);
        },
      });
      result.receipts.push({ file: entry.fileName, receipt });
      out(receiptLine(t, entry.fileName, receipt));
    },
    toIssue,
    (e) => byId.has(e.id),
  );
  for (const o of outcomes) {
    const entry = byId.get(o.id);
    if (!o.ok && entry && o.issue) {
      const message = folderIssueMessage(t, o.issue);
      result.failures.push({ file: entry.fileName, issue: o.issue, message });
      err(t('folders:failed', { file: entry.fileName, reason: message }));
    }
  }
  progress(t('folders:summary', { ok: result.receipts.length, failed: result.failures.length }));
  return result;
}

/** For `generate --push`: publishes the files generate just wrote as templates. */
export async function pushGeneratedFiles(
  files: string[],
  destination: string,
  options: Omit<PushFilesOptions, 'to' | 'as'> = {},
): Promise<PushFilesResult> {
  return pushFiles(files, { ...options, to: destination, as: 'template' });
}

/** `t`: the language of the help texts (the CLI's language, from --lang on the command line). */
export function register(program: Command, t: TFunction): void {
  program
    .command('push')
    .description(t('folders:cli.description'))
    .argument('[files...]', t('folders:cli.filesArg'))
    .requiredOption('--to <url|dir>', t('folders:cli.toOption'))
    .option('--user <name>', t('folders:cli.userOption'))
    .option('--password-env <var>', t('folders:cli.passwordEnvOption'))
    .option('--year <yyyy>', t('folders:cli.yearOption'), (v) => {
      if (!/^\d{4}$/.test(v)) throw new Error(t('folders:cli.badYear', { value: v }));
      return Number(v);
    })
    .option('--as <kind>', t('folders:cli.asOption'), 'returned')
    .option('--timeout <ms>', t('folders:cli.timeoutOption'), (v) => Number(v))
    .option(LANG_OPTION_FLAGS, t('folders:cli.langOption'))
    .option('--queue <file>', t('folders:cli.queueOption'))
    .option('--no-check', t('folders:cli.noCheckOption'))
    .option('--retry-queue <file>', t('folders:cli.retryQueueOption'))
    .action(
      async (
        files: string[],
        opts: {
          to: string;
          user?: string;
          passwordEnv?: string;
          year?: number;
          as: string;
          timeout?: number;
          lang?: string;
          queue?: string;
          retryQueue?: string;
          check: boolean;
        },
      ) => {
        if (opts.as !== 'template' && opts.as !== 'returned')
          throw new Error(t('folders:cli.badAs', { value: opts.as }));
        if (!opts.retryQueue && files.length === 0) throw new Error(t('folders:cli.noFiles'));
        const read = passwordOrMessage(opts.passwordEnv, t);
        if ('message' in read) throw new Error(read.message);
        const { password } = read;
        const common = { to: opts.to, user: opts.user, password, lang: opts.lang, timeoutMs: opts.timeout };
        const result = opts.retryQueue
          ? await retryQueue(opts.retryQueue, common)
          : await pushFiles(files, {
              ...common,
              as: opts.as,
              year: opts.year,
              queueFile: opts.queue,
              check: opts.check,
            });
        if (result.failures.length > 0) process.exitCode = 1;
      },
    );
}
