// 提交 / 发布模板 / the waiting queue (async chunk, with the WebDAV and Graph clients behind import()).
//   submit: check first (errors block, warnings need a yes) → the workbook's bytes → push under
//     <year>/returned/<unit>/<unit>-<time>-<hash>.xlsx (temp name, verify, move; never overwrite) → receipt, and
//     in Excel a record of the push in the workbook (src/office/push-record.ts: no credentials).
//     A transient failure (server down, timeout, 5xx) leaves the file in the localStorage queue for 重试 (which
//     records nothing in the open workbook: the queue spans workbooks).
//     No destination configured: the workbook is downloaded instead.
//   publishTemplates: one template per unit, pushed to <year>/templates/<unit>.xlsx; an existing file is
//     reported and left as it is.
import type { TFunction } from 'i18next';
import type { Catalog, Unit } from '../../core/catalog/model';
import { folderIssueMessage, isFolderError, isTransient, toIssue, type FolderIssue } from '../../core/folders/errors';
import type { SharedFolder } from '../../core/folders/folder';
import { returnedPath, templatePath } from '../../core/folders/layout';
import {
  pushFile,
  pushRecord,
  receiptLocation,
  type PushEvent,
  type PushReceipt,
  type PushRecord,
} from '../../core/folders/push';
import { SubmissionQueue, queueEntryFor, sendQueued, type QueueStore } from '../../core/folders/queue';
import type { RetryPolicy } from '../../core/folders/retry';
import { sha256Hex } from '../../core/hash/sha256';
import { localStorageQueueStore } from '../../folders/queue-store';
import { uniqueFileNames } from '../../core/filename';
import { validateWorkbookBytes } from '../../app/check';
import type {
  DestinationSettings,
  FolderReceiptView,
  PaneReport,
  PublishRequest,
  PublishResult,
  PublishedFile,
  QueuedSubmission,
  RetryOutcome,
  SubmitOutcome,
  SubmitRequest,
  SubmitStep,
} from '../operations';
import { PaneError } from '../operations';
import { type OfficeDocumentLike, readOpenWorkbook } from '../../folders/workbook-file';
import type { PaneHost } from '../host';
import { addAllNamespaces } from '../i18n';
import type { FolderOperations } from '../operations';
import { downloadBytes, nextFrame, readFileBytes, XLSX_MIME } from './download';
import { getSessionPassword, loadDestination, saveDestination } from './settings';
import { toPaneReport } from './report';

/** What the folder operations need from their surroundings: injected, so tests use a real or fake folder. */
export interface FolderDeps {
  settings: () => DestinationSettings;
  /** Opens the configured destination (throws PaneError when it needs something the user has not given). */
  openFolder: () => Promise<SharedFolder>;
  queueStore: () => QueueStore;
  download: (bytes: Uint8Array, fileName: string) => void;
  /** Excel: remember the push in the workbook. */
  recordPush?: (record: PushRecord) => Promise<void>;
  now?: () => Date;
  retry?: RetryPolicy;
}

const issueMessage = (issue: FolderIssue) => (t: TFunction) => folderIssueMessage(t, issue);

export function receiptView(receipt: PushReceipt): FolderReceiptView {
  return {
    location: receiptLocation(receipt),
    path: receipt.path,
    size: receipt.size,
    sha256: receipt.sha256,
    pushedAt: receipt.pushedAt,
    verifiedBy: receipt.verifiedBy,
  };
}

function stepOf(event: PushEvent): SubmitStep | null {
  if (event.type === 'step') return event.step;
  if (event.type === 'retry') return 'retry';
  return null;
}

export interface SubmitInput {
  bytes: Uint8Array;
  /** Name offered for a download (the picked file's name, or the unit's). */
  fileName: string;
  /** Excel: the live check of the open workbook (what the user sees); null: the bytes' own check decides. */
  live: PaneReport | null;
}

export async function submitBytes(
  input: SubmitInput,
  request: SubmitRequest,
  deps: FolderDeps,
): Promise<SubmitOutcome> {
  // The validator's verdict on the bytes that will be sent (the same path as 检查 and the CLI's push).
  const checked = validateWorkbookBytes(input.bytes);
  const report = input.live ?? toPaneReport(checked, input.fileName);
  // Both checks must pass: the open workbook as shown, and the file as it will arrive (getFileAsync may not
  // include edits that were never saved).
  const fileErrors = checked.issues.filter((i) => i.severity === 'error');
  if (report.issues.some((i) => i.severity === 'error')) return { kind: 'blocked', report };
  if (fileErrors.length > 0) return { kind: 'blocked', report: toPaneReport(checked, input.fileName) };
  const warnings = report.issues.filter((i) => i.severity === 'warning');
  if (warnings.length > 0 && !(await request.confirmWarnings(warnings))) return { kind: 'cancelled', report };
  const identity = checked.identity;
  if (!identity) throw new PaneError('submitNoIdentity', { name: input.fileName });

  const settings = deps.settings();
  if (settings.kind === 'none') {
    const name = input.fileName.toLowerCase().endsWith('.xlsx') ? input.fileName : `${input.fileName}.xlsx`;
    deps.download(input.bytes, name);
    return { kind: 'downloaded', report, fileName: name };
  }

  const now = (deps.now ?? (() => new Date()))();
  const sha256 = sha256Hex(input.bytes);
  const target = returnedPath(identity.year, identity.unitName, now, sha256);
  let folder: SharedFolder;
  try {
    folder = await deps.openFolder();
  } catch (error) {
    if (error instanceof PaneError) throw error;
    return { kind: 'failed', report, message: issueMessage(toIssue(error)) };
  }
  try {
    const receipt = await pushFile(folder, target, input.bytes, {
      sha256,
      retry: deps.retry,
      now: deps.now,
      onEvent: (event) => {
        const step = stepOf(event);
        if (step) request.onStep?.(step);
      },
    });
    if (deps.recordPush) {
      request.onStep?.('record');
      await deps.recordPush(pushRecord(receipt));
    }
    return { kind: 'sent', report, receipt: receiptView(receipt) };
  } catch (error) {
    const issue = toIssue(error);
    if (!isTransient(error)) return { kind: 'failed', report, message: issueMessage(issue) };
    const queue = new SubmissionQueue(deps.queueStore());
    try {
      await queue.add(
        queueEntryFor({
          kind: 'returned',
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
      // The queue could not be written (storage full or blocked): say the push failed, nothing was kept.
      return { kind: 'failed', report, message: issueMessage(issue) };
    }
    return { kind: 'queued', report, message: issueMessage(issue) };
  }
}

/** Excel: the open workbook — checked live first (the existing 检查 operation), then its file read in slices. */
export async function submitOpenWorkbook(
  request: SubmitRequest,
  deps: FolderDeps,
  office: { check: () => Promise<PaneReport>; document: OfficeDocumentLike },
): Promise<SubmitOutcome> {
  request.onStep?.('check');
  const live = await office.check();
  // Errors stop here, before the file is read: nothing leaves the workbook.
  if (live.issues.some((i) => i.severity === 'error')) return { kind: 'blocked', report: live };
  request.onStep?.('read');
  const bytes = await readOpenWorkbook(office.document);
  return submitBytes({ bytes, fileName: `${live.unitName ?? 'workbook'}.xlsx`, live }, request, deps);
}

export async function listQueued(deps: Pick<FolderDeps, 'queueStore'>): Promise<QueuedSubmission[]> {
  const entries = await new SubmissionQueue(deps.queueStore()).list();
  return entries.map((e) => ({
    id: e.id,
    fileName: e.fileName,
    target: e.target,
    destination: e.destination,
    createdAt: e.createdAt,
    attempts: e.attempts,
    lastError: e.lastError ? issueMessage(e.lastError) : null,
  }));
}

/** Sends what waits in the queue for the configured destination; entries for another destination stay. */
export async function retryQueued(deps: FolderDeps): Promise<RetryOutcome> {
  const queue = new SubmissionQueue(deps.queueStore());
  const entries = await queue.list();
  if (entries.length === 0) return { sent: 0, failed: 0, skipped: 0 };
  const folder = await deps.openFolder();
  const mine = (e: { destination: string }) => e.destination === folder.label;
  // An earlier attempt that arrived although its answer was lost counts as sent (the core's rule). Nothing is
  // recorded in the open workbook: the queue spans workbooks, so the entry may well come from another one.
  const results = await queue.retryAll(
    async (entry, bytes) => {
      await sendQueued(folder, entry, bytes, { retry: deps.retry, now: deps.now });
    },
    toIssue,
    mine,
  );
  return {
    sent: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
    skipped: entries.filter((e) => !mine(e)).length,
  };
}

export interface PublishDeps {
  openFolder: () => Promise<SharedFolder>;
  render: (unit: Unit, catalog: Catalog) => Promise<Uint8Array>;
  retry?: RetryPolicy;
  now?: () => Date;
}

export async function publishTemplates(request: PublishRequest, deps: PublishDeps): Promise<PublishResult> {
  const { catalog, units, signal, onProgress } = request;
  const folder = await deps.openFolder();
  const names = uniqueFileNames(units.map((u) => u.name));
  const files: PublishedFile[] = [];
  for (const [index, unit] of units.entries()) {
    if (signal.aborted) break;
    onProgress({ done: index, total: units.length, current: unit.name });
    await nextFrame();
    const path = templatePath(catalog.year, names[index]!);
    try {
      // One existence check per template, pushFile's (the core's never-overwrite rule): it renders the template
      // only once the path is known to be free, so an existing template costs no work and is never replaced.
      const receipt = await pushFile(folder, path, () => deps.render(unit, catalog), {
        retry: deps.retry,
        now: deps.now,
      });
      files.push({ unit: unit.name, path, status: 'sent', receipt: receiptView(receipt) });
    } catch (error) {
      const issue = toIssue(error);
      if (issue.code === 'already-exists') files.push({ unit: unit.name, path, status: 'exists' });
      else files.push({ unit: unit.name, path, status: 'failed', message: issueMessage(issue) });
    }
  }
  onProgress({ done: files.length, total: units.length, current: null });
  return { cancelled: files.length < units.length, files };
}

/** The pane's queue: localStorage, so a submission that could not be sent survives closing the pane. */
export function paneQueueStore(): QueueStore {
  let storage: Storage | null;
  try {
    storage = globalThis.localStorage ?? null;
  } catch {
    storage = null;
  }
  if (!storage) throw new PaneError('noStorage');
  return localStorageQueueStore(storage);
}

// ---- The pane's wiring: the configured destination, the open workbook, localStorage, downloads. ----

/** Opens the destination from the settings; the WebDAV/Graph clients are separate chunks loaded on first use. */
export async function openDestination(
  settings: DestinationSettings,
  password: string | null,
  host: PaneHost,
): Promise<SharedFolder> {
  if (settings.kind === 'webdav') {
    if (!settings.url) throw new PaneError('noDestination');
    if (settings.user && password === null) throw new PaneError('passwordNeeded');
    const { createWebDavFolder } = await import(/* webpackChunkName: "folders-webdav" */ '../../folders/webdav');
    return createWebDavFolder({
      url: settings.url,
      username: settings.user || undefined,
      password: password ?? undefined,
    });
  }
  if (settings.kind === 'graph') {
    // Sign-in needs the Office host (nested app authentication or the Office dialog).
    if (host.kind !== 'excel') throw new PaneError('graphNeedsExcel');
    if (!settings.clientId) throw new PaneError('graphNoClientId');
    const [{ createGraphFolder }, { createGraphTokenProvider, officeAuthHost, signInDialogUrl }] = await Promise.all([
      import(/* webpackChunkName: "folders-graph" */ '../../folders/graph'),
      import(/* webpackChunkName: "folders-graph" */ '../../folders/graph-auth'),
    ]);
    const { clientId, cloud } = settings;
    const dialogUrl = signInDialogUrl(new URL('graph-auth.html', globalThis.location.href), clientId, cloud);
    return createGraphFolder({
      drive: settings.drive || '/me/drive',
      root: settings.root,
      cloud,
      getAccessToken: createGraphTokenProvider({ clientId, cloud, dialogUrl }, { host: officeAuthHost() }),
    });
  }
  throw new PaneError('noDestination');
}

/**
 * A shared-folder failure thrown out of an operation, as a PaneError the views know how to show. The failure stays
 * a value (code, status, path…), not text: the view words it when it renders, in the language chosen then. The
 * folders messages are added to the pane's i18next first, so that they are there to look up.
 */
function explained<T>(work: () => Promise<T>): Promise<T> {
  return work().catch(async (error: unknown) => {
    if (isFolderError(error)) {
      await addAllNamespaces();
      throw new PaneError('folder', {}, issueMessage(toIssue(error)));
    }
    throw error;
  });
}

export function paneFolderOperations(host: PaneHost): FolderOperations {
  const deps: FolderDeps = {
    settings: () => loadDestination(),
    openFolder: () => openDestination(loadDestination(), getSessionPassword(), host),
    queueStore: paneQueueStore,
    download: (bytes, name) => downloadBytes(bytes, name, XLSX_MIME),
    recordPush:
      host.kind === 'excel'
        ? async (record) =>
            (await import(/* webpackChunkName: "engine-office" */ '../../office/push-record')).recordPushInWorkbook(
              record,
            )
        : undefined,
  };
  return {
    loadDestination: async () => loadDestination(),
    saveDestination: async (settings, password) => saveDestination(settings, password),
    hasSessionPassword: async () => getSessionPassword() !== null,
    testDestination: () => explained(async () => (await (await deps.openFolder()).list('')).length),
    submit: (request) =>
      explained(async () => {
        await addAllNamespaces();
        if (host.kind === 'excel' && !request.file) {
          const office = await import(/* webpackChunkName: "engine-office" */ './office');
          return submitOpenWorkbook(request, deps, {
            check: office.checkOpenWorkbook,
            document: Office.context.document as unknown as OfficeDocumentLike,
          });
        }
        if (!request.file) throw new PaneError('notExcel');
        request.onStep?.('check');
        return submitBytes(
          { bytes: await readFileBytes(request.file), fileName: request.file.name, live: null },
          request,
          deps,
        );
      }),
    listQueue: () => listQueued(deps),
    retryQueue: () => explained(() => retryQueued(deps)),
    publishTemplates: (request) =>
      explained(async () => {
        await addAllNamespaces();
        const [{ planRun }, { renderTemplate }] = await Promise.all([
          import(/* webpackChunkName: "engine-generate" */ '../../app/plan'),
          import(/* webpackChunkName: "engine-generate" */ '../../app/templates'),
        ]);
        // One run: every template of this publish records the same catalog identity and time.
        const run = planRun(request.catalog);
        return publishTemplates(request, {
          openFolder: deps.openFolder,
          render: (unit) => renderTemplate(unit, run),
        });
      }),
    collect: (request) =>
      explained(async () => {
        await addAllNamespaces();
        const { collectIntoPane } = await import(/* webpackChunkName: "engine-collect" */ './collect');
        return collectIntoPane(request, {
          openFolder: deps.openFolder,
          output: host.kind === 'excel' ? 'workbook' : 'download',
          download: (bytes, name) => downloadBytes(bytes, name, XLSX_MIME),
        });
      }),
  };
}
