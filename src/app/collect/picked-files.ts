// A read-only SharedFolder over files the user picked (the task pane's folder picker, `<input webkitdirectory>`),
// so 汇总 can collect a local folder with the same code as a WebDAV share. Bytes are read only when the
// collector asks for them, one file at a time, so picking thousands of files does not load them all.
import { FolderError } from '../../core/folders/errors';
import { normalisePath, type FolderEntry, type SharedFolder } from '../../core/folders/folder';

export interface PickedFile {
  /** Path inside the picked folder, '/'-separated (File.webkitRelativePath without the folder's own name). */
  path: string;
  size: number;
  /** ISO 8601, e.g. from File.lastModified. */
  modified?: string;
  read(): Promise<Uint8Array>;
}

export function pickedFilesFolder(label: string, files: readonly PickedFile[]): SharedFolder {
  const byPath = new Map(files.map((f) => [normalisePath(f.path), f]));
  const directories = new Set<string>(['']);
  for (const p of byPath.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join('/'));
  }
  const entry = (p: string): FolderEntry | null => {
    const f = byPath.get(p);
    if (f)
      return {
        path: p,
        name: p.slice(p.lastIndexOf('/') + 1),
        type: 'file',
        size: f.size,
        ...(f.modified ? { modified: f.modified } : {}),
      };
    if (directories.has(p)) return { path: p, name: p.slice(p.lastIndexOf('/') + 1), type: 'directory', size: 0 };
    return null;
  };
  const readOnly = (): never => {
    throw new FolderError('invalid-destination', { detail: 'picked files are read-only' });
  };
  return {
    label,
    atomicCreate: false,
    async exists(path) {
      return entry(normalisePath(path)) !== null;
    },
    async stat(path) {
      return entry(normalisePath(path));
    },
    async list(path) {
      const dir = normalisePath(path);
      if (!directories.has(dir)) throw new FolderError('not-found', { path: dir });
      const prefix = dir === '' ? '' : `${dir}/`;
      const children = new Set<string>();
      for (const p of [...byPath.keys(), ...directories]) {
        if (p === dir || !p.startsWith(prefix)) continue;
        const rest = p.slice(prefix.length);
        children.add(prefix + rest.split('/')[0]!);
      }
      return [...children].sort().map((p) => entry(p)!);
    },
    async read(path) {
      const f = byPath.get(normalisePath(path));
      if (!f) throw new FolderError('not-found', { path: normalisePath(path) });
      return f.read();
    },
    mkdirp: async () => readOnly(),
    createExclusive: async () => readOnly(),
    move: async () => readOnly(),
    remove: async () => readOnly(),
  };
}
