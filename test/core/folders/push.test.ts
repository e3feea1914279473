import { FolderError } from '../../../src/core/folders/errors';
import { type PushEvent, pushFile, pushRecord, receiptLocation, redactUrl } from '../../../src/core/folders/push';
import type { RetryEnv } from '../../../src/core/folders/retry';
import { sha256Hex } from '../../../src/core/hash/sha256';
import { MemoryFolder } from './memory-folder';

const sleeps: number[] = [];
const env: RetryEnv = {
  sleep: async (ms) => {
    sleeps.push(ms);
  },
  random: () => 0.5,
};
const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const bytes = new TextEncoder().encode('一个单位的评分表 workbook bytes');
const target = '2019/returned/办公室/办公室-20191220T080000Z-abcdef12.xlsx';
const opts = (events: PushEvent[] = []) => ({
  retryEnv: env,
  retry: policy,
  randomId: () => 'r1',
  onEvent: (e: PushEvent) => events.push(e),
  now: () => new Date('2019-12-20T08:00:00Z'),
});

beforeEach(() => {
  sleeps.length = 0;
});

test('a push writes a hidden temporary file, reads it back, then moves it into place', async () => {
  const folder = new MemoryFolder();
  const receipt = await pushFile(folder, target, bytes, opts());
  expect(folder.calls).toEqual([
    'mkdirp 2019/returned/办公室',
    `exists ${target}`,
    'create 2019/returned/办公室/.办公室-20191220T080000Z-abcdef12.xlsx.part-r1',
    'read 2019/returned/办公室/.办公室-20191220T080000Z-abcdef12.xlsx.part-r1',
    `move 2019/returned/办公室/.办公室-20191220T080000Z-abcdef12.xlsx.part-r1 -> ${target}`,
  ]);
  expect([...folder.files.keys()]).toEqual([target]);
  expect(receipt).toEqual({
    path: target,
    destination: 'memory://share/',
    size: bytes.length,
    sha256: sha256Hex(bytes),
    pushedAt: '2019-12-20T08:00:00.000Z',
    verifiedBy: 'read-back',
  });
  expect(pushRecord(receipt)).toEqual({
    destination: 'memory://share/',
    path: target,
    pushedAt: '2019-12-20T08:00:00.000Z',
    sha256: sha256Hex(bytes),
    size: bytes.length,
  });
});

test('an existing file at the target is refused before anything is uploaded', async () => {
  const folder = new MemoryFolder();
  folder.files.set(target, new Uint8Array([1, 2, 3]));
  await expect(pushFile(folder, target, bytes, opts())).rejects.toMatchObject({ code: 'already-exists' });
  expect(folder.calls.some((c) => c.startsWith('create'))).toBe(false);
  expect(folder.files.get(target)).toEqual(new Uint8Array([1, 2, 3]));
});

test('a file that appears at the target during the upload is not replaced, and the temporary file is removed', async () => {
  const folder = new MemoryFolder();
  const originalRead = folder.read.bind(folder);
  folder.read = async (p: string) => {
    folder.files.set(target, new Uint8Array([9]));
    return originalRead(p);
  };
  await expect(pushFile(folder, target, bytes, opts())).rejects.toMatchObject({ code: 'already-exists' });
  expect(folder.files.get(target)).toEqual(new Uint8Array([9]));
  expect([...folder.files.keys()]).toEqual([target]);
});

test('content that arrives different from what was sent is a verify-mismatch and is removed', async () => {
  const folder = new MemoryFolder();
  folder.corruptNextWrite = true;
  const error = await pushFile(folder, target, bytes, opts()).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'verify-mismatch' });
  expect(folder.files.size).toBe(0);
});

test('transient failures are retried with growing, jittered delays and reported as events', async () => {
  const folder = new MemoryFolder()
    .fail('createExclusive', new FolderError('http-error', { status: 503 }))
    .fail('createExclusive', new FolderError('folder-unreachable', { detail: 'ECONNRESET' }));
  const events: PushEvent[] = [];
  await pushFile(folder, target, bytes, opts(events));
  expect(events.filter((e) => e.type === 'retry')).toEqual([
    { type: 'retry', step: 'upload', attempt: 1, delayMs: 75, code: 'http-error' },
    { type: 'retry', step: 'upload', attempt: 2, delayMs: 150, code: 'folder-unreachable' },
  ]);
  expect(sleeps).toEqual([75, 150]);
  expect([...folder.files.keys()]).toEqual([target]);
});

test('Retry-After from the server is honoured instead of the backoff', async () => {
  const folder = new MemoryFolder().fail(
    'mkdirp',
    new FolderError('rate-limited', { status: 429, retryAfterMs: 3000 }),
  );
  await pushFile(folder, target, bytes, opts());
  expect(sleeps).toEqual([3000]);
});

test.each([
  ['auth-failed', 401],
  ['forbidden', 403],
  ['insufficient-storage', 507],
  ['conflict', 409],
  ['not-found', 404],
] as const)('%s (HTTP %i) stops at once without retrying', async (code, status) => {
  const folder = new MemoryFolder().fail('createExclusive', new FolderError(code, { status }));
  await expect(pushFile(folder, target, bytes, opts())).rejects.toMatchObject({ code, status });
  expect(sleeps).toEqual([]);
});

test('an upload whose first attempt landed before the connection dropped is verified, not duplicated', async () => {
  const folder = new MemoryFolder().fail('createExclusive', new FolderError('timeout'), true);
  const receipt = await pushFile(folder, target, bytes, opts());
  expect(receipt.verifiedBy).toBe('read-back');
  expect([...folder.files.keys()]).toEqual([target]);
});

test('a MOVE that went through before its answer was lost counts as done', async () => {
  const folder = new MemoryFolder().fail('move', new FolderError('folder-unreachable', { detail: 'ECONNRESET' }), true);
  await expect(pushFile(folder, target, bytes, opts())).resolves.toMatchObject({ path: target });
  expect([...folder.files.keys()]).toEqual([target]);
});

test('a temporary file that cannot be removed after a failure is reported as leftover', async () => {
  const folder = new MemoryFolder()
    .fail('read', new FolderError('verify-mismatch'))
    .fail('remove', new FolderError('folder-unreachable'));
  const error = (await pushFile(folder, target, bytes, opts()).catch((e: unknown) => e)) as FolderError;
  expect(error.code).toBe('verify-mismatch');
  expect(error.leftover).toBe('2019/returned/办公室/.办公室-20191220T080000Z-abcdef12.xlsx.part-r1');
});

test('a destination whose creates are atomic and hashed by the server is written once and verified by its hash', async () => {
  const folder = new MemoryFolder(true, (b) => sha256Hex(b));
  const receipt = await pushFile(folder, target, bytes, opts());
  expect(receipt.verifiedBy).toBe('server-hash');
  expect(folder.calls.filter((c) => c.startsWith('create') || c.startsWith('read') || c.startsWith('move'))).toEqual([
    `create ${target}`,
  ]);
});

test('on an atomic destination a clash at the final name never deletes the other file', async () => {
  const folder = new MemoryFolder(true, (b) => sha256Hex(b));
  folder.fail('exists', new FolderError('timeout')); // first exists check fails transiently, second says no
  const original = new Uint8Array([7]);
  const create = folder.createExclusive.bind(folder);
  folder.createExclusive = async (p, b) => {
    folder.files.set(target, original);
    return create(p, b);
  };
  await expect(pushFile(folder, target, bytes, opts())).rejects.toMatchObject({ code: 'already-exists' });
  expect(folder.files.get(target)).toBe(original);
  expect(folder.calls.some((c) => c.startsWith('remove'))).toBe(false);
});

test('URLs in messages and receipts lose their user name, password and query', () => {
  expect(redactUrl('https://kh:s3cret@files.example.org/dav/考核/?token=abc#x')).toBe(
    'https://files.example.org/dav/考核/',
  );
});

test('a receipt location is the destination and the path, with one slash between them', () => {
  const path = '2019/returned/办公室/x.xlsx';
  expect(receiptLocation({ destination: 'https://dav.example.org/考核/', path })).toBe(
    'https://dav.example.org/考核/2019/returned/办公室/x.xlsx',
  );
  expect(receiptLocation({ destination: '/srv/考核', path })).toBe('/srv/考核/2019/returned/办公室/x.xlsx');
});
