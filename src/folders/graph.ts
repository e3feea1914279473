// Microsoft Graph destination (OneDrive, SharePoint document libraries), fetch-based so it runs in the task pane.
// Documented behaviour relied on (learn.microsoft.com/graph/api/driveitem-put-content, driveitem-createuploadsession):
//   - small files: PUT …:/name:/content?@microsoft.graph.conflictBehavior=fail → 201, or 409 nameAlreadyExists;
//   - large files: POST …:/name:/createUploadSession {item:{@microsoft.graph.conflictBehavior:fail}}, then chunk
//     PUTs to uploadUrl (multiples of 320 KiB, Content-Range, *no* Authorization header), 202 until the last chunk,
//     201/200 with the driveItem; a name clash at commit is 409 nameAlreadyExists; DELETE uploadUrl cancels;
//   - the item only appears when the upload completes, so the push writes the final name directly (atomicCreate);
//   - 429/503 carry Retry-After; file.hashes.sha256Hash is present only on some drives (else we read back);
//   - drives: /me/drive, /drives/{drive-id} (e.g. a SharePoint library), /sites/{site-id}/drive; the host is the
//     cloud's (graph-cloud.ts).
// The SDK's own RetryHandler is left out of the middleware chain so retries are ours: visible and uniform.
import {
  Client,
  type Context,
  HTTPMessageHandler,
  type Middleware,
  ResponseType,
} from '@microsoft/microsoft-graph-client';
import { FolderError, isFolderError, parseRetryAfter } from '../core/folders/errors';
import { type FolderEntry, type SharedFolder, type StoredFile, normalisePath } from '../core/folders/folder';
import { type GraphCloud, graphCloudEndpoints } from './graph-cloud';
import { networkError, statusError, withTimeout } from './http-errors';

export type TokenProvider = () => Promise<string>;

export interface GraphFolderOptions {
  /** Drive: "/me/drive", "/drives/{drive-id}" or "/sites/{site-id}/drive". */
  drive: string;
  /** Folder inside the drive that is the shared folder's root, e.g. "考核/目标责任书" ("" = drive root). */
  root: string;
  getAccessToken: TokenProvider;
  /** The Microsoft 365 cloud (global, or China operated by 21Vianet): gives the default base URL. */
  cloud?: GraphCloud;
  /** Default: the cloud's Graph root, e.g. https://graph.microsoft.com/ (tests point it at a local server). */
  baseUrl?: string;
  /** Files up to this size use one PUT; larger ones an upload session. Default 4 MiB. */
  simpleUploadLimit?: number;
  /** Upload-session chunk size; rounded down to a multiple of 320 KiB. Default 10 × 320 KiB. */
  chunkSize?: number;
  timeoutMs?: number;
  /** For the upload-session chunk PUTs, which go to uploadUrl without the SDK (no Authorization header). */
  fetch?: typeof fetch;
}

const CHUNK_UNIT = 320 * 1024;

interface DriveItem {
  name: string;
  size?: number;
  folder?: unknown;
  file?: { hashes?: { sha256Hash?: string } };
  lastModifiedDateTime?: string;
}

interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  headers?: Headers;
  body?: unknown;
  message?: string;
}

function encodePath(path: string): string {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

/**
 * Adds the access token to requests for the configured Graph base URL only. (The SDK's AuthenticationHandler
 * does the same but recognises custom hosts only over https, which the local replay server in the tests is not.)
 */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(
    private readonly getAccessToken: TokenProvider,
    private readonly base: string,
  ) {}
  setNext(next: Middleware): void {
    this.next = next;
  }
  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (url.startsWith(this.base)) {
      const token = await this.getAccessToken();
      const options = (context.options ??= {});
      if (options.headers instanceof Headers) options.headers.set('Authorization', `Bearer ${token}`);
      else
        options.headers = {
          ...(options.headers as Record<string, string> | undefined),
          Authorization: `Bearer ${token}`,
        };
    }
    await this.next?.execute(context);
  }
}

export class GraphFolder implements SharedFolder {
  readonly label: string;
  readonly atomicCreate = true;
  private readonly client: Client;
  private readonly base: string;
  private readonly root: string;
  private readonly drive: string;
  private readonly simpleLimit: number;
  private readonly chunkSize: number;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly knownDirs = new Set<string>();

  constructor(options: GraphFolderOptions) {
    this.base = (options.baseUrl ?? graphCloudEndpoints(options.cloud).graphBaseUrl).replace(/\/?$/, '/');
    this.drive = `/${options.drive.replace(/^\/+|\/+$/g, '')}`;
    this.root = normalisePath(options.root);
    this.label = `${this.base}v1.0${this.drive}/root:/${this.root}`;
    this.simpleLimit = options.simpleUploadLimit ?? 4 * 1024 * 1024;
    this.chunkSize = Math.max(CHUNK_UNIT, Math.floor((options.chunkSize ?? 10 * CHUNK_UNIT) / CHUNK_UNIT) * CHUNK_UNIT);
    this.timeoutMs = options.timeoutMs ?? 30000;
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const auth = new BearerToken(options.getAccessToken, this.base);
    auth.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({
      middleware: auth,
      baseUrl: this.base,
      defaultVersion: 'v1.0',
      customHosts: new Set([new URL(this.base).hostname]),
    });
  }

  /** "/me/drive/root:/考核/2019:" style address of a path under our root. */
  private item(path: string): string {
    const full = encodePath([this.root, normalisePath(path)].filter(Boolean).join('/'));
    return full ? `${this.drive}/root:/${full}:` : `${this.drive}/root`;
  }

  private fail(error: unknown, path: string, timedOut: boolean): never {
    if (isFolderError(error)) throw error;
    const e = error as GraphErrorLike;
    const status = e?.statusCode;
    if (timedOut || typeof status !== 'number' || status < 100) throw networkError(error, path, timedOut);
    if (status === 409 && e.code === 'nameAlreadyExists') throw new FolderError('already-exists', { status, path });
    if (status === 507 || e.code === 'quotaLimitReached')
      throw new FolderError('insufficient-storage', { status, path });
    throw statusError(status, path, e.headers, e.code ?? undefined);
  }

  private call<T>(path: string, op: (signal: AbortSignal) => Promise<T>, extraMs = 0): Promise<T> {
    return withTimeout(this.timeoutMs + extraMs, op, (error, timedOut) =>
      this.fail(error, normalisePath(path), timedOut),
    );
  }

  async stat(path: string): Promise<FolderEntry | null> {
    try {
      const item = (await this.call(path, (signal) =>
        this.client.api(this.item(path).replace(/:$/, '')).option('signal', signal).get(),
      )) as DriveItem;
      const p = normalisePath(path);
      return {
        path: p,
        name: item.name,
        type: item.folder ? 'directory' : 'file',
        size: item.size ?? 0,
        modified: item.lastModifiedDateTime,
      };
    } catch (error) {
      if (isFolderError(error) && error.code === 'not-found') return null;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }

  async list(path: string): Promise<FolderEntry[]> {
    const dir = normalisePath(path);
    const out: FolderEntry[] = [];
    let next: string | undefined = `${this.item(dir)}/children`;
    while (next) {
      const page = (await this.call(dir, (signal) =>
        this.client
          .api(next as string)
          .option('signal', signal)
          .get(),
      )) as { value: DriveItem[]; '@odata.nextLink'?: string };
      for (const item of page.value) {
        out.push({
          path: dir ? `${dir}/${item.name}` : item.name,
          name: item.name,
          type: item.folder ? 'directory' : 'file',
          size: item.size ?? 0,
          modified: item.lastModifiedDateTime,
        });
      }
      next = page['@odata.nextLink'];
    }
    return out;
  }

  async mkdirp(path: string): Promise<void> {
    const segments = normalisePath(path).split('/').filter(Boolean);
    for (let i = 1; i <= segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (this.knownDirs.has(dir)) continue;
      const parent = segments.slice(0, i - 1).join('/');
      try {
        // conflictBehavior in the body, as the documentation's example of folder creation has it, and in the URL,
        // where the driveItem resource page says it belongs: an existing folder is a 409, never replaced or renamed.
        await this.call(dir, (signal) =>
          this.client
            .api(`${this.item(parent)}/children`)
            .query({ '@microsoft.graph.conflictBehavior': 'fail' })
            .option('signal', signal)
            .post({ name: segments[i - 1], folder: {}, '@microsoft.graph.conflictBehavior': 'fail' }),
        );
      } catch (error) {
        if (!(isFolderError(error) && error.code === 'already-exists')) {
          // The root folder itself missing shows as 404 on its first child.
          if (isFolderError(error) && error.code === 'not-found' && i === 1)
            throw new FolderError('not-found', { status: 404, path: this.label });
          throw error;
        }
      }
      this.knownDirs.add(dir);
    }
  }

  async createExclusive(path: string, bytes: Uint8Array): Promise<StoredFile> {
    const item =
      bytes.length <= this.simpleLimit
        ? ((await this.call(path, (signal) =>
            this.client
              .api(`${this.item(path)}/content`)
              .query({ '@microsoft.graph.conflictBehavior': 'fail' })
              .header('Content-Type', 'application/octet-stream')
              .option('signal', signal)
              // A Blob, not an ArrayBuffer: the SDK turns ArrayBuffers into Node Buffers, which browsers do not have.
              .put(
                new Blob([bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer]),
              ),
          )) as DriveItem)
        : await this.uploadSession(path, bytes);
    const sha256 = item.file?.hashes?.sha256Hash?.toLowerCase();
    return sha256 ? { size: item.size, sha256 } : { size: item.size };
  }

  private async uploadSession(path: string, bytes: Uint8Array): Promise<DriveItem> {
    const p = normalisePath(path);
    const session = (await this.call(path, (signal) =>
      this.client
        .api(`${this.item(path)}/createUploadSession`)
        .option('signal', signal)
        .post({ item: { '@microsoft.graph.conflictBehavior': 'fail' } }),
    )) as { uploadUrl: string };
    try {
      for (let start = 0; start < bytes.length; start += this.chunkSize) {
        const end = Math.min(bytes.length, start + this.chunkSize);
        // The uploadUrl is pre-authenticated: sending Authorization to it is refused (401) by the service.
        const response = await withTimeout(
          this.timeoutMs + Math.ceil((end - start) / 256),
          (signal) =>
            this.fetchFn(session.uploadUrl, {
              method: 'PUT',
              headers: { 'Content-Range': `bytes ${start}-${end - 1}/${bytes.length}` },
              body: bytes.slice(start, end),
              signal,
            }),
          (error, timedOut) => {
            throw networkError(error, p, timedOut);
          },
        );
        if (response.status === 202) {
          await response.body?.cancel();
          continue;
        }
        const body = (await response.json().catch(() => ({}))) as DriveItem & { error?: { code?: string } };
        if (response.status === 200 || response.status === 201) return body;
        if (response.status === 409 && body.error?.code === 'nameAlreadyExists')
          throw new FolderError('already-exists', { status: 409, path: p });
        if (response.status === 507 || body.error?.code === 'quotaLimitReached')
          throw new FolderError('insufficient-storage', { status: response.status, path: p });
        throw new FolderError(statusError(response.status, p).code, {
          status: response.status,
          path: p,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
          detail: body.error?.code,
        });
      }
      throw new FolderError('http-error', { path: p, detail: 'upload session ended without the item' });
    } catch (error) {
      // Cancel the session so nothing half-uploaded lingers (it would expire anyway).
      await this.fetchFn(session.uploadUrl, { method: 'DELETE' }).then(
        (r) => r.body?.cancel(),
        () => undefined,
      );
      throw error;
    }
  }

  async move(from: string, to: string, options: { overwrite: false }): Promise<void> {
    void options;
    const target = normalisePath(to);
    const slash = target.lastIndexOf('/');
    const parent = slash < 0 ? '' : target.slice(0, slash);
    const parentPath = `${this.drive}/root:/${[this.root, parent].filter(Boolean).join('/')}`;
    await this.call(from, (signal) =>
      this.client
        .api(this.item(from).replace(/:$/, ''))
        .query({ '@microsoft.graph.conflictBehavior': 'fail' })
        .option('signal', signal)
        .patch({ name: target.slice(slash + 1), parentReference: { path: parentPath } }),
    );
  }

  async read(path: string): Promise<Uint8Array> {
    const data = (await this.call(path, (signal) =>
      this.client
        .api(`${this.item(path)}/content`)
        .responseType(ResponseType.ARRAYBUFFER)
        .option('signal', signal)
        .get(),
    )) as ArrayBuffer;
    return new Uint8Array(data);
  }

  async remove(path: string): Promise<void> {
    await this.call(path, (signal) =>
      this.client.api(this.item(path).replace(/:$/, '')).option('signal', signal).delete(),
    );
  }
}

export function createGraphFolder(options: GraphFolderOptions): SharedFolder {
  return new GraphFolder(options);
}
