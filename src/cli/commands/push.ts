// `target-sheets push FILE... --to URL|DIR`: publishes templates or submits returned sheets to a shared folder,
// never overwriting, verifying each file, printing a receipt per file; exits non-zero if any file failed.
// Also `pushGeneratedFiles` for `generate --push`. The use case — check, work out the path, push, queue on a
// transient failure, send the queue again — is the application layer's (src/app/submit.ts), as for the task pane's
// 提交 and 重试; this reads the files, opens the destination and prints what happened.
import { promises as fs } from 'node:fs';
import nodePath from 'node:path';
import type { Command } from 'commander';
import type { TFunction } from '../../i18n';
import { cliTranslator, LANG_OPTION_FLAGS } from '../lang';
import type { SheetIdentity } from '../../app/check';
import { retryQueue as retryQueuedSheets, submitSheet, type SheetKind, type SubmitResult } from '../../app/submit';
import { type FolderIssue, folderIssueLog, folderIssueMessage, toIssue } from '../../core/folders/errors';
import type { SharedFolder } from '../../core/folders/folder';
import { type PushEvent, type PushReceipt, receiptLocation } from '../../core/folders/push';
import type { RetryPolicy } from '../../core/folders/retry';
import { openFolder } from '../../folders/open';
import { jsonFileQueueStore } from '../../folders/queue-file';
import { formatIssueLine } from '../../core/validate/format';
import { passwordOrMessage } from '../password';

export type PushKind = SheetKind;

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

/** Lines on the default streams, unless the caller (a test, the bench) takes them. */
function outputs(options: Pick<PushFilesOptions, 'progress' | 'out' | 'err'>) {
  return {
    progress: options.progress ?? ((line: string) => process.stderr.write(`${line}\n`)),
    out: options.out ?? ((line: string) => process.stdout.write(`${line}\n`)),
    err: options.err ?? ((line: string) => process.stderr.write(`${line}\n`)),
  };
}

/** Why a file was not sent, as the failure the command reports (null: it was sent or queued without failing). */
function failureOf(t: TFunction, file: string, result: SubmitResult): { issue: FolderIssue; message: string } | null {
  switch (result.kind) {
    case 'blocked': {
      const errors = result.report.issues.filter((i) => i.severity === 'error');
      const shown = errors
        .slice(0, 3)
        .map((i) => formatIssueLine(t, i).replace(/[。.]\s*$/, ''))
        .join('; ');
      return {
        issue: { code: 'sheet-invalid', path: file, detail: errors[0]!.code },
        message: t('folders:checkFailed', { count: errors.length, issues: shown, file }),
      };
    }
    case 'no-identity':
      return {
        issue: { code: 'invalid-destination', path: file },
        message: t(result.missing === 'year' ? 'folders:noYear' : 'folders:noUnit', { file }),
      };
    case 'queued':
    case 'failed':
      return { issue: result.issue, message: folderIssueMessage(t, result.issue) };
    default:
      return null;
  }
}

export async function pushFiles(files: string[], options: PushFilesOptions): Promise<PushFilesResult> {
  const t = cliTranslator(options.lang);
  const { progress, out, err } = outputs(options);
  const result: PushFilesResult = { receipts: [], failures: [] };
  const fail = (file: string, issue: FolderIssue, message: string) => {
    result.failures.push({ file, issue, message });
    err(t('folders:failed', { file, reason: message }));
    // What the server or the network said, on its own log line: never inside the sentence in the user's language.
    if (issue.detail) err(`  ${folderIssueLog(issue)}`);
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

  const queueFile = options.queueFile;
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
    const submitted = await submitSheet(
      {
        bytes,
        fileName: nodePath.basename(file),
        kind: options.as,
        year: options.year,
        fallbackIdentity: () => identityFromFileName(file),
        check: options.check,
      },
      {
        folder: async () => folder,
        // Warnings do not stop a push from the command line: they are shown.
        approve: async (report) => {
          for (const w of report.issues.filter((i) => i.severity === 'warning')) {
            progress(`${nodePath.basename(file)}: ${t('folders:checkWarning')} ${formatIssueLine(t, w)}`);
          }
          return true;
        },
        queue: queueFile ? () => jsonFileQueueStore(queueFile) : undefined,
        onEvent: (event) => {
          const line = describeEvent(t, file, event);
          if (line) progress(line);
        },
        now: options.now,
        retry: options.retry,
      },
    );
    if (submitted.kind === 'sent') {
      result.receipts.push({ file, receipt: submitted.receipt });
      out(receiptLine(t, file, submitted.receipt));
    }
    const failure = failureOf(t, file, submitted);
    if (failure) fail(file, failure.issue, failure.message);
    if (submitted.kind === 'queued') progress(t('folders:queued', { file, queue: queueFile }));
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
  const { progress, out, err } = outputs(options);
  const folder =
    options.folder ??
    openFolder(options.to, { username: options.user, password: options.password, timeoutMs: options.timeoutMs });
  const retried = await retryQueuedSheets({
    queue: jsonFileQueueStore(queueFile),
    folder: async () => folder,
    onEvent: (entry, event) => {
      // Each receipt as soon as its file is confirmed, between the progress lines of the next.
      if (event.type === 'done') out(receiptLine(t, entry.fileName, event.receipt));
      const line = describeEvent(t, entry.fileName, event);
      if (line) progress(line);
    },
    now: options.now,
    retry: options.retry,
  });
  const result: PushFilesResult = {
    receipts: retried.sent.map(({ entry, receipt }) => ({ file: entry.fileName, receipt })),
    failures: retried.failed.map(({ entry, issue }) => ({
      file: entry.fileName,
      issue,
      message: folderIssueMessage(t, issue),
    })),
  };
  for (const failure of result.failures) err(t('folders:failed', { file: failure.file, reason: failure.message }));
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
        if (opts.as !== 'template' && opts.as !== 'returned' && opts.as !== 'scoring')
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
