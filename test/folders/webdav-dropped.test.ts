// A connection closed under a request before any answer (a kept-alive connection the server dropped while idle):
// reads and MKCOL are sent once more at once, uploads are not. The server here is a raw TCP one so that exactly the
// requests chosen are dropped, deterministically.
import * as net from 'node:net';
import { createWebDavFolder } from '../../src/folders/webdav';

interface Seen {
  method: string;
  dropped: boolean;
}

const MULTISTATUS = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:"><D:response><D:href>/dav/2019/</D:href><D:propstat><D:prop>
<D:resourcetype><D:collection/></D:resourcetype><D:getlastmodified>Mon, 30 Dec 2019 01:02:03 GMT</D:getlastmodified>
</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`;

/** Drops the connection of the first `drops` requests (reading the request head, then closing); answers the rest. */
async function server(drops: number): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const method = head.slice(0, head.indexOf(' '));
      head = '';
      const dropped = seen.filter((s) => s.dropped).length < drops;
      seen.push({ method, dropped });
      if (dropped) {
        socket.destroy();
        return;
      }
      const body = method === 'PROPFIND' ? MULTISTATUS : '';
      const status = method === 'PROPFIND' ? '207 Multi-Status' : '201 Created';
      socket.end(
        `HTTP/1.1 ${status}\r\nContent-Type: application/xml; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dav/`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}

test('a PROPFIND whose connection is dropped before any answer is sent once more, and succeeds', async () => {
  const s = await server(1);
  try {
    const folder = createWebDavFolder({ url: s.url, timeoutMs: 5000 });
    const entry = await folder.stat('2019');
    expect(entry).toMatchObject({ type: 'directory', modified: '2019-12-30T01:02:03.000Z' });
    expect(s.seen).toEqual([
      { method: 'PROPFIND', dropped: true },
      { method: 'PROPFIND', dropped: false },
    ]);
  } finally {
    await s.close();
  }
});

test('MKCOL is sent once more after a dropped connection; a second drop is the folder being unreachable', async () => {
  const once = await server(1);
  try {
    await createWebDavFolder({ url: once.url, timeoutMs: 5000 }).mkdirp('2019');
    expect(once.seen.map((r) => r.method)).toEqual(['MKCOL', 'MKCOL']);
  } finally {
    await once.close();
  }
  const always = await server(Number.POSITIVE_INFINITY);
  try {
    const error = await createWebDavFolder({ url: always.url, timeoutMs: 5000 })
      .mkdirp('2019')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'folder-unreachable' });
    expect(always.seen).toHaveLength(2);
  } finally {
    await always.close();
  }
});

test('an upload whose connection is dropped is not repeated by the folder (the push decides, with its policy)', async () => {
  const s = await server(1);
  try {
    const error = await createWebDavFolder({ url: s.url, timeoutMs: 5000 })
      .createExclusive('2019/a.xlsx', new Uint8Array([1, 2, 3]))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'folder-unreachable' });
    expect(s.seen).toEqual([{ method: 'PUT', dropped: true }]);
  } finally {
    await s.close();
  }
});
