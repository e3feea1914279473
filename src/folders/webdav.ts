// WebDAV destination (on-premises file servers, Nextcloud, SharePoint on-premises) with the `webdav` client.
// Runs in the task pane (browser fetch) and in the CLI (Node). Never overwrites: PUT with If-None-Match: *,
// MOVE with Overwrite: F. Credentials go only in the Authorization header, never in a URL or a message.
// Two pushes to one name at once: MOVE with Overwrite: F is what refuses the second on every server (nginx and
// rclone ignore If-None-Match: * on PUT), but Apache's mod_dav checks that the destination is free and then
// renames, so two MOVEs that cross can both "succeed", the second replacing the first. A MOVE therefore runs while
// holding a claim: a hidden collection made with MKCOL beside the final name (mkdir, atomic on every server that
// has a racy MOVE). Safety never rests on the claim (the MOVE still refuses to overwrite); it only makes the
// second push wait and then see the first one's file. A claim an interrupted push left behind is removed once the
// server's clock says it is older than STALE_CLAIM_MS.
import { createClient, type FileStat, type WebDAVClient } from 'webdav';
import { bytesToBase64 } from '../core/folders/base64';
import { FolderError, isFolderError } from '../core/folders/errors';
import { type FolderEntry, type SharedFolder, type StoredFile, normalisePath } from '../core/folders/folder';
import { claimPathFor } from '../core/folders/layout';
import { redactUrl } from '../core/folders/push';
import { checkSecureUrl, networkError, statusError, withTimeout } from './http-errors';

export interface WebDavFolderOptions {
  /** Root of the shared folder, e.g. https://files.example.org/remote.php/dav/files/kh/考核/ */
  url: string;
  username?: string;
  password?: string;
  /** Per request, without the upload allowance below. Default 30 s. */
  timeoutMs?: number;
  /** Slowest upload speed we wait for, in bytes per second; added to the timeout of uploads. Default 256 KiB/s. */
  minBytesPerSecond?: number;
}

/** A MOVE and the removal of its claim take a few requests; a claim this old belongs to a push that was interrupted. */
export const STALE_CLAIM_MS = 2 * 60_000;

interface ErrorWithResponse {
  status?: number;
  response?: { status?: number; headers?: { get(name: string): string | null } };
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The connection ended before any answer: reset by the peer, or closed with nothing sent back ("socket hang up"). */
function isConnectionDropped(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string }; message?: string } | null;
  const code = e?.code ?? e?.cause?.code;
  return code === 'ECONNRESET' || /socket hang up/i.test(e?.message ?? '');
}

/**
 * A PROPFIND date as ISO 8601. Servers send RFC 1123 (lighttpd with a `dt` attribute, which the client turns into
 * { text }); everything else in the folders speaks ISO.
 */
function isoTime(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : (value as { text?: unknown } | null)?.text;
  if (typeof text !== 'string') return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The URL as people read it (考核 rather than %E8%80%83%E6%A0%B8) for receipts and messages. */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export class WebDavFolder implements SharedFolder {
  readonly label: string;
  readonly atomicCreate = false;
  private readonly client: WebDAVClient;
  private readonly timeoutMs: number;
  private readonly minBytesPerSecond: number;
  /** Collections known to exist during this session (saves MKCOL round trips when publishing many files). */
  private readonly knownDirs = new Set<string>();

  constructor(options: WebDavFolderOptions) {
    const url = checkSecureUrl(options.url);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    const root = url.toString();
    this.label = readableUrl(redactUrl(root));
    this.timeoutMs = options.timeoutMs ?? 30000;
    this.minBytesPerSecond = options.minBytesPerSecond ?? 256 * 1024;
    // Basic auth built here as UTF-8 (RFC 7617): the client's own encoder only takes Latin-1 passwords.
    const headers: Record<string, string> = {};
    if (options.username !== undefined) {
      headers.Authorization = `Basic ${bytesToBase64(new TextEncoder().encode(`${options.username}:${options.password ?? ''}`))}`;
    }
    this.client = createClient(root, { headers });
  }

  private remote(path: string): string {
    return `/${normalisePath(path)}`;
  }

  /**
   * One request. `safeToRepeat` marks the requests that may be sent again at once when the connection was closed
   * under them before any answer (RFC 9110 §9.2.2: idempotent methods may be retried automatically): a kept-alive
   * connection that the server closed while idle fails the next request that way, and that is not the folder being
   * down. PROPFIND and GET change nothing; MKCOL sent twice finds the collection there (405), which mkdirp treats as
   * done. PUT, MOVE and DELETE are never repeated here: their retries belong to the push's policy.
   */
  private async call<T>(
    path: string,
    op: (signal: AbortSignal) => Promise<T>,
    extraMs = 0,
    safeToRepeat = false,
  ): Promise<T> {
    if (!safeToRepeat) return this.callOnce(path, op, extraMs);
    try {
      return await this.callOnce(path, op, extraMs);
    } catch (error) {
      if (!isFolderError(error) || error.code !== 'folder-unreachable' || !isConnectionDropped(error.cause))
        throw error;
      return this.callOnce(path, op, extraMs);
    }
  }

  private async callOnce<T>(path: string, op: (signal: AbortSignal) => Promise<T>, extraMs: number): Promise<T> {
    return withTimeout(this.timeoutMs + extraMs, op, (error, timedOut) => {
      if (isFolderError(error)) throw error;
      const e = error as ErrorWithResponse;
      const status = e?.status ?? e?.response?.status;
      if (typeof status === 'number' && !timedOut) throw statusError(status, normalisePath(path), e.response?.headers);
      throw networkError(error, normalisePath(path), timedOut);
    });
  }

  private entry(stat: FileStat): FolderEntry {
    // The client already decodes hrefs; decoding again would break names that contain '%'.
    const path = normalisePath(stat.filename);
    return { path, name: stat.basename, type: stat.type, size: stat.size, modified: isoTime(stat.lastmod) };
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }

  async stat(path: string): Promise<FolderEntry | null> {
    try {
      const stat = await this.call(path, (signal) => this.client.stat(this.remote(path), { signal }), 0, true);
      return this.entry(stat as FileStat);
    } catch (error) {
      if (isFolderError(error) && error.code === 'not-found') return null;
      throw error;
    }
  }

  async list(path: string): Promise<FolderEntry[]> {
    const items = await this.call(
      path,
      (signal) => this.client.getDirectoryContents(this.remote(path), { signal }),
      0,
      true,
    );
    return (items as FileStat[]).map((s) => this.entry(s));
  }

  async mkdirp(path: string): Promise<void> {
    const segments = normalisePath(path).split('/').filter(Boolean);
    for (let i = 1; i <= segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (this.knownDirs.has(dir)) continue;
      try {
        await this.call(dir, (signal) => this.client.createDirectory(`${this.remote(dir)}/`, { signal }), 0, true);
      } catch (error) {
        // 405: the collection already exists. Apache answers 403 instead when another MKCOL of the same name crossed
        // this one (its mkdir gets EEXIST): then the collection is there; rclone answers 423 (below). 409 on the
        // first level: the configured root itself is missing.
        if (isFolderError(error) && error.status === 405) {
          // exists
        } else if (isFolderError(error) && error.status === 403 && (await this.stat(dir))?.type === 'directory') {
          // made by someone else at the same moment
        } else if (isFolderError(error) && error.status === 423) {
          // rclone locks a name while another MKCOL makes it there (two pushes into a new year at once): made by now,
          // or `busy`, which the push's retry policy tries again.
          if ((await this.stat(dir))?.type !== 'directory')
            throw new FolderError('busy', { status: 423, path: normalisePath(dir) });
        } else if (isFolderError(error) && error.status === 409 && i === 1) {
          throw new FolderError('not-found', { status: 409, path: this.label });
        } else {
          throw error;
        }
      }
      this.knownDirs.add(dir);
    }
  }

  async createExclusive(path: string, bytes: Uint8Array): Promise<StoredFile> {
    const extra = Math.ceil((bytes.length / this.minBytesPerSecond) * 1000);
    const created = await this.call(
      path,
      (signal) =>
        this.client.putFileContents(this.remote(path), toArrayBuffer(bytes), {
          overwrite: false,
          contentLength: bytes.length,
          signal,
        }),
      extra,
    );
    // The client reports a 412 to If-None-Match: * as `false`.
    if (!created) throw new FolderError('already-exists', { status: 412, path: normalisePath(path) });
    return {};
  }

  async move(from: string, to: string, options: { overwrite: false }): Promise<void> {
    const claim = claimPathFor(normalisePath(to));
    await this.takeClaim(claim, to);
    try {
      await this.call(from, (signal) =>
        this.client.moveFile(this.remote(from), this.remote(to), { overwrite: options.overwrite, signal }),
      ).catch((error: unknown) => {
        if (isFolderError(error) && error.status === 412)
          throw new FolderError('already-exists', { status: 412, path: normalisePath(to) });
        // rclone (Go's x/net/webdav) locks both names for the length of a MOVE: the other push holds them.
        if (isFolderError(error) && error.status === 423)
          throw new FolderError('busy', { status: 423, path: normalisePath(to) });
        throw error;
      });
    } finally {
      // Best effort: a claim left here goes stale and is removed by the next push to this name.
      await this.removeClaim(claim).catch(() => undefined);
    }
  }

  /** DELETE of the claim collection (with its trailing slash: nginx refuses a collection's URL without one). */
  private async removeClaim(claim: string): Promise<void> {
    await this.call(claim, (signal) => this.client.deleteFile(`${this.remote(claim)}/`, { signal }));
  }

  /** Makes the claim collection; `busy` while another push holds it, `already-exists` once its file is there. */
  private async takeClaim(claim: string, to: string): Promise<void> {
    const busy = (status?: number) => new FolderError('busy', { status, path: normalisePath(to) });
    for (let attempt = 1; ; attempt++) {
      try {
        await this.call(claim, (signal) => this.client.createDirectory(`${this.remote(claim)}/`, { signal }));
        return;
      } catch (error) {
        if (!isFolderError(error)) throw error;
        // rclone locks a name while it makes a collection there: another push is at the same step.
        if (error.status === 423) throw busy(423);
        // 405: the claim exists. Apache answers 403 instead when two MKCOLs cross (its mkdir gets EEXIST).
        if (error.status !== 405 && error.status !== 403) throw error;
        if (attempt === 3) throw busy(error.status);
        const held = await this.claimAge(claim);
        if (held === null) {
          // Released in between: try again. A real refusal is still a 403 the second time, with no claim.
          if (error.status === 403 && attempt > 1) throw error;
          continue;
        }
        if (await this.exists(to)) throw new FolderError('already-exists', { status: 412, path: normalisePath(to) });
        if (held < STALE_CLAIM_MS) throw busy(error.status);
        await this.removeClaim(claim).catch(() => undefined);
      }
    }
  }

  /** How long ago the claim was made, by the server's own clock (its Date header); null when there is none. */
  private async claimAge(claim: string): Promise<number | null> {
    try {
      const response = await this.call(claim, (signal) =>
        this.client.stat(`${this.remote(claim)}/`, { details: true, signal }),
      );
      const detailed = response as { data: FileStat; headers: Record<string, string> };
      const made = Date.parse(isoTime(detailed.data.lastmod) ?? '');
      const now = Date.parse(detailed.headers.date ?? '');
      // Without both dates the claim cannot be shown stale: it is treated as held.
      return Number.isNaN(made) || Number.isNaN(now) ? 0 : now - made;
    } catch (error) {
      if (isFolderError(error) && error.code === 'not-found') return null;
      throw error;
    }
  }

  async read(path: string): Promise<Uint8Array> {
    const data = await this.call(
      path,
      (signal) => this.client.getFileContents(this.remote(path), { format: 'binary', signal }),
      0,
      true,
    );
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new FolderError('http-error', { path: normalisePath(path), detail: 'unexpected response body' });
  }

  async remove(path: string): Promise<void> {
    await this.call(path, (signal) => this.client.deleteFile(this.remote(path), { signal }));
  }
}

export function createWebDavFolder(options: WebDavFolderOptions): SharedFolder {
  return new WebDavFolder(options);
}
