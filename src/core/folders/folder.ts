// SharedFolder: the one interface every destination implements (WebDAV, Microsoft Graph, a folder on disk).
// Paths are '/'-separated and relative to the folder's root ("2019/templates/a.xlsx"); an adapter maps them to
// URLs or file names. Every method throws FolderError on failure.

export interface FolderEntry {
  path: string;
  name: string;
  type: 'file' | 'directory';
  size: number;
  modified?: string;
}

/** What the destination reports about a file it just stored. */
export interface StoredFile {
  size?: number;
  /** Lowercase hex, only when the server computed it itself (e.g. Graph's file.hashes.sha256Hash). */
  sha256?: string;
}

export interface SharedFolder {
  /** Label for messages and receipts: the URL or directory without credentials. */
  readonly label: string;
  /**
   * True when a create only becomes visible complete (Graph upload sessions commit at once) so the push may
   * write the final name directly; false means: write a temporary name, verify, then move.
   */
  readonly atomicCreate: boolean;
  exists(path: string): Promise<boolean>;
  stat(path: string): Promise<FolderEntry | null>;
  list(path: string): Promise<FolderEntry[]>;
  mkdirp(path: string): Promise<void>;
  /** Creates a file that must not exist yet; already-exists when it does. Never replaces a file. */
  createExclusive(path: string, bytes: Uint8Array): Promise<StoredFile>;
  /** Renames without overwriting: already-exists when `to` exists. */
  move(from: string, to: string, options: { overwrite: false }): Promise<void>;
  read(path: string): Promise<Uint8Array>;
  remove(path: string): Promise<void>;
}

/** Normalises a relative folder path: no leading/trailing slashes, no empty, '.' or '..' segments. */
export function normalisePath(path: string): string {
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) throw new Error(`path may not contain "..": ${path}`);
  return segments.join('/');
}

export function dirname(path: string): string {
  const p = normalisePath(path);
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function basename(path: string): string {
  const p = normalisePath(path);
  return p.slice(p.lastIndexOf('/') + 1);
}

export function joinPath(...parts: string[]): string {
  return normalisePath(parts.join('/'));
}
