// rclone (Go's x/net/webdav) answers 423 Locked to a MKCOL while another MKCOL is making the same collection — two
// clerks pushing into a new year at once. mkdirp takes a collection that is there by then as made, and otherwise
// says `busy` (transient: the push's retry policy tries again) instead of a bare HTTP error. A scripted server on
// 127.0.0.1 answers exactly that, so the case does not depend on winning a race (test/folders/servers.test.ts runs
// the race itself against rclone).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FolderError, isTransient } from '../../src/core/folders/errors';
import { createWebDavFolder } from '../../src/folders/webdav';

const directory = (href: string) =>
  `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>${href}</D:href>` +
  '<D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype>' +
  '<D:getlastmodified>Mon, 07 Dec 2026 03:00:00 GMT</D:getlastmodified></D:prop>' +
  '<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>';

/** MKCOL → 423; PROPFIND → the collection when `made`, else 404. */
async function lockedServer(made: boolean) {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${decodeURIComponent(req.url ?? '')}`);
    req.resume();
    if (req.method === 'MKCOL') return void res.writeHead(423).end();
    if (req.method === 'PROPFIND' && made) {
      return void res
        .writeHead(207, { 'content-type': 'application/xml; charset=utf-8' })
        .end(directory(req.url ?? '/'));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/share/`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('a 423 to MKCOL while another push makes the collection: busy, which the push retries', async () => {
  const server = await lockedServer(false);
  try {
    const error = await createWebDavFolder({ url: server.url })
      .mkdirp('2019')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(FolderError);
    expect((error as FolderError).code).toBe('busy');
    expect(isTransient(error)).toBe(true);
  } finally {
    await server.close();
  }
});

test('a 423 to MKCOL when the collection is there by the time it is looked at: made, no error', async () => {
  const server = await lockedServer(true);
  try {
    await expect(createWebDavFolder({ url: server.url }).mkdirp('2019')).resolves.toBeUndefined();
    expect(server.seen).toEqual(['MKCOL /share/2019/', 'PROPFIND /share/2019']);
  } finally {
    await server.close();
  }
});
