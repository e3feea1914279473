// A folder on disk (CLI only), e.g. a mounted network share. Never overwrites: exclusive create with
// open(…, 'wx'), then link(temp, final), which fails if the final name exists, then unlink(temp). File systems
// without hard links (some SMB/FAT mounts) fall back to an existence check + rename: there, two pushes to the
// same name in the same instant could race (names carry a timestamp and a hash, so that needs identical files).
import { constants as fsConstants, promises as fs } from 'node:fs';
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
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV')
          throw error;
        // No hard links here: check, then rename (see the race note at the top).
        if (
          await fs.stat(dst).then(
            () => true,
            () => false,
          )
        )
          throw Object.assign(new Error('exists'), { code: 'EEXIST' });
        await fs.rename(src, dst);
        return;
      }
      await fs.unlink(src);
      const dir = await fs.open(nodePath.dirname(dst), 'r');
      try {
        await dir.sync();
      } catch {
        /* some file systems cannot fsync a directory */
      } finally {
        await dir.close();
      }
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
