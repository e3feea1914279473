// 提交 inside Excel: the open workbook is checked live first (errors stop before its file is even read), then
// read through getFileAsync in slices of at most 4 MB and always closed, pushed to the real Apache WebDAV, and the
// push is recorded in the workbook's add-in settings (Workbook.settings) — destination label, path, time, hash,
// size, never a user name, password or token. The Office host is faked (it cannot run here); the fakes keep
// Office's rules that matter: values are readable only after load + sync, writes apply at the next sync.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../../src/core/hash/sha256';
import type { PushRecord } from '../../src/core/folders/push';
import { createWebDavFolder } from '../../src/folders/webdav';
import type { OfficeDocumentLike, OfficeFileLike } from '../../src/folders/workbook-file';
import { localStorageQueueStore } from '../../src/folders/queue-store';
import { recordPushInWorkbook } from '../../src/office/push-record';
import { type FolderDeps, submitOpenWorkbook } from '../../src/taskpane/engine/folders';
import { NO_DESTINATION } from '../../src/taskpane/engine/settings';
import type { PaneReport, SubmitStep } from '../../src/taskpane/operations';
import { type ApacheServer, startApache } from '../support/apache';
import { filledSheet, MemoryStorage } from './support/sheets';

let apache: ApacheServer;
beforeAll(async () => {
  apache = await startApache();
}, 60_000);
afterAll(async () => {
  await apache?.stop();
});

/** Office.context.document for one file: records the slice size asked for, and whether the file was closed. */
function fakeDocument(bytes: Uint8Array) {
  const seen = { opened: 0, closed: 0, sliceSizes: [] as number[] };
  const document: OfficeDocumentLike = {
    getFileAsync(_type, options, callback) {
      seen.opened++;
      seen.sliceSizes.push(options.sliceSize);
      const size = options.sliceSize;
      const count = Math.ceil(bytes.length / size);
      const file: OfficeFileLike = {
        size: bytes.length,
        sliceCount: count,
        getSliceAsync(index, cb) {
          const data = Array.from(bytes.subarray(index * size, (index + 1) * size));
          cb({ status: 'succeeded', value: { data, index, size: data.length } });
        },
        closeAsync(cb) {
          seen.closed++;
          cb?.({ status: 'succeeded', value: undefined });
        },
      };
      callback({ status: 'succeeded', value: file });
    },
  };
  return { document, seen };
}

/** Workbook.settings with Office's batch rules, behind a global Excel.run. */
function installFakeExcel() {
  const stored = new Map<string, string>();
  let queued: (() => void)[] = [];
  let syncs = 0;
  const context = {
    workbook: {
      settings: {
        getItemOrNullObject(key: string) {
          const item: { isNullObject?: boolean; value?: unknown; load: (p: string) => void } = {
            load: () => {
              queued.push(() => {
                item.isNullObject = !stored.has(key);
                item.value = stored.get(key);
              });
            },
          };
          return item;
        },
        add(key: string, value: string) {
          queued.push(() => {
            stored.set(key, value);
          });
        },
      },
    },
    sync: async () => {
      syncs++;
      const q = queued;
      queued = [];
      q.forEach((f) => f());
    },
  };
  (globalThis as unknown as { Excel: unknown }).Excel = {
    run: (_o: unknown, batch: (c: unknown) => Promise<unknown>) => batch(context),
  };
  return {
    stored,
    syncs: () => syncs,
    uninstall: () => {
      delete (globalThis as { Excel?: unknown }).Excel;
    },
  };
}

function deps(records?: PushRecord[]): FolderDeps {
  return {
    settings: () => ({ ...NO_DESTINATION, kind: 'webdav', url: apache.url, user: apache.user }),
    openFolder: async () => createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password }),
    queueStore: () => localStorageQueueStore(new MemoryStorage()),
    download: () => {
      throw new Error('nothing should be downloaded');
    },
    recordPush: records
      ? async (r) => {
          records.push(r);
        }
      : recordPushInWorkbook,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
  };
}

const passing: PaneReport = {
  source: null,
  unitName: '人事处',
  valid: true,
  status: 'valid',
  filled: null,
  blocks: [],
  total: null,
  issues: [],
};

test('an error in the open workbook stops 提交 before its file is read: getFileAsync is never called', async () => {
  const { document, seen } = fakeDocument(await filledSheet('人事处'));
  const live: PaneReport = {
    ...passing,
    valid: false,
    status: 'invalid',
    issues: [{ code: 'self-score-missing', severity: 'error', sheet: '人事处', cell: 'G6', message: () => 'G6' }],
  };
  const outcome = await submitOpenWorkbook({ confirmWarnings: async () => true }, deps([]), {
    check: async () => live,
    document,
  });
  expect(outcome.kind).toBe('blocked');
  expect(seen.opened).toBe(0);
});

test('a passing workbook is read in slices of at most 4 MB, closed, sent byte-identical, and the push recorded in Workbook.settings without credentials', async () => {
  const bytes = await filledSheet('人事处');
  const { document, seen } = fakeDocument(bytes);
  const excel = installFakeExcel();
  try {
    const steps: SubmitStep[] = [];
    const outcome = await submitOpenWorkbook(
      { confirmWarnings: async () => true, onStep: (s) => steps.push(s) },
      deps(),
      {
        check: async () => passing,
        document,
      },
    );
    expect(outcome.kind).toBe('sent');
    expect(steps.slice(0, 2)).toEqual(['check', 'read']);
    expect(steps).toContain('record');
    expect(seen.opened).toBe(1);
    expect(seen.closed).toBe(1);
    expect(Math.max(...seen.sliceSizes)).toBeLessThanOrEqual(4 * 1024 * 1024);
    const dir = path.join(apache.root, '2019/returned/人事处');
    const [name] = readdirSync(dir);
    expect(sha256Hex(new Uint8Array(readFileSync(path.join(dir, name!))))).toBe(sha256Hex(bytes));

    const text = excel.stored.get('targetSheets.pushes');
    expect(text).toBeDefined();
    const records = JSON.parse(text!) as PushRecord[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      path: `2019/returned/人事处/${name}`,
      sha256: sha256Hex(bytes),
      size: bytes.length,
    });
    expect(records[0]!.destination).toBe(apache.url.replace(/\/?$/, '/'));
    expect(text).not.toContain(apache.password);
    expect(text).not.toContain(`${apache.user}@`);
  } finally {
    excel.uninstall();
  }
});

test('each push adds a record to the workbook and only the latest 50 are kept', async () => {
  const excel = installFakeExcel();
  try {
    for (let i = 0; i < 52; i++) {
      await recordPushInWorkbook({
        destination: 'https://dav.example/',
        path: `2019/returned/a/a-${i}.xlsx`,
        pushedAt: '2019-12-01T00:00:00.000Z',
        sha256: 'ab'.repeat(32),
        size: i,
      });
    }
    const records = JSON.parse(excel.stored.get('targetSheets.pushes')!) as PushRecord[];
    expect(records).toHaveLength(50);
    expect(records[0]!.size).toBe(2);
    expect(records[49]!.size).toBe(51);
    // Two round trips per record: read what is there, then write.
    expect(excel.syncs()).toBe(104);
  } finally {
    excel.uninstall();
  }
});
