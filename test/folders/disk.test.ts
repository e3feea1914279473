// The folder-on-disk adapter (CLI): exclusive create, a move that cannot overwrite (link(), or without hard links an
// exclusive claim of the final name), two pushes to one name at once, a real full disk.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderError } from '../../src/core/folders/errors';
import { pushFile } from '../../src/core/folders/push';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createDiskFolder } from '../../src/folders/disk';
import { type FuseMount, mountWithoutHardLinks } from '../support/rclone';
import { gate, movingAfter } from './support/gate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ts-disk-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const patientRetry = { attempts: 8, baseDelayMs: 40, maxDelayMs: 2000, maxRetryAfterMs: 1000 };

function bytesOf(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * seed + 7) & 255);
}

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

/** Rounds of two pushes of different bytes to one name, both held at the move until both have written their file. */
async function pushTwoAtOnce(root: string, rounds: number): Promise<void> {
  mkdirSync(root, { recursive: true });
  for (let round = 0; round < rounds; round++) {
    const target = `2019/templates/同时提交-${round}.xlsx`;
    const mine = [bytesOf(20_000, 3 + round), bytesOf(20_000, 5 + round)];
    const both = gate(2);
    const results = await Promise.allSettled(
      mine.map((bytes) =>
        pushFile(movingAfter(createDiskFolder(root), both.arrive), target, bytes, { retry: patientRetry }).finally(
          both.open,
        ),
      ),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    const loser = results[1 - won[0]!] as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(FolderError);
    expect((loser.reason as FolderError).code).toBe('already-exists');
    expect(sha256Hex(readFileSync(path.join(root, target)))).toBe(sha256Hex(mine[won[0]!]!));
  }
  // Nothing temporary: every name is a pushed file.
  expect(readdirSync(path.join(root, '2019/templates')).filter((n) => n.startsWith('.'))).toEqual([]);
  expect(readdirSync(path.join(root, '2019/templates'))).toHaveLength(rounds);
}

test('two pushes of different bytes to one name at once: exactly one succeeds and its bytes are intact', async () => {
  await pushTwoAtOnce(dir, 10);
});

describe('a folder where hard links fail (rclone mount, FUSE)', () => {
  let fuse: FuseMount;
  beforeAll(async () => {
    fuse = await mountWithoutHardLinks();
  });
  afterAll(async () => {
    await fuse?.stop();
  });

  test('link() really fails there', () => {
    writeFileSync(path.join(fuse.dir, 'a'), 'a');
    expect(() => linkSync(path.join(fuse.dir, 'a'), path.join(fuse.dir, 'b'))).toThrow();
    rmSync(path.join(fuse.dir, 'a'));
  });

  test('a push arrives, and a second push to the same name is refused and keeps the first', async () => {
    const f = createDiskFolder(fuse.dir);
    const first = bytesOf(30_000, 9);
    await pushFile(f, '2019/templates/办公室.xlsx', first, { retry: patientRetry });
    const again = await pushFile(f, '2019/templates/办公室.xlsx', bytesOf(30_000, 10), { retry: patientRetry }).catch(
      (e: unknown) => e,
    );
    expect(again).toMatchObject({ code: 'already-exists' });
    // The move itself refuses too (the push's own existence check aside).
    await f.createExclusive('2019/templates/.other.part', bytesOf(10, 1));
    await expect(
      f.move('2019/templates/.other.part', '2019/templates/办公室.xlsx', { overwrite: false }),
    ).rejects.toMatchObject({ code: 'already-exists' });
    await f.remove('2019/templates/.other.part');
    expect(sha256Hex(readFileSync(path.join(fuse.dir, '2019/templates/办公室.xlsx')))).toBe(sha256Hex(first));
    expect(readdirSync(path.join(fuse.dir, '2019/templates'))).toEqual(['办公室.xlsx']);
  });

  test('two pushes of different bytes to one name at once: exactly one succeeds and its bytes are intact', async () => {
    await pushTwoAtOnce(path.join(fuse.dir, 'at-once'), 10);
  });
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
