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

test('a small sheet is one PUT with conflictBehavior=fail, then read back (most drives give no sha256Hash)', async () => {
  const bytes = bytesOf(100 * KiB, 3);
  const receipt = await pushFile(folder(), '2019/templates/办公室.xlsx', bytes, { retry: policy });
  expect(receipt).toMatchObject({
    path: '2019/templates/办公室.xlsx',
    sha256: sha256Hex(bytes),
    verifiedBy: 'read-back',
  });
  const put = graph.log.find((r) => r.method === 'PUT');
  expect(put?.url).toBe(
    '/v1.0/me/drive/root:/考核/2019/templates/办公室.xlsx:/content?@microsoft.graph.conflictBehavior=fail',
  );
  expect(put?.authorization).toBe(`Bearer ${graph.token}`);
  expect(graph.items.get('考核/2019/templates/办公室.xlsx')?.bytes?.equals(Buffer.from(bytes))).toBe(true);
  // Folders were created with conflictBehavior fail; the file was read back through Graph's download redirect.
  expect(graph.log.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
    '/v1.0/me/drive/root:/考核:/children?@microsoft.graph.conflictBehavior=fail',
    '/v1.0/me/drive/root:/考核/2019:/children?@microsoft.graph.conflictBehavior=fail',
  ]);
  expect(graph.log.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
    '/v1.0/me/drive/root:/考核/2019/templates/办公室.xlsx',
    '/v1.0/me/drive/root:/考核/2019/templates/办公室.xlsx:/content',
    '/download/me/考核/2019/templates/办公室.xlsx',
  ]);
});

test('where the drive reports sha256Hash, that is checked and nothing is read back', async () => {
  graph.sha256Hashes = true;
  const bytes = bytesOf(50 * KiB, 4);
  const receipt = await pushFile(folder(), '2019/templates/规划处.xlsx', bytes, { retry: policy });
  expect(receipt.verifiedBy).toBe('server-hash');
  expect(graph.log.some((r) => r.method === 'GET' && r.url.endsWith(':/content'))).toBe(false);
});

const SITE = 'contoso.sharepoint.com,2C712604-1370-44E7-A1F5-426573FDA80A,2D2244C3-251A-49EA-93A8-39E1C3A060FE';
const LIBRARY = 'b!BBJxLHATxESh9UJlc_2oCsNEIi0aJepJk6g54cOgYP7TCCtQ8Z9DTYmOJfXyY4nf';

test.each([
  ['the user’s OneDrive', '/me/drive', 'me'],
  ['a document library by its drive id', `/drives/${LIBRARY}`, LIBRARY],
  ['a SharePoint site’s default library', `/sites/${SITE}/drive`, LIBRARY],
])('a sheet pushed to %s lands in that drive, read back from it, and nowhere else', async (_, drive, stored) => {
  const library = graph.addDrive(LIBRARY, SITE);
  for (const items of [graph.items, library]) items.set('考核', { name: '考核', folder: true, id: 'kh' });
  const f = createGraphFolder({
    drive,
    root: '考核',
    baseUrl: graph.baseUrl,
    getAccessToken: async () => graph.token,
  });
  const bytes = bytesOf(20 * KiB, 5);
  const receipt = await pushFile(f, '2019/templates/财务处.xlsx', bytes, { retry: policy });
  expect(receipt.verifiedBy).toBe('read-back');
  expect(receipt.destination).toBe(`${graph.baseUrl}v1.0${drive}/root:/考核`);
  expect(graph.drive(stored).get('考核/2019/templates/财务处.xlsx')?.bytes?.equals(Buffer.from(bytes))).toBe(true);
  const other = stored === 'me' ? library : graph.items;
  expect([...other.keys()].some((k) => k.startsWith('考核/2019'))).toBe(false);
  expect(
    graph.log
      .filter((r) => r.method !== 'GET' || !r.url.startsWith('/download/'))
      .every((r) => r.url.startsWith(`/v1.0${drive}/`)),
  ).toBe(true);
  expect((await f.list('2019/templates')).map((e) => e.name)).toEqual(['财务处.xlsx']);
});

test('a drive that does not exist is reported as a missing shared folder', async () => {
  const f = createGraphFolder({
    drive: '/drives/b!no-such-library',
    root: '考核',
    baseUrl: graph.baseUrl,
    getAccessToken: async () => graph.token,
  });
  const error = await pushFile(f, '2019/templates/a.xlsx', bytesOf(10, 1), { retry: policy }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'not-found', path: `${graph.baseUrl}v1.0/drives/b!no-such-library/root:/考核` });
});

test('folders that already exist are used as they are: no “2019 1” beside them, nothing in them replaced', async () => {
  // What a second user, or a second pane, finds: the folders and a colleague's file are already there.
  graph.items.set('考核', { name: '考核', folder: true, id: 'kh' });
  graph.items.set('考核/2019', { name: '2019', folder: true, id: 'y' });
  graph.items.set('考核/2019/templates', { name: 'templates', folder: true, id: 't' });
  graph.items.set('考核/2019/templates/人事处.xlsx', {
    name: '人事处.xlsx',
    folder: false,
    bytes: Buffer.from('theirs'),
    id: 'x',
  });
  await pushFile(folder(), '2019/templates/科技处.xlsx', bytesOf(10, 2), { retry: policy });
  expect([...graph.items.keys()].filter((k) => k.startsWith('考核')).sort()).toEqual([
    '考核',
    '考核/2019',
    '考核/2019/templates',
    '考核/2019/templates/人事处.xlsx',
    '考核/2019/templates/科技处.xlsx',
  ]);
  expect(graph.items.get('考核/2019/templates/人事处.xlsx')?.bytes?.toString()).toBe('theirs');
});

test('the stand-in honours conflictBehavior as Graph documents it: fail, replace, rename, and PUT’s default replace', async () => {
  const call = async (method: string, url: string, body?: string) => {
    const r = await fetch(new URL(url, graph.baseUrl), {
      method,
      headers: { Authorization: `Bearer ${graph.token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: r.status, json: (await r.json()) as { name?: string; error?: { code: string } } };
  };
  graph.items.set('d', { name: 'd', folder: true, id: 'd' });
  graph.items.set('d/f.txt', { name: 'f.txt', folder: false, bytes: Buffer.from('one'), id: 'f' });
  const folderNamed = (behavior?: string) =>
    JSON.stringify({ name: 'd', folder: {}, ...(behavior ? { '@microsoft.graph.conflictBehavior': behavior } : {}) });
  expect(await call('POST', '/v1.0/me/drive/root/children', folderNamed('fail'))).toMatchObject({
    status: 409,
    json: { error: { code: 'nameAlreadyExists' } },
  });
  expect(await call('POST', '/v1.0/me/drive/root/children', folderNamed())).toMatchObject({ status: 409 });
  expect(await call('POST', '/v1.0/me/drive/root/children', folderNamed('rename'))).toMatchObject({
    status: 201,
    json: { name: 'd 1' },
  });
  expect(
    await call('POST', '/v1.0/me/drive/root/children?@microsoft.graph.conflictBehavior=rename', folderNamed()),
  ).toMatchObject({ status: 201, json: { name: 'd 2' } });
  expect(
    await call('PUT', '/v1.0/me/drive/root:/d/f.txt:/content?@microsoft.graph.conflictBehavior=rename', 'two'),
  ).toMatchObject({
    status: 201,
    json: { name: 'f 1.txt' },
  });
  expect(await call('PUT', '/v1.0/me/drive/root:/d/f.txt:/content', 'three')).toMatchObject({ status: 201 });
  expect(graph.items.get('d/f.txt')?.bytes?.toString()).toBe('three');
  expect(await call('POST', '/v1.0/me/drive/root/children', folderNamed('replace'))).toMatchObject({ status: 201 });
  expect([...graph.items.keys()].filter((k) => k.startsWith('d/'))).toEqual([]);
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
