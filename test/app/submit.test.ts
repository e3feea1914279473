// Submitting a sheet and sending the queue again, as the application layer does it for the CLI's push and the pane's
// 提交 / 重试: the ports are an in-memory shared folder, an in-memory queue store and a fixed clock. The faces' own
// tests run the same use case against Apache (test/cli/push.test.ts, test/taskpane/folders.test.ts).
import ExcelJS from 'exceljs';
import { publishTemplates } from '../../src/app/publish';
import { retryQueue, submitSheet, type SubmitPorts } from '../../src/app/submit';
import { FolderError } from '../../src/core/folders/errors';
import type { PushRecord } from '../../src/core/folders/push';
import type { QueueStore } from '../../src/core/folders/queue';
import { sha256Hex } from '../../src/core/hash/sha256';
import { MemoryFolder } from '../core/folders/memory-folder';
import { filledSheet, template, unitNamed } from '../taskpane/support/sheets';

const NO_RETRY = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 };
const NOW = new Date('2020-01-06T02:03:04Z');

function memoryQueue(): QueueStore & { text: string | null } {
  const store = {
    text: null as string | null,
    read: async () => store.text,
    write: async (text: string) => {
      store.text = text;
    },
  };
  return store;
}

function ports(folder: MemoryFolder | null, more: Partial<SubmitPorts> = {}): SubmitPorts & { opened: number } {
  const p = {
    opened: 0,
    folder: async () => {
      p.opened++;
      return folder;
    },
    now: () => NOW,
    retry: NO_RETRY,
    ...more,
  };
  return p;
}

let filled: Uint8Array;
beforeAll(async () => {
  filled = await filledSheet('人事处');
}, 60_000);

test('a filled sheet is filed from its own record under <year>/returned/<unit>/, named by the time and its hash, and the push is recorded', async () => {
  const folder = new MemoryFolder();
  const records: PushRecord[] = [];
  const result = await submitSheet(
    { bytes: filled, fileName: '我的副本.xlsx' },
    ports(folder, { recordPush: async (r) => void records.push(r) }),
  );
  if (result.kind !== 'sent') throw new Error(`not sent: ${result.kind}`);
  const hash = sha256Hex(filled);
  expect(result.target).toBe(`2019/returned/人事处/人事处-20200106T020304Z-${hash.slice(0, 8)}.xlsx`);
  expect(folder.files.get(result.target)).toEqual(filled);
  expect(result.report?.status).toBe('valid');
  expect(records).toEqual([expect.objectContaining({ path: result.target, sha256: hash, size: filled.length })]);
});

test('a sheet with errors is refused before the destination is even opened', async () => {
  const folder = new MemoryFolder();
  const p = ports(folder);
  const result = await submitSheet({ bytes: await template('国土测绘处'), fileName: '国土测绘处.xlsx' }, p);
  expect(result.kind).toBe('blocked');
  if (result.kind === 'blocked') expect(result.report.issues[0]).toMatchObject({ code: 'sheet-not-filled' });
  expect(p.opened).toBe(0);
  expect(folder.files.size).toBe(0);
});

test('warnings go to approve with the report: no sends nothing, yes sends', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(filled as unknown as ArrayBuffer);
  workbook.worksheets.find((w) => w.state === 'visible')!.unprotect();
  const unprotected = new Uint8Array(await workbook.xlsx.writeBuffer());
  const folder = new MemoryFolder();
  const asked: string[][] = [];
  const answer = (yes: boolean) =>
    ports(folder, {
      approve: async (report) => {
        asked.push(report.issues.filter((i) => i.severity === 'warning').map((i) => i.code));
        return yes;
      },
    });
  expect((await submitSheet({ bytes: unprotected, fileName: 'x.xlsx' }, answer(false))).kind).toBe('cancelled');
  expect(folder.files.size).toBe(0);
  expect((await submitSheet({ bytes: unprotected, fileName: 'x.xlsx' }, answer(true))).kind).toBe('sent');
  expect(folder.files.size).toBe(1);
  expect(asked).toEqual([['protection-removed'], ['protection-removed']]);
});

test('a template is filed under <year>/templates/ by its own name; with the year given, the workbook is not read', async () => {
  const folder = new MemoryFolder();
  const fallback = jest.fn(() => ({}));
  const bytes = new TextEncoder().encode('not even a workbook');
  const result = await submitSheet(
    { bytes, fileName: '办公室.xlsx', kind: 'template', year: 2021, fallbackIdentity: fallback },
    ports(folder),
  );
  expect(result).toMatchObject({ kind: 'sent', target: '2021/templates/办公室.xlsx', report: null });
  expect(fallback).not.toHaveBeenCalled();
});

test("what the sheet's record does not say comes from the caller's fallback; with neither, the missing part is named", async () => {
  const folder = new MemoryFolder();
  const foreign = new TextEncoder().encode('a file that is not one of ours');
  const named = await submitSheet(
    { bytes: foreign, fileName: 'a.xlsx', check: false, fallbackIdentity: () => ({ unit: '办公室', year: 2020 }) },
    ports(folder),
  );
  expect(named).toMatchObject({ kind: 'sent', target: expect.stringMatching(/^2020\/returned\/办公室\/办公室-/) });
  expect(await submitSheet({ bytes: foreign, fileName: 'a.xlsx', check: false }, ports(folder))).toMatchObject({
    kind: 'no-identity',
    missing: 'year',
  });
  expect(
    await submitSheet(
      { bytes: foreign, fileName: 'a.xlsx', check: false, fallbackIdentity: () => ({ year: 2020 }) },
      ports(folder),
    ),
  ).toMatchObject({ kind: 'no-identity', missing: 'unit' });
});

test('with no destination set up nothing is pushed, and the caller is told so after the check', async () => {
  const result = await submitSheet({ bytes: filled, fileName: '人事处.xlsx' }, ports(null));
  expect(result.kind).toBe('no-folder');
  expect(result.report?.status).toBe('valid');
});

test('a transient failure waits in the queue; retryQueue sends it once the folder answers, and leaves what is meant for another destination', async () => {
  const folder = new MemoryFolder().fail('createExclusive', new FolderError('folder-unreachable'));
  const queue = memoryQueue();
  const result = await submitSheet({ bytes: filled, fileName: '人事处.xlsx' }, ports(folder, { queue: () => queue }));
  expect(result).toMatchObject({ kind: 'queued', issue: { code: 'folder-unreachable' } });
  expect(folder.files.size).toBe(0);

  const elsewhere = new MemoryFolder();
  Object.defineProperty(elsewhere, 'label', { value: 'memory://elsewhere/' });
  const skipped = await retryQueue({ queue, folder: async () => elsewhere, retry: NO_RETRY });
  expect(skipped.sent).toEqual([]);
  expect(skipped.skipped.map((e) => e.fileName)).toEqual(['人事处.xlsx']);

  const events: string[] = [];
  const retried = await retryQueue({
    queue,
    folder: async () => folder,
    retry: NO_RETRY,
    onEvent: (entry, event) => events.push(`${entry.fileName} ${event.type}`),
  });
  expect(retried.failed).toEqual([]);
  expect(retried.sent.map((s) => s.receipt.path)).toEqual([result.kind === 'queued' ? result.target : '']);
  expect(folder.files.get(retried.sent[0]!.receipt.path)).toEqual(filled);
  expect(events).toContain('人事处.xlsx done');
  expect(JSON.parse(queue.text!).entries).toEqual([]);
});

test('a refusal that retrying cannot mend is a failure, not queued; a queue that cannot be written says so', async () => {
  const refused = new MemoryFolder().fail('createExclusive', new FolderError('forbidden', { status: 403 }));
  const queue = memoryQueue();
  expect(
    await submitSheet({ bytes: filled, fileName: '人事处.xlsx' }, ports(refused, { queue: () => queue })),
  ).toMatchObject({ kind: 'failed', issue: { code: 'forbidden' } });
  expect(queue.text).toBeNull();

  const down = new MemoryFolder().fail('createExclusive', new FolderError('timeout'));
  const full: QueueStore = {
    read: async () => null,
    write: async () => {
      throw new Error('QuotaExceededError');
    },
  };
  expect(
    await submitSheet({ bytes: filled, fileName: '人事处.xlsx' }, ports(down, { queue: () => full })),
  ).toMatchObject({ kind: 'failed', issue: { code: 'timeout' }, queueFailed: true });
});

test('发布模板 checks each path once and renders a template only when its path is free; one already there is kept', async () => {
  const folder = new MemoryFolder();
  const units = [unitNamed('人事处'), unitNamed('办公室')];
  folder.files.set('2019/templates/办公室.xlsx', new TextEncoder().encode('edited on the server'));
  const rendered: string[] = [];
  const progress: (string | null)[] = [];
  const result = await publishTemplates(2019, units, {
    folder,
    render: async (unit) => {
      rendered.push(unit.name);
      return template(unit.name);
    },
    onProgress: (p) => void progress.push(p.current),
    retry: NO_RETRY,
  });
  expect(result.files.map((f) => [f.path, f.status])).toEqual([
    ['2019/templates/人事处.xlsx', 'sent'],
    ['2019/templates/办公室.xlsx', 'exists'],
  ]);
  expect(rendered).toEqual(['人事处']);
  expect(folder.calls.filter((c) => c.startsWith('exists'))).toHaveLength(units.length);
  expect(new TextDecoder().decode(folder.files.get('2019/templates/办公室.xlsx'))).toBe('edited on the server');
  expect(progress).toEqual(['人事处', '办公室', null]);
  expect(result.cancelled).toBe(false);
});
