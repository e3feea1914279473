// The WebDAV adapter and the push algorithm against a real Apache httpd + mod_dav on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, watch } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createTranslator } from '../../src/i18n';
import { FolderError, folderIssueMessage, toIssue } from '../../src/core/folders/errors';
import { returnedPath, templatePath } from '../../src/core/folders/layout';
import { type PushEvent, pushFile } from '../../src/core/folders/push';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createWebDavFolder } from '../../src/folders/webdav';
import { type ApacheServer, startApache } from '../support/apache';
import { systemUser } from '../support/server-process';

const quickRetry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 1000 };

function sheetBytes(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 255;
  }
  return bytes;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(path.join(dir, f)).isFile())
    .sort();
}

/**
 * Resolves when a hidden (temporary) file in `dir` holds bytes, as the folder's own change events report it
 * (inotify through fs.watch), checked once at once too.
 */
function temporaryFileFilling(dir: string): { seen: Promise<void>; close(): void } {
  const watcher = watch(dir);
  const seen = new Promise<void>((resolve) => {
    const check = () => {
      const filling = readdirSync(dir).some((name) => {
        if (!name.startsWith('.')) return false;
        try {
          return statSync(path.join(dir, name)).size > 0;
        } catch {
          return false; // renamed or removed between the listing and the stat
        }
      });
      if (filling) resolve();
    };
    watcher.on('change', check);
    check();
  });
  return { seen, close: () => watcher.close() };
}

let apache: ApacheServer;
beforeAll(async () => {
  apache = await startApache();
});
afterAll(async () => {
  await apache?.stop();
});

function folder(extra: { password?: string; timeoutMs?: number } = {}) {
  return createWebDavFolder({
    url: apache.url,
    username: apache.user,
    password: extra.password ?? apache.password,
    timeoutMs: extra.timeoutMs,
  });
}

test('a published template arrives byte-identical under <year>/templates, with no temporary file left', async () => {
  const bytes = sheetBytes(300_000, 1);
  const events: PushEvent[] = [];
  const receipt = await pushFile(folder(), templatePath(2019, '青海省地质调查局.xlsx'), bytes, {
    onEvent: (e) => events.push(e),
    retry: quickRetry,
  });

  expect(receipt).toMatchObject({
    path: '2019/templates/青海省地质调查局.xlsx',
    size: 300_000,
    sha256: sha256Hex(bytes),
    verifiedBy: 'read-back',
  });
  expect(receipt.destination).toBe(apache.url);
  const onDisk = readFileSync(path.join(apache.root, '2019/templates/青海省地质调查局.xlsx'));
  expect(Buffer.compare(onDisk, Buffer.from(bytes))).toBe(0);
  expect(Buffer.from(await folder().read(receipt.path)).equals(Buffer.from(bytes))).toBe(true);
  expect(filesUnder(path.join(apache.root, '2019'))).toEqual(['templates/青海省地质调查局.xlsx']);
  expect(events.filter((e) => e.type === 'step').map((e) => (e as { step: string }).step)).toEqual([
    'mkdir',
    'upload',
    'verify',
    'move',
  ]);
});

test('a second push of the same sheet makes a new version and leaves the first untouched', async () => {
  const first = sheetBytes(50_000, 2);
  const second = sheetBytes(50_000, 3);
  const a = await pushFile(
    folder(),
    returnedPath(2019, '办公室', new Date('2019-12-20T08:00:00Z'), sha256Hex(first)),
    first,
    {
      retry: quickRetry,
    },
  );
  const b = await pushFile(
    folder(),
    returnedPath(2019, '办公室', new Date('2019-12-21T08:00:00Z'), sha256Hex(second)),
    second,
    {
      retry: quickRetry,
    },
  );
  expect(a.path).not.toBe(b.path);
  const listed = (await folder().list('2019/returned/办公室')).map((e) => e.name).sort();
  expect(listed).toEqual([path.basename(a.path), path.basename(b.path)].sort());
  expect(sha256Hex(await folder().read(a.path))).toBe(sha256Hex(first));
  expect(sha256Hex(await folder().read(b.path))).toBe(sha256Hex(second));
});

test('pushing onto an existing name is refused with 已有同名文件 and the existing file is not replaced', async () => {
  const original = sheetBytes(10_000, 4);
  const target = templatePath(2019, '财务处.xlsx');
  await pushFile(folder(), target, original, { retry: quickRetry });
  const error = await pushFile(folder(), target, sheetBytes(10_000, 5), { retry: quickRetry }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(FolderError);
  expect((error as FolderError).code).toBe('already-exists');
  expect(folderIssueMessage(createTranslator('zh-CN'), toIssue(error))).toContain('已有同名文件');
  expect(sha256Hex(await folder().read(target))).toBe(sha256Hex(original));
  expect(filesUnder(path.join(apache.root, '2019/templates')).filter((f) => f.startsWith('.'))).toEqual([]);
});

test('the server itself refuses to overwrite: PUT If-None-Match:* and MOVE Overwrite:F both give 412 already-exists', async () => {
  const f = folder();
  await f.mkdirp('raw');
  await f.createExclusive('raw/a.xlsx', sheetBytes(100, 6));
  await f.createExclusive('raw/b.xlsx', sheetBytes(100, 7));
  await expect(f.createExclusive('raw/a.xlsx', sheetBytes(100, 8))).rejects.toMatchObject({
    code: 'already-exists',
    status: 412,
  });
  await expect(f.move('raw/b.xlsx', 'raw/a.xlsx', { overwrite: false })).rejects.toMatchObject({
    code: 'already-exists',
    status: 412,
  });
  expect(sha256Hex(await f.read('raw/a.xlsx'))).toBe(sha256Hex(sheetBytes(100, 6)));
  expect(sha256Hex(await f.read('raw/b.xlsx'))).toBe(sha256Hex(sheetBytes(100, 7)));
});

test('a wrong password stops at once with the 401 message, and the password never appears in it', async () => {
  const events: PushEvent[] = [];
  const error = await pushFile(folder({ password: 'wrong-口令' }), templatePath(2019, 'x.xlsx'), sheetBytes(100, 9), {
    onEvent: (e) => events.push(e),
    retry: quickRetry,
  }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'auth-failed', status: 401 });
  expect(events.some((e) => e.type === 'retry')).toBe(false);
  const zh = folderIssueMessage(createTranslator('zh-CN'), toIssue(error));
  const en = folderIssueMessage(createTranslator('en'), toIssue(error));
  expect(zh).toContain('拒绝了用户名或密码');
  expect(en).toContain('refused the user name or password');
  for (const text of [zh, en, String(error), JSON.stringify(toIssue(error))]) {
    expect(text).not.toContain('wrong-口令');
    expect(text).not.toContain(Buffer.from(`${apache.user}:wrong-口令`).toString('base64'));
  }
});

test('a full share answers 507: the user is told the folder is full and no file is left behind', async () => {
  // A real 64 KiB tmpfs mounted under the share, as www-data's (the tests run as root, as CI does: where mounting
  // is not allowed this test fails); mod_dav_fs turns ENOSPC into 507.
  const full = path.join(apache.root, 'full');
  mkdirSync(full);
  const { uid, gid } = systemUser('www-data');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=64k,uid=${uid},gid=${gid},mode=0755`, 'tmpfs', full]);
  try {
    const error = await pushFile(folder(), 'full/big.xlsx', sheetBytes(200_000, 10), { retry: quickRetry }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'insufficient-storage', status: 507 });
    expect(folderIssueMessage(createTranslator('zh-CN'), toIssue(error))).toContain('空间已满');
    expect(readdirSync(full)).toEqual([]);
  } finally {
    execFileSync('umount', [full]);
  }
});

test('a server that accepts the connection and never answers times out, after retries shown as events', async () => {
  const sockets: net.Socket[] = [];
  const stall = net.createServer((s) => {
    sockets.push(s);
  });
  await new Promise<void>((r) => stall.listen(0, '127.0.0.1', () => r()));
  const { port } = stall.address() as net.AddressInfo;
  try {
    const events: PushEvent[] = [];
    const f = createWebDavFolder({
      url: `http://127.0.0.1:${port}/dav/`,
      username: 'u',
      password: 'p',
      timeoutMs: 300,
    });
    const error = await pushFile(f, templatePath(2019, 'x.xlsx'), sheetBytes(100, 11), {
      onEvent: (e) => events.push(e),
      retry: { ...quickRetry, attempts: 2 },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(1);
    expect(folderIssueMessage(createTranslator('en'), toIssue(error))).toContain('did not answer in time');
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => stall.close(() => r()));
  }
});

test('Apache killed mid-upload leaves no visible file at the final path, and a retry after restart succeeds', async () => {
  const bytes = sheetBytes(48 * 1024 * 1024, 12);
  const target = returnedPath(2019, '测绘地理信息局', new Date('2019-12-30T01:02:03Z'), sha256Hex(bytes));
  const f = folder();
  await f.mkdirp(path.posix.dirname(target));
  const dir = path.join(apache.root, path.posix.dirname(target));
  // Watched before the push starts: the moment bytes stream into the share (mod_dav_fs writes a hidden temporary
  // file), the plug is pulled. Never a fixed delay: a slow machine only makes the wait longer.
  const streaming = temporaryFileFilling(dir);
  const pushing = pushFile(f, target, bytes, { retry: { ...quickRetry, attempts: 1 } }).catch((e: unknown) => e);
  try {
    const first = await Promise.race([streaming.seen.then(() => 'streaming'), pushing.then(() => 'push ended')]);
    expect(first).toBe('streaming');
  } finally {
    streaming.close();
  }
  await apache.kill();
  const error = await pushing;
  expect(error).toBeInstanceOf(FolderError);
  expect(['folder-unreachable', 'timeout']).toContain((error as FolderError).code);
  // The server was gone, so the temporary name could not be checked or removed: it is reported instead.
  expect((error as FolderError).leftover).toMatch(
    /^2019\/returned\/测绘地理信息局\/\.测绘地理信息局-20191230T010203Z-[0-9a-f]{8}\.xlsx\.part-[0-9a-f]{8}$/,
  );
  expect(folderIssueMessage(createTranslator('zh-CN'), toIssue(error))).toContain('可能残留一个临时文件');

  await apache.start();
  expect(await f.exists(target)).toBe(false);
  const visible = (await f.list(path.posix.dirname(target))).map((e) => e.name);
  expect(visible).not.toContain(path.posix.basename(target));

  const receipt = await pushFile(folder(), target, bytes, { retry: quickRetry });
  expect(receipt.sha256).toBe(sha256Hex(bytes));
  expect(sha256Hex(readFileSync(path.join(apache.root, target)))).toBe(sha256Hex(bytes));
});

test('a server that is down for a moment is retried with backoff, shown as retry events, and the push goes through', async () => {
  const bytes = sheetBytes(20_000, 13);
  await apache.kill();
  const events: PushEvent[] = [];
  // The server comes back when the push has seen it down (its first retry), not after a fixed delay.
  let restart: Promise<void> | null = null;
  const receipt = await pushFile(folder(), templatePath(2019, '矿产开发处.xlsx'), bytes, {
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'retry') restart ??= apache.start();
    },
    retry: { attempts: 8, baseDelayMs: 200, maxDelayMs: 1000, maxRetryAfterMs: 1000 },
  });
  await restart;
  const retries = events.filter((e) => e.type === 'retry') as { code: string; delayMs: number }[];
  expect(retries.length).toBeGreaterThan(0);
  expect(retries.every((r) => r.code === 'folder-unreachable' && r.delayMs >= 100)).toBe(true);
  expect(sha256Hex(readFileSync(path.join(apache.root, receipt.path)))).toBe(sha256Hex(bytes));
});
