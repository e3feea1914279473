// A local stand-in for the parts of Microsoft Graph's drive API the adapter uses, answering as the documentation
// says the service does (status codes, bodies and headers taken from the documented examples of
// driveitem-get, driveitem-post-children, driveitem-put-content, driveitem-createuploadsession and the error
// responses page). It is not a recording of a real tenant: see the README's note on what has not run there.
//   - Drives are addressed the three documented ways: /me/drive (the user's OneDrive), /drives/{drive-id} (any
//     drive, e.g. a SharePoint document library) and /sites/{site-id}/drive (a site's default library); each
//     drive has its own items.
//   - @microsoft.graph.conflictBehavior is honoured where the adapter creates things, read from the query string
//     (the driveItem resource page: "should be included in the URL") or, as the examples of folder creation and
//     upload sessions put it, from the body: fail → 409 nameAlreadyExists; replace → the existing item (a folder
//     with everything in it) is replaced; rename → the new item gets a free name ("2019 1"). Without one: PUT
//     replaces ("the default for PUT is replace"), as does an upload session; folder creation fails.
//   - file.hashes.sha256Hash is off by default: OneDrive for Business and SharePoint give quickXorHash only, so the
//     push reads its file back; `sha256Hashes = true` stands for the drives that do report it.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeItem {
  name: string;
  folder: boolean;
  bytes?: Buffer;
  id: string;
}
export interface LoggedRequest {
  method: string;
  url: string;
  authorization?: string;
  contentRange?: string;
  bodyLength: number;
}
interface Fault {
  method: string;
  match: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type ConflictBehavior = 'fail' | 'replace' | 'rename';

/** The signed-in user's OneDrive (/me/drive); other drives are made with addDrive. */
export const MY_DRIVE = 'me';

export class FakeGraph {
  private readonly drives = new Map<string, Map<string, FakeItem>>([[MY_DRIVE, FakeGraph.emptyDrive()]]);
  /** Site id → the id of its default document library. */
  private readonly sites = new Map<string, string>();
  /** The items of /me/drive, by path ('' is the root). */
  readonly items = this.drives.get(MY_DRIVE) as Map<string, FakeItem>;
  readonly log: LoggedRequest[] = [];
  readonly faults: Fault[] = [];
  token = 'test-token-eyJ0eXAi';
  /** Whether driveItems carry file.hashes.sha256Hash (only some drives do). */
  sha256Hashes = false;
  private sessions = new Map<string, { drive: string; path: string; received: Buffer[]; behavior: ConflictBehavior }>();
  private server = http.createServer((req, res) => {
    void this.handle(req, res);
  });
  private nextId = 1;
  baseUrl = '';

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private static emptyDrive(): Map<string, FakeItem> {
    return new Map([['', { name: 'root', folder: true, id: 'root' }]]);
  }

  /** A drive reachable as /drives/{id}, and as /sites/{site}/drive when a site is given (its default library). */
  addDrive(id: string, site?: string): Map<string, FakeItem> {
    const items = FakeGraph.emptyDrive();
    this.drives.set(id, items);
    if (site !== undefined) this.sites.set(site, id);
    return items;
  }

  /** The items of a drive, by path. */
  drive(id: string): Map<string, FakeItem> {
    const items = this.drives.get(id);
    if (!items) throw new Error(`no drive ${id}`);
    return items;
  }

  /** The next request matching method + url answers with this instead. */
  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  private driveItemJson(items: Map<string, FakeItem>, path: string, item: FakeItem) {
    const base = {
      id: item.id,
      name: item.name,
      lastModifiedDateTime: '2019-12-20T08:00:00Z',
      parentReference: { path: `/drive/root:/${path.split('/').slice(0, -1).join('/')}` },
    };
    if (item.folder)
      return {
        ...base,
        folder: {
          childCount: [...items.keys()].filter(
            (k) => k.startsWith(`${path}/`) && !k.slice(path.length + 1).includes('/'),
          ).length,
        },
      };
    const hashes: Record<string, string> = { quickXorHash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' };
    if (this.sha256Hashes)
      hashes.sha256Hash = createHash('sha256')
        .update(item.bytes as Buffer)
        .digest('hex')
        .toUpperCase();
    return {
      ...base,
      size: item.bytes?.length ?? 0,
      file: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', hashes },
    };
  }

  /**
   * Which drive and item a Graph path names: /v1.0/{drive}/root[:/{path}:][/{action}], where {drive} is me/drive,
   * drives/{id} or sites/{id}/drive. `items` is undefined for a drive that does not exist.
   */
  private route(
    pathname: string,
  ): { driveId: string; items: Map<string, FakeItem> | undefined; path: string; action?: string } | null {
    const m =
      /^\/v1\.0\/(me\/drive|drives\/([^/]+)|sites\/([^/]+)\/drive)\/root(?::\/(.*?))?(?::?\/(children|content|createUploadSession))?:?$/.exec(
        pathname,
      );
    if (!m) return null;
    const driveId = m[1] === 'me/drive' ? MY_DRIVE : (m[2] ?? this.sites.get(m[3] as string) ?? `?${m[3]}`);
    return { driveId, items: this.drives.get(driveId), path: (m[4] ?? '').replace(/:$/, ''), action: m[5] };
  }

  /**
   * Puts a new item at `path` as conflictBehavior says when the name is taken: fail → null; replace → the old item,
   * and everything under it, goes; rename → the first free "name 1", "name 2"… (before the extension).
   */
  private place(
    items: Map<string, FakeItem>,
    path: string,
    behavior: ConflictBehavior,
    make: () => FakeItem,
  ): { path: string; item: FakeItem } | null {
    let target = path;
    if (items.has(path)) {
      if (behavior === 'fail') return null;
      if (behavior === 'replace') {
        for (const k of [...items.keys()]) if (k === path || k.startsWith(`${path}/`)) items.delete(k);
      } else {
        const slash = path.lastIndexOf('/');
        const name = path.slice(slash + 1);
        const dot = name.lastIndexOf('.');
        const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
        for (let n = 1; items.has(target); n++) target = `${path.slice(0, slash + 1)}${stem} ${n}${ext}`;
      }
    }
    const item = { ...make(), name: target.slice(target.lastIndexOf('/') + 1) };
    items.set(target, item);
    return { path: target, item };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Graph answers browsers with CORS headers; so does this stand-in (for the task-pane test in Chromium).
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Location');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, PUT, POST, PATCH, DELETE',
        'Access-Control-Allow-Headers':
          'Authorization, Content-Type, Content-Range, SdkVersion, client-request-id, Prefer',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url as string, this.baseUrl);
    this.log.push({
      method: req.method as string,
      url: decodeURIComponent(url.pathname) + url.search,
      authorization: req.headers.authorization,
      contentRange: req.headers['content-range'],
      bodyLength: body.length,
    });
    const send = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...headers });
      res.end(json !== undefined ? JSON.stringify(json) : undefined);
    };
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
      send(
        status,
        { error: { code, message, innerError: { 'request-id': 'a1b2', date: '2019-12-20T08:00:00' } } },
        headers,
      );

    const fault = this.faults.findIndex(
      (f) => f.method === req.method && f.match.test(decodeURIComponent(url.pathname)),
    );
    if (fault >= 0) {
      const f = this.faults.splice(fault, 1)[0];
      send(f.status, f.body, f.headers);
      return;
    }

    // Upload sessions: pre-authenticated URLs; documented to reject an Authorization header.
    const upload = /^\/upload\/(\w+)$/.exec(url.pathname);
    if (upload) {
      const session = this.sessions.get(upload[1]);
      if (!session) return error(404, 'itemNotFound', 'The upload session was not found');
      if (req.method === 'DELETE') {
        this.sessions.delete(upload[1]);
        return send(204);
      }
      if (req.headers.authorization)
        return error(401, 'unauthenticated', 'Authorization header is not allowed on upload URLs');
      const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
      const have = session.received.reduce((n, b) => n + b.length, 0);
      if (!range || Number(range[1]) !== have || Number(range[2]) - Number(range[1]) + 1 !== body.length)
        return error(416, 'invalidRange', 'The Content-Range is not valid');
      const last = Number(range[2]) + 1 === Number(range[3]);
      if (!last && body.length % (320 * 1024) !== 0)
        return error(400, 'invalidRequest', 'Fragments must be a multiple of 320 KiB');
      session.received.push(body);
      if (!last)
        return send(202, {
          expirationDateTime: '2019-12-21T08:00:00Z',
          nextExpectedRanges: [`${have + body.length}-`],
        });
      this.sessions.delete(upload[1]);
      const items = this.drive(session.drive);
      // The name is checked again when the upload completes: it may have been taken meanwhile.
      const placed = this.place(items, session.path, session.behavior, () => ({
        name: '',
        folder: false,
        bytes: Buffer.concat(session.received),
        id: `item${this.nextId++}`,
      }));
      if (!placed) return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      return send(201, this.driveItemJson(items, placed.path, placed.item));
    }
    const download = /^\/download\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      const item = this.drives.get(decodeURIComponent(download[1]))?.get(decodeURIComponent(download[2]));
      res.writeHead(item ? 200 : 404, { 'content-type': 'application/octet-stream' });
      res.end(item?.bytes);
      return;
    }

    if (req.headers.authorization !== `Bearer ${this.token}`)
      return error(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    const route = this.route(decodeURIComponent(url.pathname));
    if (!route) return error(400, 'invalidRequest', `unsupported ${url.pathname}`);
    const { driveId, items, path, action } = route;
    if (!items) return error(404, 'itemNotFound', 'The drive could not be found.');
    // The query string's value, else the body's; 'invalid' for a value Graph does not have.
    const behaviorIn = (json?: Record<string, unknown>): ConflictBehavior | 'invalid' | undefined => {
      const value =
        url.searchParams.get('@microsoft.graph.conflictBehavior') ?? json?.['@microsoft.graph.conflictBehavior'];
      if (value === undefined) return undefined;
      return value === 'fail' || value === 'replace' || value === 'rename' ? value : 'invalid';
    };
    const badBehavior = () => error(400, 'invalidRequest', 'Invalid value for @microsoft.graph.conflictBehavior');

    if (req.method === 'GET' && !action) {
      const item = items.get(path);
      return item
        ? send(200, this.driveItemJson(items, path, item))
        : error(404, 'itemNotFound', 'The resource could not be found.');
    }
    if (req.method === 'GET' && action === 'children') {
      const value = [...items.entries()]
        .filter(
          ([k]) =>
            k !== '' && k.startsWith(path ? `${path}/` : '') && !k.slice(path ? path.length + 1 : 0).includes('/'),
        )
        .map(([k, v]) => this.driveItemJson(items, k, v));
      return send(200, { value });
    }
    if (req.method === 'GET' && action === 'content') {
      if (!items.has(path)) return error(404, 'itemNotFound', 'The resource could not be found.');
      return send(302, undefined, {
        location: `${this.baseUrl}download/${encodeURIComponent(driveId)}/${encodeURIComponent(path)}`,
      });
    }
    if (req.method === 'POST' && action === 'children') {
      const data = JSON.parse(body.toString('utf8')) as { name: string; folder?: object };
      const behavior = behaviorIn(data) ?? 'fail';
      if (behavior === 'invalid') return badBehavior();
      if (!items.get(path)?.folder) return error(404, 'itemNotFound', 'The resource could not be found.');
      const placed = this.place(items, path ? `${path}/${data.name}` : data.name, behavior, () => ({
        name: '',
        folder: true,
        id: `item${this.nextId++}`,
      }));
      if (!placed) return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      return send(201, this.driveItemJson(items, placed.path, placed.item));
    }
    if (req.method === 'PUT' && action === 'content') {
      const behavior = behaviorIn() ?? 'replace';
      if (behavior === 'invalid') return badBehavior();
      const placed = this.place(items, path, behavior, () => ({
        name: '',
        folder: false,
        bytes: body,
        id: `item${this.nextId++}`,
      }));
      if (!placed) return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      return send(201, this.driveItemJson(items, placed.path, placed.item));
    }
    if (req.method === 'POST' && action === 'createUploadSession') {
      const data = JSON.parse(body.toString('utf8') || '{}') as { item?: Record<string, unknown> };
      const behavior = behaviorIn(data.item) ?? 'replace';
      if (behavior === 'invalid') return badBehavior();
      if (behavior === 'fail' && items.has(path))
        return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      const id = `s${this.nextId++}`;
      this.sessions.set(id, { drive: driveId, path, received: [], behavior });
      return send(200, {
        uploadUrl: `${this.baseUrl}upload/${id}`,
        expirationDateTime: '2019-12-21T08:00:00Z',
        nextExpectedRanges: ['0-'],
      });
    }
    if (req.method === 'DELETE' && !action) {
      if (!items.has(path)) return error(404, 'itemNotFound', 'The resource could not be found.');
      for (const k of [...items.keys()]) if (k === path || k.startsWith(`${path}/`)) items.delete(k);
      return send(204);
    }
    return error(405, 'invalidRequest', 'method not supported by this fake');
  }
}
