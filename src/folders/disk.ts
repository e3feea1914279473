// A folder on disk (CLI only), e.g. a mounted network share. Never overwrites, even with two pushes to one name at
// once: exclusive create with O_CREAT|O_EXCL, then link(temp, final), which fails if the final name exists, then
// unlink(temp). File systems without hard links (FAT, some SMB and FUSE mounts: link() fails with EPERM, EOPNOTSUPP,
// ENOSYS or, on rclone's FUSE mount, EIO) take the final name with an exclusive create instead, then rename the
// temporary file over that claim (see moveByClaim).
import { constants as fsConstants, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import nodePath from 'node:path';
import { FolderError, type FolderErrorCode } from '../core/folders/errors';
import { type FolderEntry, type SharedFolder, type StoredFile, normalisePath } from '../core/folders/folder';

function codeFor(error: NodeJS.ErrnoException): FolderErrorCode {
  switch (error.code) {
    case 'EEXIST':
      return 'already-exists';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'not-found';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'forbidden';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'insufficient-storage';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'EHOSTDOWN':
    case 'ENOTCONN':
    case 'ESTALE':
    case 'EIO':
      return 'folder-unreachable';
    default:
      return 'io-error';
  }
}

function wrap(error: unknown, path: string): FolderError {
  if (error instanceof FolderError) return error;
  const e = error as NodeJS.ErrnoException;
  return new FolderError(codeFor(e), { path, detail: e.code, cause: error });
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    /* some file systems cannot fsync a directory */
  } finally {
    await handle.close();
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([fs.stat(a).catch(() => null), fs.stat(b).catch(() => null)]);
  return x !== null && y !== null && x.dev === y.dev && x.ino === y.ino;
}

/**
 * Moves `src` to `dst` without hard links and without ever replacing a file someone else made. The final name is
 * claimed with an exclusive create (O_CREAT|O_EXCL is one step in the kernel, or on the file server for SMB and NFS
 * v3+, so of two pushes to one name only one gets it); then rename() puts the temporary file in place of that empty
 * claim, which is ours alone. A reader may see the empty claim for that instant, never a partial file. A rename that
 * cannot overwrite (renameat2 with RENAME_NOREPLACE) would do this in one step, but Node has no binding for it and
 * the file systems that lack hard links mostly refuse that flag as well; checking first and then renaming, as this
 * fallback did before, lets two pushes both pass the check and the second replace the first.
 */
async function moveByClaim(src: string, dst: string): Promise<void> {
  let claim: FileHandle;
  try {
    claim = await fs.open(dst, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o644);
  } catch (error) {
    // A network file system may report a failed link() that was in fact made: the final name is then our file.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await sameFile(src, dst))) {
      await fs.unlink(src);
      return;
    }
    throw error;
  }
  const claimed = await claim.stat();
  await claim.close();
  try {
    await fs.rename(src, dst);
  } catch (error) {
    // Give the name back while it still is our empty claim.
    const now = await fs.stat(dst).catch(() => null);
    if (now && now.ino === claimed.ino && now.size === 0) await fs.unlink(dst).catch(() => undefined);
    throw error;
  }
}

export class DiskFolder implements SharedFolder {
  readonly label: string;
  readonly atomicCreate = false;

  constructor(private readonly root: string) {
    this.label = nodePath.resolve(root);
  }

  private abs(path: string): string {
    return nodePath.join(this.label, ...normalisePath(path).split('/').filter(Boolean));
  }

  private async guard<T>(path: string, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      throw wrap(error, normalisePath(path));
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }

  async stat(path: string): Promise<FolderEntry | null> {
    try {
      const s = await fs.stat(this.abs(path));
      const p = normalisePath(path);
      return {
        path: p,
        name: nodePath.posix.basename(p),
        type: s.isDirectory() ? 'directory' : 'file',
        size: s.size,
        modified: s.mtime.toISOString(),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw wrap(error, normalisePath(path));
    }
  }

  async list(path: string): Promise<FolderEntry[]> {
    return this.guard(path, async () => {
      const dir = normalisePath(path);
      const entries = await fs.readdir(this.abs(dir), { withFileTypes: true });
      return Promise.all(
        entries.map(async (d) => {
          const p = dir ? `${dir}/${d.name}` : d.name;
          const s = await fs.stat(this.abs(p));
          return {
            path: p,
            name: d.name,
            type: d.isDirectory() ? ('directory' as const) : ('file' as const),
            size: s.size,
            modified: s.mtime.toISOString(),
          };
        }),
      );
    });
  }

  async mkdirp(path: string): Promise<void> {
    await this.guard(this.label, async () => {
      // The root itself must exist: a missing mount point must not be silently created on the local disk.
      const root = await fs.stat(this.label).catch(() => null);
      if (!root?.isDirectory()) throw new FolderError('not-found', { path: this.label });
      await fs.mkdir(this.abs(path), { recursive: true });
    });
  }

  async createExclusive(path: string, bytes: Uint8Array): Promise<StoredFile> {
    return this.guard(path, async () => {
      const handle = await fs.open(
        this.abs(path),
        fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL,
        0o644,
      );
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {};
    });
  }

  async move(from: string, to: string, options: { overwrite: false }): Promise<void> {
    void options; // never overwrites: there is no other mode
    const src = this.abs(from);
    const dst = this.abs(to);
    await this.guard(to, async () => {
      try {
        await fs.link(src, dst);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
        // Any other failure: this file system may have no hard links. The claim below is as safe as link() (it
        // never replaces a file it did not create), so trying it costs nothing when the cause was something else.
        await moveByClaim(src, dst);
        await syncDirectory(nodePath.dirname(dst));
        return;
      }
      await fs.unlink(src);
      await syncDirectory(nodePath.dirname(dst));
    });
  }

  async read(path: string): Promise<Uint8Array> {
    return this.guard(path, async () => new Uint8Array(await fs.readFile(this.abs(path))));
  }

  async remove(path: string): Promise<void> {
    await this.guard(path, () => fs.unlink(this.abs(path)));
  }
}

export function createDiskFolder(root: string): SharedFolder {
  return new DiskFolder(root);
}
