import { base64ToBytes, bytesToBase64 } from '../../../src/core/folders/base64';
import { FolderError, toIssue } from '../../../src/core/folders/errors';
import { pushFile } from '../../../src/core/folders/push';
import {
  type QueueEntry,
  type QueueStore,
  SubmissionQueue,
  queueEntryFor,
  sendQueued,
} from '../../../src/core/folders/queue';
import { sha256Hex } from '../../../src/core/hash/sha256';
import { MemoryFolder } from './memory-folder';
import fc from 'fast-check';

class TextStore implements QueueStore {
  text: string | null = null;
  async read() {
    return this.text;
  }
  async write(text: string) {
    this.text = text;
  }
}

function entry(id: string, bytes: Uint8Array): QueueEntry {
  return {
    id,
    kind: 'returned',
    target: `2019/returned/办公室/${id}.xlsx`,
    destination: 'https://dav.example.org/',
    fileName: '办公室.xlsx',
    size: bytes.length,
    sha256: 'x',
    bytesBase64: bytesToBase64(bytes),
    createdAt: '2019-12-20T08:00:00Z',
    attempts: 0,
  };
}

test('a submission that could not be sent survives a restart of the task pane (a new queue on the same store)', async () => {
  const store = new TextStore();
  await new SubmissionQueue(store).add(entry('a', new Uint8Array([1, 2, 3])));
  const reopened = new SubmissionQueue(store);
  expect((await reopened.list()).map((e) => e.id)).toEqual(['a']);
  expect(store.text).not.toMatch(/password|Authorization/i);
});

test('retrying sends each waiting submission; successes leave the queue, failures keep their reason', async () => {
  const store = new TextStore();
  const queue = new SubmissionQueue(store);
  await queue.add(entry('ok', new Uint8Array([1])));
  await queue.add(entry('down', new Uint8Array([2, 3])));
  const sent: number[][] = [];
  const results = await queue.retryAll(async (e, bytes) => {
    sent.push([...bytes]);
    if (e.id === 'down') throw new FolderError('folder-unreachable', { detail: 'ECONNREFUSED' });
  }, toIssue);
  expect(sent).toEqual([[1], [2, 3]]);
  expect(results.map((r) => [r.id, r.ok])).toEqual([
    ['ok', true],
    ['down', false],
  ]);
  const left = await new SubmissionQueue(store).list();
  expect(left.map((e) => [e.id, e.attempts, e.lastError?.code])).toEqual([['down', 1, 'folder-unreachable']]);
});

test('base64 round-trips any bytes and matches the standard encoding', () => {
  expect(bytesToBase64(new TextEncoder().encode('unit:pa55-考核'))).toBe(
    Buffer.from('unit:pa55-考核').toString('base64'),
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      expect(bytesToBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect([...base64ToBytes(bytesToBase64(b))]).toEqual([...b]);
    }),
  );
});

test('a retry after the file arrived but its answer was lost is a success and leaves the queue; a different file under that name is still already-exists', async () => {
  const once = {
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    now: () => new Date('2019-12-21T09:00:00Z'),
  };
  const target = '2019/returned/办公室/办公室-20191220T080000Z-abcdef12.xlsx';
  const sent = new TextEncoder().encode('办公室的评分表');
  const queued = (id: string, bytes: Uint8Array): QueueEntry => ({
    ...entry(id, bytes),
    target,
    destination: 'memory://share/',
    sha256: sha256Hex(bytes),
  });
  const folder = new MemoryFolder();
  // The MOVE into place goes through, but its answer never comes back: the push fails and the file is queued.
  folder.fail('move', new FolderError('timeout', { detail: 'no answer' }), true);
  await expect(pushFile(folder, target, sent, once)).rejects.toMatchObject({ code: 'timeout' });
  expect(folder.files.get(target)).toEqual(sent);
  const store = new TextStore();
  const queue = new SubmissionQueue(store);
  await queue.add(queued('arrived', sent));

  const receipts: unknown[] = [];
  const results = await queue.retryAll(async (e, bytes) => {
    receipts.push(await sendQueued(folder, e, bytes, once));
  }, toIssue);
  expect(results).toEqual([{ id: 'arrived', ok: true }]);
  expect(await queue.list()).toEqual([]);
  expect(receipts).toEqual([
    {
      path: target,
      destination: 'memory://share/',
      size: sent.length,
      sha256: sha256Hex(sent),
      pushedAt: '2019-12-21T09:00:00.000Z',
      verifiedBy: 'read-back',
    },
  ]);

  // Another file waiting for the same name: refused, kept in the queue, and the file there is left as it is.
  const other = new TextEncoder().encode('另一个文件');
  await queue.add(queued('other', other));
  const again = await queue.retryAll((e, bytes) => sendQueued(folder, e, bytes, once).then(() => undefined), toIssue);
  expect(again.map((r) => [r.id, r.ok, r.issue?.code])).toEqual([['other', false, 'already-exists']]);
  expect((await queue.list()).map((e) => [e.id, e.attempts, e.lastError?.code])).toEqual([
    ['other', 1, 'already-exists'],
  ]);
  expect(folder.files.get(target)).toEqual(sent);
});

test('the same file queued for two destinations, or under two names of equal length, is two entries; queued again it replaces its entry', async () => {
  const bytes = new TextEncoder().encode('办公室的评分表');
  const base = {
    kind: 'returned' as const,
    fileName: '办公室.xlsx',
    bytes,
    createdAt: new Date('2019-12-20T08:00:00Z'),
    lastError: { code: 'timeout' as const },
  };
  const a = '2019/returned/办公室/办公室-20191220T080000Z-abcdef12.xlsx';
  const b = '2019/returned/办公室/办公室-20191220T080001Z-abcdef12.xlsx';
  const queue = new SubmissionQueue(new TextStore());
  await queue.add(queueEntryFor({ ...base, target: a, destination: 'https://dav.example.org/' }));
  await queue.add(queueEntryFor({ ...base, target: a, destination: 'https://backup.example.org/' }));
  await queue.add(queueEntryFor({ ...base, target: b, destination: 'https://dav.example.org/' }));
  await queue.add(
    queueEntryFor({
      ...base,
      target: a,
      destination: 'https://dav.example.org/',
      lastError: { code: 'folder-unreachable' },
    }),
  );
  const entries = await queue.list();
  expect(entries.map((e) => [e.destination, e.target, e.lastError?.code])).toEqual([
    ['https://backup.example.org/', a, 'timeout'],
    ['https://dav.example.org/', b, 'timeout'],
    ['https://dav.example.org/', a, 'folder-unreachable'],
  ]);
  expect(new Set(entries.map((e) => e.id)).size).toBe(3);
  expect(entries[0]).toMatchObject({
    kind: 'returned',
    fileName: '办公室.xlsx',
    size: bytes.length,
    sha256: sha256Hex(bytes),
    createdAt: '2019-12-20T08:00:00.000Z',
    attempts: 1,
  });
  expect([...base64ToBytes(entries[0]!.bytesBase64)]).toEqual([...bytes]);
});
