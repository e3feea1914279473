// A local stand-in for the parts of Microsoft Graph's drive API the adapter uses, answering as the documentation
// says the service does (status codes, bodies and headers taken from the documented examples of
// driveitem-get, driveitem-post-children, driveitem-put-content, driveitem-createuploadsession and the error
// responses page). It is not a recording of a real tenant: see the README's note on what has not run there.
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

export class FakeGraph {
  readonly items = new Map<string, FakeItem>([['', { name: 'root', folder: true, id: 'root' }]]);
  readonly log: LoggedRequest[] = [];
  readonly faults: Fault[] = [];
  token = 'test-token-eyJ0eXAi';
  /** Whether driveItems carry file.hashes.sha256Hash (only some drives do). */
  sha256Hashes = true;
  private sessions = new Map<string, { path: string; received: Buffer[]; size: number }>();
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

  /** The next request matching method + url answers with this instead. */
  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  private driveItemJson(path: string, item: FakeItem) {
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
          childCount: [...this.items.keys()].filter(
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
      if (this.items.has(session.path))
        return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      const item: FakeItem = {
        name: session.path.split('/').pop() as string,
        folder: false,
        bytes: Buffer.concat(session.received),
        id: `item${this.nextId++}`,
      };
      this.items.set(session.path, item);
      return send(201, this.driveItemJson(session.path, item));
    }
    const download = /^\/download\/(.+)$/.exec(url.pathname);
    if (download) {
      const item = this.items.get(decodeURIComponent(download[1]));
      res.writeHead(item ? 200 : 404, { 'content-type': 'application/octet-stream' });
      res.end(item?.bytes);
      return;
    }

    if (req.headers.authorization !== `Bearer ${this.token}`)
      return error(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
    const m = /^\/v1\.0\/me\/drive\/root(?::\/(.*?))?(?::?\/(children|content|createUploadSession))?:?$/.exec(
      decodeURIComponent(url.pathname),
    );
    if (!m) return error(400, 'invalidRequest', `unsupported ${url.pathname}`);
    const path = (m[1] ?? '').replace(/:$/, '');
    const action = m[2];
    const conflictFail = url.searchParams.get('@microsoft.graph.conflictBehavior') === 'fail';

    if (req.method === 'GET' && !action) {
      const item = this.items.get(path);
      return item
        ? send(200, this.driveItemJson(path, item))
        : error(404, 'itemNotFound', 'The resource could not be found.');
    }
    if (req.method === 'GET' && action === 'children') {
      const value = [...this.items.entries()]
        .filter(
          ([k]) =>
            k !== '' && k.startsWith(path ? `${path}/` : '') && !k.slice(path ? path.length + 1 : 0).includes('/'),
        )
        .map(([k, v]) => this.driveItemJson(k, v));
      return send(200, { value });
    }
    if (req.method === 'GET' && action === 'content') {
      if (!this.items.has(path)) return error(404, 'itemNotFound', 'The resource could not be found.');
      return send(302, undefined, { location: `${this.baseUrl}download/${encodeURIComponent(path)}` });
    }
    if (req.method === 'POST' && action === 'children') {
      const data = JSON.parse(body.toString('utf8')) as {
        name: string;
        folder?: object;
        '@microsoft.graph.conflictBehavior'?: string;
      };
      if (!this.items.get(path)?.folder) return error(404, 'itemNotFound', 'The resource could not be found.');
      const child = path ? `${path}/${data.name}` : data.name;
      if (this.items.has(child)) return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      const item: FakeItem = { name: data.name, folder: true, id: `item${this.nextId++}` };
      this.items.set(child, item);
      return send(201, this.driveItemJson(child, item));
    }
    if (req.method === 'PUT' && action === 'content') {
      if (this.items.has(path)) {
        if (conflictFail) return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
        return error(400, 'test-server', 'this fake only accepts conflictBehavior=fail');
      }
      const item: FakeItem = {
        name: path.split('/').pop() as string,
        folder: false,
        bytes: body,
        id: `item${this.nextId++}`,
      };
      this.items.set(path, item);
      return send(201, this.driveItemJson(path, item));
    }
    if (req.method === 'POST' && action === 'createUploadSession') {
      const data = JSON.parse(body.toString('utf8') || '{}') as { item?: Record<string, string> };
      const behavior = data.item?.['@microsoft.graph.conflictBehavior'] ?? 'fail';
      if (behavior !== 'fail') return error(400, 'test-server', 'this fake only accepts conflictBehavior=fail');
      if (this.items.has(path)) return error(409, 'nameAlreadyExists', 'The specified item name already exists.');
      const id = `s${this.nextId++}`;
      this.sessions.set(id, { path, received: [], size: 0 });
      return send(200, {
        uploadUrl: `${this.baseUrl}upload/${id}`,
        expirationDateTime: '2019-12-21T08:00:00Z',
        nextExpectedRanges: ['0-'],
      });
    }
    if (req.method === 'DELETE' && !action) {
      if (!this.items.delete(path)) return error(404, 'itemNotFound', 'The resource could not be found.');
      return send(204);
    }
    return error(405, 'invalidRequest', 'method not supported by this fake');
  }
}
