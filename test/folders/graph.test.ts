// The Microsoft Graph adapter against a local server that answers as Graph's documentation describes.
import { createTranslator } from '../../src/i18n';
import { folderIssueMessage, toIssue } from '../../src/core/folders/errors';
import { type PushEvent, pushFile } from '../../src/core/folders/push';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createGraphFolder } from '../../src/folders/graph';
import { FakeGraph } from './support/fake-graph';

let graph: FakeGraph;
beforeEach(async () => {
  graph = new FakeGraph();
  await graph.start();
});
afterEach(async () => {
  await graph.stop();
});

const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 5000 };
const KiB = 1024;

function folder(extra: { token?: string } = {}) {
  graph.items.set('考核', { name: '考核', folder: true, id: 'kh' });
  return createGraphFolder({
    drive: '/me/drive',
    root: '考核',
    baseUrl: graph.baseUrl,
    getAccessToken: async () => extra.token ?? graph.token,
    simpleUploadLimit: 400 * KiB,
    chunkSize: 320 * KiB,
  });
}

function bytesOf(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * seed + 11) & 255);
}

test('a small sheet is one PUT with conflictBehavior=fail, verified by the sha256Hash Graph returns', async () => {
  const bytes = bytesOf(100 * KiB, 3);
  const receipt = await pushFile(folder(), '2019/templates/办公室.xlsx', bytes, { retry: policy });
  expect(receipt).toMatchObject({
    path: '2019/templates/办公室.xlsx',
    sha256: sha256Hex(bytes),
    verifiedBy: 'server-hash',
  });
  const put = graph.log.find((r) => r.method === 'PUT');
  expect(put?.url).toBe(
    '/v1.0/me/drive/root:/考核/2019/templates/办公室.xlsx:/content?@microsoft.graph.conflictBehavior=fail',
  );
  expect(put?.authorization).toBe(`Bearer ${graph.token}`);
  expect(graph.items.get('考核/2019/templates/办公室.xlsx')?.bytes?.equals(Buffer.from(bytes))).toBe(true);
  // Folders were created with conflictBehavior fail, and nothing was read back: the server's hash was trusted.
  expect(graph.log.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
    '/v1.0/me/drive/root:/考核:/children',
    '/v1.0/me/drive/root:/考核/2019:/children',
  ]);
  expect(graph.log.some((r) => r.url.endsWith(':/content') && r.method === 'GET')).toBe(false);
});

test('a large sheet goes through an upload session in 320 KiB chunks with no Authorization on the chunks', async () => {
  const bytes = bytesOf(1000 * KiB, 7);
  const receipt = await pushFile(folder(), '2019/returned/办公室/办公室-20191220T080000Z-abcdef12.xlsx', bytes, {
    retry: policy,
  });
  expect(receipt.sha256).toBe(sha256Hex(bytes));
  const chunks = graph.log.filter((r) => r.url.startsWith('/upload/') && r.method === 'PUT');
  expect(chunks.map((c) => c.contentRange)).toEqual([
    'bytes 0-327679/1024000',
    'bytes 327680-655359/1024000',
    'bytes 655360-983039/1024000',
    'bytes 983040-1023999/1024000',
  ]);
  expect(chunks.every((c) => c.authorization === undefined)).toBe(true);
  const create = graph.log.find((r) => r.url.includes('createUploadSession'));
  expect(create?.authorization).toBe(`Bearer ${graph.token}`);
});

test('409 nameAlreadyExists on a small PUT is already-exists, and the existing file is kept', async () => {
  const f = folder();
  await pushFile(f, '2019/templates/a.xlsx', bytesOf(10, 1), { retry: policy });
  const error = await pushFile(f, '2019/templates/a.xlsx', bytesOf(10, 2), { retry: policy }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'already-exists' });
  expect(graph.items.get('考核/2019/templates/a.xlsx')?.bytes?.equals(Buffer.from(bytesOf(10, 1)))).toBe(true);
});

test('a name taken while a large upload was running is refused at commit (409) and the other file is kept', async () => {
  const f = folder();
  const bytes = bytesOf(700 * KiB, 5);
  const real = globalThis.fetch;
  let sneaked = false;
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    if (!sneaked && String(input).includes('/upload/')) {
      sneaked = true;
      graph.items.set('考核/2019/templates/b.xlsx', {
        name: 'b.xlsx',
        folder: false,
        bytes: Buffer.from('theirs'),
        id: 'x',
      });
    }
    return real(input, init);
  });
  try {
    const error = await pushFile(f, '2019/templates/b.xlsx', bytes, { retry: policy }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'already-exists', status: 409 });
  } finally {
    spy.mockRestore();
  }
  expect(graph.items.get('考核/2019/templates/b.xlsx')?.bytes?.toString()).toBe('theirs');
});

test('429 with Retry-After is waited out and shown as a retry, then the push succeeds', async () => {
  graph.inject({
    method: 'PUT',
    match: /:\/content$/,
    status: 429,
    headers: { 'retry-after': '1', 'content-type': 'application/json' },
    body: { error: { code: 'activityLimitReached', message: 'The app or user has been throttled.' } },
  });
  const events: PushEvent[] = [];
  const receipt = await pushFile(folder(), '2019/templates/c.xlsx', bytesOf(1000, 9), {
    retry: policy,
    onEvent: (e) => events.push(e),
  });
  expect(receipt.path).toBe('2019/templates/c.xlsx');
  expect(events.filter((e) => e.type === 'retry')).toEqual([
    { type: 'retry', step: 'upload', attempt: 1, delayMs: 1000, code: 'rate-limited' },
  ]);
});

test('503 with Retry-After on an upload chunk retries the upload', async () => {
  graph.inject({
    method: 'PUT',
    match: /^\/upload\//,
    status: 503,
    headers: { 'retry-after': '0' },
    body: { error: { code: 'serviceNotAvailable', message: 'Service unavailable' } },
  });
  const events: PushEvent[] = [];
  const bytes = bytesOf(700 * KiB, 13);
  const receipt = await pushFile(folder(), '2019/templates/d.xlsx', bytes, {
    retry: policy,
    onEvent: (e) => events.push(e),
  });
  expect(receipt.sha256).toBe(sha256Hex(bytes));
  expect(events.filter((e) => e.type === 'retry').map((e) => (e as { code: string }).code)).toEqual(['http-error']);
  // The failed session was cancelled, a fresh one completed.
  expect(graph.log.filter((r) => r.method === 'DELETE' && r.url.startsWith('/upload/'))).toHaveLength(1);
});

test('without sha256Hash (drives that only give quickXorHash) the file is read back to verify', async () => {
  graph.sha256Hashes = false;
  const bytes = bytesOf(50 * KiB, 17);
  const receipt = await pushFile(folder(), '2019/templates/e.xlsx', bytes, { retry: policy });
  expect(receipt.verifiedBy).toBe('read-back');
  expect(
    graph.log.some((r) => r.method === 'GET' && r.url === '/v1.0/me/drive/root:/考核/2019/templates/e.xlsx:/content'),
  ).toBe(true);
});

test('an expired token gives the sign-in message without retrying, and the token never appears in it', async () => {
  const events: PushEvent[] = [];
  const error = await pushFile(folder({ token: 'expired-token-XYZ' }), '2019/templates/f.xlsx', bytesOf(10, 1), {
    retry: policy,
    onEvent: (e) => events.push(e),
  }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'auth-failed', status: 401 });
  expect(events.some((e) => e.type === 'retry')).toBe(false);
  const message = folderIssueMessage(createTranslator('en'), toIssue(error));
  expect(message).toContain('refused');
  expect(`${message} ${String(error)} ${JSON.stringify(toIssue(error))}`).not.toContain('expired-token-XYZ');
});

test('a full drive (507 / quotaLimitReached) says the folder is full', async () => {
  graph.inject({
    method: 'PUT',
    match: /:\/content$/,
    status: 507,
    headers: { 'content-type': 'application/json' },
    body: { error: { code: 'quotaLimitReached', message: 'Insufficient Storage' } },
  });
  const error = await pushFile(folder(), '2019/templates/g.xlsx', bytesOf(10, 1), { retry: policy }).catch(
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'insufficient-storage' });
});
