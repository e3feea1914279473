// rclone (Debian rclone) for tests, two ways:
//   - `rclone serve webdav DIR` on 127.0.0.1 and a free port, basic auth from the same htpasswd file as Apache's:
//     a WebDAV server built on Go's golang.org/x/net/webdav;
//   - `rclone mount SRC MNT` (FUSE, Debian fuse3 for fusermount): a real file system on which link() fails, as
//     on some network and FAT mounts, for the disk adapter's path without hard links.
// Each runs in its own process with an empty config (--config /dev/null), and is stopped by its pid.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeHtpasswd } from './apache';
import { freePort, requireFiles, stopGroup, waitForPort } from './server-process';

export const RCLONE_BIN = process.env.RCLONE_BIN ?? '/usr/bin/rclone';
export const FUSERMOUNT_BIN = process.env.FUSERMOUNT_BIN ?? '/bin/fusermount3';

export interface RcloneServer {
  url: string;
  root: string;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function collectOutput(child: ChildProcess): () => string {
  let output = '';
  const add = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => output;
}

export async function startRcloneWebDav(options: { user?: string; password?: string } = {}): Promise<RcloneServer> {
  requireFiles('rclone', 'rclone', [RCLONE_BIN]);
  const user = options.user ?? 'unit';
  const password = options.password ?? 'secret-密码-1';
  const port = await freePort();
  const base = mkdtempSync(path.join(os.tmpdir(), 'ts-rclone-'));
  const root = path.join(base, 'share');
  mkdirSync(root);
  const htpasswd = path.join(base, 'htpasswd');
  writeHtpasswd(htpasswd, user, password);
  const child = spawn(
    RCLONE_BIN,
    ['serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--htpasswd', htpasswd, '--config', '/dev/null'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = collectOutput(child);
  const stop = async (): Promise<void> => {
    await stopGroup(child);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await waitForPort('rclone serve webdav', port, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}/`, root, user, password, stop };
}

export interface FuseMount {
  /** The mounted folder (link() fails here). */
  dir: string;
  /** The folder behind it, as rclone stores it. */
  backing: string;
  stop(): Promise<void>;
}

function isMounted(dir: string): boolean {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === dir);
}

/** A FUSE file system (rclone mount of a local folder) that refuses hard links. Needs root, as CI has. */
export async function mountWithoutHardLinks(): Promise<FuseMount> {
  requireFiles('rclone mount (FUSE)', 'rclone fuse3', [RCLONE_BIN, FUSERMOUNT_BIN, '/dev/fuse']);
  const base = mkdtempSync(path.join(os.tmpdir(), 'ts-fuse-'));
  const backing = path.join(base, 'backing');
  const dir = path.join(base, 'mnt');
  mkdirSync(backing);
  mkdirSync(dir);
  const child = spawn(
    RCLONE_BIN,
    ['mount', backing, dir, '--vfs-cache-mode', 'off', '--dir-cache-time', '0s', '--config', '/dev/null'],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = collectOutput(child);
  const unmount = async (): Promise<void> => {
    if (isMounted(dir)) execFileSync(FUSERMOUNT_BIN, ['-u', dir], { stdio: 'pipe' });
    await stopGroup(child);
    rmSync(base, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15000;
  while (!isMounted(dir)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await unmount();
      throw new Error(`rclone mount did not mount ${dir}: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { dir, backing, stop: unmount };
}
