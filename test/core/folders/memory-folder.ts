// An in-memory SharedFolder for the pure push algorithm's tests, with failures that can be scheduled per call.
import { FolderError } from '../../../src/core/folders/errors';
import { type FolderEntry, type SharedFolder, type StoredFile, normalisePath } from '../../../src/core/folders/folder';

type Method = 'exists' | 'stat' | 'list' | 'mkdirp' | 'createExclusive' | 'move' | 'read' | 'remove';

export class MemoryFolder implements SharedFolder {
  readonly label = 'memory://share/';
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['']);
  readonly calls: string[] = [];
  /** Failures to throw, in order, for a method; `land` makes the call take effect before it throws. */
  private readonly faults = new Map<Method, { error: FolderError; land?: boolean }[]>();
  /** Corrupts what a createExclusive stores (to prove verification reads back). */
  corruptNextWrite = false;

  constructor(
    readonly atomicCreate = false,
    private readonly serverHash?: (bytes: Uint8Array) => string,
  ) {}

  fail(method: Method, error: FolderError, land = false): this {
    const list = this.faults.get(method) ?? [];
    list.push({ error, land });
    this.faults.set(method, list);
    return this;
  }

  private fault(method: Method): { error: FolderError; land?: boolean } | undefined {
    return this.faults.get(method)?.shift();
  }

  async exists(path: string): Promise<boolean> {
    this.calls.push(`exists ${path}`);
    const f = this.fault('exists');
    if (f) throw f.error;
    const p = normalisePath(path);
    return this.files.has(p) || this.dirs.has(p);
  }

  async stat(path: string): Promise<FolderEntry | null> {
    const p = normalisePath(path);
    const file = this.files.get(p);
    if (file) return { path: p, name: p.split('/').pop() as string, type: 'file', size: file.length };
    return this.dirs.has(p) ? { path: p, name: p.split('/').pop() as string, type: 'directory', size: 0 } : null;
  }

  async list(path: string): Promise<FolderEntry[]> {
    const prefix = normalisePath(path);
    const out: FolderEntry[] = [];
    for (const [p, bytes] of this.files) {
      const rest = prefix ? (p.startsWith(`${prefix}/`) ? p.slice(prefix.length + 1) : null) : p;
      if (rest !== null && !rest.includes('/')) out.push({ path: p, name: rest, type: 'file', size: bytes.length });
    }
    return out;
  }

  async mkdirp(path: string): Promise<void> {
    this.calls.push(`mkdirp ${path}`);
    const f = this.fault('mkdirp');
    if (f) throw f.error;
    const segs = normalisePath(path).split('/');
    for (let i = 1; i <= segs.length; i++) this.dirs.add(segs.slice(0, i).join('/'));
  }

  async createExclusive(path: string, bytes: Uint8Array): Promise<StoredFile> {
    this.calls.push(`create ${path}`);
    const p = normalisePath(path);
    const f = this.fault('createExclusive');
    if (f && !f.land) throw f.error;
    if (this.files.has(p)) throw new FolderError('already-exists', { status: 412, path: p });
    const stored = new Uint8Array(bytes);
    if (this.corruptNextWrite) {
      stored[0] ^= 0xff;
      this.corruptNextWrite = false;
    }
    this.files.set(p, stored);
    if (f) throw f.error;
    return this.serverHash ? { size: stored.length, sha256: this.serverHash(stored) } : {};
  }

  async move(from: string, to: string): Promise<void> {
    this.calls.push(`move ${from} -> ${to}`);
    const src = normalisePath(from),
      dst = normalisePath(to);
    const f = this.fault('move');
    if (f && !f.land) throw f.error;
    const bytes = this.files.get(src);
    if (!bytes) throw new FolderError('not-found', { status: 404, path: src });
    if (this.files.has(dst)) throw new FolderError('already-exists', { status: 412, path: dst });
    this.files.set(dst, bytes);
    this.files.delete(src);
    if (f) throw f.error;
  }

  async read(path: string): Promise<Uint8Array> {
    this.calls.push(`read ${path}`);
    const f = this.fault('read');
    if (f) throw f.error;
    const bytes = this.files.get(normalisePath(path));
    if (!bytes) throw new FolderError('not-found', { status: 404, path });
    return bytes;
  }

  async remove(path: string): Promise<void> {
    this.calls.push(`remove ${path}`);
    const f = this.fault('remove');
    if (f) throw f.error;
    this.files.delete(normalisePath(path));
  }
}
