// 提交 / 发布模板 / the waiting queue (async chunk, with the WebDAV and Graph clients behind import()): the
// application layer's use cases (src/app/submit.ts, src/app/publish.ts) with the pane's ports — the configured
// destination, the localStorage queue, downloads, and in Excel the open workbook and the record of each push in it
// (src/office/push-record.ts) — and their results presented for the views.
//   submit: in Excel the live check of the open workbook decides too (an error stops before the file is read, and
//     the warnings asked about are the ones the user saw); no destination configured: the checked workbook is
//     downloaded instead. 重试 records nothing in the open workbook: the queue spans workbooks.
import type { TFunction } from 'i18next';
import { publishTemplates as publish } from '../../app/publish';
import { retryQueue, submitSheet } from '../../app/submit';
import type { Catalog, Unit } from '../../core/catalog/model';
import {
  folderIssueLog,
  folderIssueMessage,
  isFolderError,
  toIssue,
  type FolderIssue,
} from '../../core/folders/errors';
import type { SharedFolder } from '../../core/folders/folder';
import { receiptLocation, type PushEvent, type PushReceipt, type PushRecord } from '../../core/folders/push';
import { SubmissionQueue, type QueueStore } from '../../core/folders/queue';
import type { RetryPolicy } from '../../core/folders/retry';
import { localStorageQueueStore } from '../../folders/queue-store';
import type {
  DestinationSettings,
  FolderReceiptView,
  PaneReport,
  PublishRequest,
  PublishResult,
  QueuedSubmission,
  RetryOutcome,
  ReviewOutcome,
  ReviewRequest,
  SubmitOutcome,
  SubmitRequest,
  SubmitStep,
} from '../operations';
import { PaneError } from '../operations';
import { type OfficeDocumentLike, readOpenWorkbook } from '../../folders/workbook-file';
import type { PaneHost } from '../host';
import { addAllNamespaces } from '../i18n';
import { logDetail } from '../log';
import type { FolderOperations } from '../operations';
import { downloadBytes, nextFrame, readFileBytes, XLSX_MIME } from './download';
import { getSessionPassword, loadDestination, saveCheckedDestination } from './settings';
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

/** A folder failure as the views word it; what the server or the network said goes to the pane's log. */
const issueMessage = (issue: FolderIssue) => {
  if (issue.detail) logDetail('shared folder', folderIssueLog(issue));
  return (t: TFunction) => folderIssueMessage(t, issue);
};

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

const hasErrors = (report: PaneReport) => report.issues.some((i) => i.severity === 'error');

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
  const { bytes, fileName, live } = input;
  const record = deps.recordPush;
  // Both checks must pass: the open workbook as shown, and the file as it will arrive (getFileAsync may not
  // include edits that were never saved).
  if (live && hasErrors(live)) return { kind: 'blocked', report: live };
  // A scoring workbook (评分表, told by its record) is checked as one and goes to scoring/<scorer>/, as
  // `push --as scoring` sends it; anything else is a unit's returned sheet.
  const result = await submitSheet(
    { bytes, fileName, kind: 'auto' },
    {
      folder: async () => (deps.settings().kind === 'none' ? null : deps.openFolder()),
      // The warnings asked about are the ones the user sees: the live panel's in Excel, else the file's.
      approve: async (checked) => {
        const warnings = (live ?? toPaneReport(checked, fileName)).issues.filter((i) => i.severity === 'warning');
        return warnings.length === 0 || request.confirmWarnings(warnings);
      },
      queue: deps.queueStore,
      recordPush: record
        ? async (push) => {
            request.onStep?.('record');
            await record(push);
          }
        : undefined,
      onEvent: (event) => {
        const step = stepOf(event);
        if (step) request.onStep?.(step);
      },
      now: deps.now,
      retry: deps.retry,
    },
  );
  if (result.kind === 'blocked') return { kind: 'blocked', report: toPaneReport(result.report, fileName) };
  if (result.kind === 'no-identity') throw new PaneError('submitNoIdentity', { name: fileName });
  // The pane's submissions are always checked: the report is the file's, shown unless the live panel's is.
  const report = live ?? toPaneReport(result.report!, fileName);
  switch (result.kind) {
    case 'cancelled':
      return { kind: 'cancelled', report };
    case 'no-folder': {
      const name = fileName.toLowerCase().endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
      deps.download(bytes, name);
      return { kind: 'downloaded', report, fileName: name };
    }
    case 'sent':
      return { kind: 'sent', report, receipt: receiptView(result.receipt) };
    case 'queued':
      return { kind: 'queued', report, message: issueMessage(result.issue) };
    case 'failed':
      return { kind: 'failed', report, message: issueMessage(result.issue) };
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
  if (hasErrors(live)) return { kind: 'blocked', report: live };
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
  const result = await retryQueue({
    queue: deps.queueStore(),
    folder: deps.openFolder,
    retry: deps.retry,
    now: deps.now,
  });
  return { sent: result.sent.length, failed: result.failed.length, skipped: result.skipped.length };
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
  const result = await publish(catalog.year, units, {
    folder,
    render: (unit) => deps.render(unit, catalog),
    signal,
    onProgress: async (progress) => {
      onProgress(progress);
      if (progress.current !== null) await nextFrame();
    },
    retry: deps.retry,
    now: deps.now,
  });
  return {
    cancelled: result.cancelled,
    files: result.files.map((file) => {
      const shown = { unit: file.unit.name, path: file.path };
      if (file.status === 'sent') return { ...shown, status: 'sent', receipt: receiptView(file.receipt) };
      if (file.status === 'exists') return { ...shown, status: 'exists' };
      return { ...shown, status: 'failed', message: issueMessage(file.issue) };
    }),
  };
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
export function explained<T>(work: () => Promise<T>): Promise<T> {
  return work().catch(async (error: unknown) => {
    if (isFolderError(error)) {
      await addAllNamespaces();
      throw new PaneError('folder', {}, issueMessage(toIssue(error)));
    }
    throw error;
  });
}

/** 评分 from the configured destination or picked files: the review engine with the pane's folder and download. */
export function paneReview(host: PaneHost, request: ReviewRequest): Promise<ReviewOutcome> {
  return explained(async () => {
    await addAllNamespaces();
    const { reviewIntoPane } = await import(/* webpackChunkName: "engine-review" */ './review');
    return reviewIntoPane(request, {
      openFolder: () => openDestination(loadDestination(), getSessionPassword(), host),
      download: (bytes, name) => downloadBytes(bytes, name, 'application/zip'),
    });
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
    saveDestination: async (settings, password) => saveCheckedDestination(settings, password, host),
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
    resultCopies: (request) =>
      explained(async () => {
        await addAllNamespaces();
        const { resultCopiesIntoPane } = await import(/* webpackChunkName: "engine-result-copies" */ './result-copies');
        return resultCopiesIntoPane(request, {
          openFolder: deps.openFolder,
          download: (bytes, name) => downloadBytes(bytes, name, 'application/zip'),
        });
      }),
  };
}
