// The folder-on-disk adapter (CLI): exclusive create, link-based move that cannot overwrite, a real full disk.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pushFile } from '../../src/core/folders/push';
import { createDiskFolder } from '../../src/folders/disk';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ts-disk-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('create and move both refuse to replace an existing file on disk', async () => {
  const f = createDiskFolder(dir);
  await f.mkdirp('2019/templates');
  await f.createExclusive('2019/templates/a.xlsx', new Uint8Array([1]));
  await f.createExclusive('2019/templates/b.xlsx', new Uint8Array([2]));
  await expect(f.createExclusive('2019/templates/a.xlsx', new Uint8Array([3]))).rejects.toMatchObject({
    code: 'already-exists',
  });
  await expect(f.move('2019/templates/b.xlsx', '2019/templates/a.xlsx', { overwrite: false })).rejects.toMatchObject({
    code: 'already-exists',
  });
  expect([...readFileSync(path.join(dir, '2019/templates/a.xlsx'))]).toEqual([1]);
  expect([...readFileSync(path.join(dir, '2019/templates/b.xlsx'))]).toEqual([2]);
  await f.move('2019/templates/b.xlsx', '2019/templates/c.xlsx', { overwrite: false });
  expect(readdirSync(path.join(dir, '2019/templates')).sort()).toEqual(['a.xlsx', 'c.xlsx']);
});

test('a full disk is reported as a full folder and leaves no temporary file', async () => {
  // A real 64 KiB tmpfs (the tests run as root, as CI does).
  const full = path.join(dir, 'full');
  mkdirSync(full);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', full]);
  try {
    const error = await pushFile(createDiskFolder(full), '2019/templates/big.xlsx', new Uint8Array(300_000), {
      retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'insufficient-storage' });
    expect(readdirSync(path.join(full, '2019/templates'))).toEqual([]);
  } finally {
    execFileSync('umount', [full]);
  }
});
