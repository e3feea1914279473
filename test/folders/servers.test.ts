// The push against four real WebDAV servers, each started on 127.0.0.1 by test/support (Apache mod_dav, nginx
// dav + dav-ext, lighttpd mod_webdav, rclone serve webdav): what the server itself does with a create-only PUT and a
// no-overwrite MOVE, publishing, a second publish refused, two pushes to one name at once, a claim left by an
// interrupted push, and collect reading the folder back. Two of the four overwrite on PUT with If-None-Match: *,
// so the temporary-name-then-MOVE path is what keeps a unit's file there; these tests notice if that changes.
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { collect } from '../../src/app/collect';
import { FolderError } from '../../src/core/folders/errors';
import { claimPathFor, returnedPath, templatePath } from '../../src/core/folders/layout';
import { type PushEvent, pushFile } from '../../src/core/folders/push';
import { sha256Hex } from '../../src/core/hash/sha256';
import { createWebDavFolder } from '../../src/folders/webdav';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fillCorrectly, template } from '../integration/validate-corpus';
import { DAV_SERVERS, type DavServer, type DavServerKind, startDavServer } from '../support/dav-servers';
import { gate, movingAfter } from './support/gate';

/** What each server does, as checked by hand (the README's table) and asserted below. */
const BEHAVIOUR: Record<DavServerKind, { createOnlyPut: 'refused' | 'overwrites'; mkcolOnExisting: number }> = {
  apache: { createOnlyPut: 'refused', mkcolOnExisting: 405 },
  nginx: { createOnlyPut: 'overwrites', mkcolOnExisting: 405 },
  lighttpd: { createOnlyPut: 'refused', mkcolOnExisting: 405 },
  rclone: { createOnlyPut: 'overwrites', mkcolOnExisting: 201 },
};

const quickRetry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 1000 };
// Two pushes at once: the loser waits for the winner's claim with the push's own backoff (several seconds in all).
const patientRetry = { attempts: 8, baseDelayMs: 40, maxDelayMs: 2000, maxRetryAfterMs: 1000 };

function bytesOf(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 255;
  }
  return bytes;
}

/** Every entry under dir (files and folders), relative, sorted. */
function entriesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** Names starting with "." anywhere under dir: the push's temporary files and claims. */
function hiddenUnder(dir: string): string[] {
  return entriesUnder(dir).filter((p) => p.split(path.sep).some((s) => s.startsWith('.')));
}

describe.each(DAV_SERVERS)('%s', (kind) => {
  let server: DavServer;
  beforeAll(async () => {
    server = await startDavServer(kind);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const folder = () => createWebDavFolder({ url: server.url, username: server.user, password: server.password });
  const raw = (method: string, name: string, headers: Record<string, string> = {}, body?: Uint8Array) =>
    fetch(new URL(name, server.url), {
      method,
      headers: {
        Authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString('base64')}`,
        ...headers,
      },
      body: body ? new Blob([new Uint8Array(body)]) : undefined,
    }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });

  test('the server itself: a create-only PUT onto an existing file is refused or overwrites as known, MOVE Overwrite: F is refused (412)', async () => {
    expect(await raw('MKCOL', 'raw/')).toBe(201);
    expect(await raw('MKCOL', 'raw/')).toBe(BEHAVIOUR[kind].mkcolOnExisting);
    expect([201, 204]).toContain(await raw('PUT', 'raw/a.xlsx', {}, bytesOf(100, 1)));
    expect([201, 204]).toContain(await raw('PUT', 'raw/b.xlsx', {}, bytesOf(100, 2)));
    const put = await raw('PUT', 'raw/a.xlsx', { 'If-None-Match': '*' }, bytesOf(100, 3));
    const a = sha256Hex(await folder().read('raw/a.xlsx'));
    if (BEHAVIOUR[kind].createOnlyPut === 'refused') {
      expect(put).toBe(412);
      expect(a).toBe(sha256Hex(bytesOf(100, 1)));
    } else {
      expect([201, 204]).toContain(put);
      expect(a).toBe(sha256Hex(bytesOf(100, 3)));
    }
    const move = await raw('MOVE', 'raw/b.xlsx', {
      Destination: new URL('raw/a.xlsx', server.url).href,
      Overwrite: 'F',
    });
    expect(move).toBe(412);
    expect(sha256Hex(await folder().read('raw/a.xlsx'))).toBe(a);
  });

  test('a published template arrives byte-identical; publishing it again is refused and keeps the first; nothing temporary is left', async () => {
    const first = bytesOf(150_000, 11);
    const target = templatePath(2019, '青海省地质调查局.xlsx');
    const receipt = await pushFile(folder(), target, first, { retry: quickRetry });
    expect(receipt).toMatchObject({
      path: target,
      size: first.length,
      sha256: sha256Hex(first),
      verifiedBy: 'read-back',
    });
    expect(sha256Hex(await folder().read(target))).toBe(sha256Hex(first));

    const again = await pushFile(folder(), target, bytesOf(150_000, 12), { retry: quickRetry }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(FolderError);
    expect((again as FolderError).code).toBe('already-exists');
    expect(sha256Hex(await folder().read(target))).toBe(sha256Hex(first));

    // The server's own listing: ISO times like every other folder, and only the template.
    const listed = await folder().list('2019/templates');
    expect(listed.map((e) => e.name)).toEqual(['青海省地质调查局.xlsx']);
    expect(listed[0]!.modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(hiddenUnder(path.join(server.root, '2019'))).toEqual([]);
  });

  test('two pushes of different bytes to one name at once: exactly one succeeds, the other is told the name is taken, and the winner’s bytes are intact', async () => {
    // Several rounds: each starts both pushes (two users, two clients) and holds both at the move until both have
    // uploaded, so the two MOVEs cross. (Apache's own MOVE is not atomic: without the claim, a few rounds in a
    // hundred end with two successes and the first file replaced.)
    for (let round = 0; round < 10; round++) {
      const target = templatePath(2019, `同时提交-${round}.xlsx`);
      const mine = [bytesOf(4_000, 100 + round), bytesOf(4_000, 200 + round)];
      const both = gate(2);
      const events: PushEvent[][] = [[], []];
      const results = await Promise.allSettled(
        mine.map((bytes, i) =>
          pushFile(movingAfter(folder(), both.arrive), target, bytes, {
            retry: patientRetry,
            onEvent: (e) => events[i]!.push(e),
          }).finally(both.open),
        ),
      );
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const loser = results[1 - won[0]!] as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(FolderError);
      expect((loser.reason as FolderError).code).toBe('already-exists');
      // Both had uploaded before either moved: the race was decided at the MOVE, not by the existence check.
      for (const e of events) expect(e.some((x) => x.type === 'step' && x.step === 'move')).toBe(true);
      expect(sha256Hex(await folder().read(target))).toBe(sha256Hex(mine[won[0]!]!));
    }
    expect(hiddenUnder(path.join(server.root, '2019'))).toEqual([]);
  });

  test('collect reads back the returned sheets pushed there, and ignores the templates beside them', async () => {
    const [unitA, unitB] = catalog2019.units.filter((u) => u.group === 'department');
    const pushed: string[] = [];
    for (const [unit, when] of [
      [unitA!, '2020-01-08T10:00:00Z'],
      [unitB!, '2020-01-09T10:00:00Z'],
    ] as const) {
      const bytes = await edit(await template(unit), fillCorrectly);
      const receipt = await pushFile(folder(), returnedPath(2019, unit.name, new Date(when), sha256Hex(bytes)), bytes, {
        retry: quickRetry,
      });
      pushed.push(receipt.path);
    }
    const { summary, files } = await collect(folder(), { catalog: catalog2019 });
    expect(files).toBe(2);
    const row = (name: string) => summary.units.find((u) => u.name === name);
    expect(row(unitA!.name)).toMatchObject({ status: 'valid', file: pushed[0] });
    expect(row(unitB!.name)).toMatchObject({
      status: 'valid',
      file: pushed[1],
      submittedAt: '2020-01-09T10:00:00.000Z',
    });
    expect(summary.units.filter((u) => u.status === 'missing')).toHaveLength(catalog2019.units.length - 2);
  });

  if (BEHAVIOUR[kind].mkcolOnExisting === 405) {
    test('a claim another push holds makes a push wait, then say so; one an interrupted push left long ago is removed', async () => {
      const target = templatePath(2019, '被占用.xlsx');
      const claim = claimPathFor(target);
      await folder().mkdirp('2019/templates');
      expect(await raw('MKCOL', `${claim}/`)).toBe(201);

      const events: PushEvent[] = [];
      const busy = await pushFile(folder(), target, bytesOf(5_000, 31), {
        retry: quickRetry,
        onEvent: (e) => events.push(e),
      }).catch((e: unknown) => e);
      expect(busy).toMatchObject({ code: 'busy' });
      expect(events.filter((e) => e.type === 'retry').map((e) => (e as { code: string }).code)).toEqual([
        'busy',
        'busy',
      ]);
      // Nothing of ours is left, and the other push's claim was not touched.
      expect(hiddenUnder(path.join(server.root, '2019/templates'))).toEqual([path.basename(claim)]);

      // Made three minutes ago by the server's clock: an interrupted push's, which the next push removes.
      const old = new Date(Date.now() - 3 * 60_000);
      utimesSync(path.join(server.root, claim), old, old);
      const bytes = bytesOf(5_000, 32);
      await pushFile(folder(), target, bytes, { retry: quickRetry });
      expect(sha256Hex(await folder().read(target))).toBe(sha256Hex(bytes));
      expect(hiddenUnder(path.join(server.root, '2019/templates'))).toEqual([]);
      expect(statSync(path.join(server.root, target)).size).toBe(bytes.length);
    });
  }
});
