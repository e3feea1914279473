// The WebDAV adapter as the task pane runs it: bundled for the browser (no Node APIs), loaded by a page on
// another origin in Debian's Chromium, talking to Apache through CORS with basic auth.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sha256Hex } from '../../src/core/hash/sha256';
import { type ApacheServer, startApache } from '../support/apache';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/static-server';
import { FakeGraph } from './support/fake-graph';

const root = path.resolve(__dirname, '../..');

let apache: ApacheServer;
let browser: Browser;
let work: string;
const servers: StaticServer[] = [];

let paneOrigin: string;
let otherOrigin: string;

/** What the page's bundle puts on window (built below from the real modules). */
interface PageModules {
  createWebDavFolder: typeof import('../../src/folders/webdav').createWebDavFolder;
  createGraphFolder: typeof import('../../src/folders/graph').createGraphFolder;
  pushFile: typeof import('../../src/core/folders/push').pushFile;
  templatePath: typeof import('../../src/core/folders/layout').templatePath;
  toIssue: typeof import('../../src/core/folders/errors').toIssue;
}

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-dav-browser-'));
  const out = path.join(work, 'bundle.js');
  await build({
    stdin: {
      contents: `import { createWebDavFolder } from './src/folders/webdav';
        import { pushFile } from './src/core/folders/push';
        import { templatePath } from './src/core/folders/layout';
        import { toIssue } from './src/core/folders/errors';
        import { createGraphFolder } from './src/folders/graph';
        window.targetSheets = { createWebDavFolder, createGraphFolder, pushFile, templatePath, toIssue };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    outfile: out,
    logLevel: 'error',
  });
  writeFileSync(
    path.join(work, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>task pane</title><script src="/bundle.js"></script>',
  );
  // The pane's origin (the one Apache allows) and another one, both serving the bundle.
  for (let i = 0; i < 2; i++) servers.push(await serveStatic(work));
  paneOrigin = servers[0]!.origin;
  otherOrigin = servers[1]!.origin;
  apache = await startApache({ corsOrigin: paneOrigin });
  browser = await launchChromium();
}, 120_000); // Chromium can take a while to start on a loaded two-core machine

afterAll(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  await apache?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

interface PageResult {
  ok: boolean;
  path?: string;
  sha256?: string;
  readBack?: number[];
  issue?: { code: string };
}

async function pushFromPage(origin: string, password: string, bytes: number[], unitFile: string): Promise<PageResult> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${origin}/`);
    return await page.evaluate(
      async ({ url, user, password, bytes, unitFile }) => {
        const ts = (window as unknown as { targetSheets: PageModules }).targetSheets;
        const folder = ts.createWebDavFolder({ url, username: user, password, timeoutMs: 5000 });
        try {
          const receipt = await ts.pushFile(folder, ts.templatePath(2019, unitFile), new Uint8Array(bytes), {
            retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
          });
          const back = await folder.read(receipt.path);
          return { ok: true, path: receipt.path, sha256: receipt.sha256, readBack: Array.from(back as Uint8Array) };
        } catch (error) {
          return { ok: false, issue: ts.toIssue(error) };
        }
      },
      { url: apache.url, user: apache.user, password, bytes, unitFile },
    );
  } finally {
    await page.close();
  }
}

const sheet = Array.from({ length: 40_000 }, (_, i) => (i * 131 + 7) & 255);

test('the task pane pushes a sheet through CORS and reads it back byte-identical', async () => {
  const result = await pushFromPage(paneOrigin, apache.password, sheet, '自然资源执法监察总队.xlsx');
  expect(result.ok).toBe(true);
  expect(result.path).toBe('2019/templates/自然资源执法监察总队.xlsx');
  expect(result.sha256).toBe(sha256Hex(new Uint8Array(sheet)));
  expect(result.readBack).toEqual(sheet);
  expect(readFileSync(path.join(apache.root, '2019/templates/自然资源执法监察总队.xlsx'))).toEqual(Buffer.from(sheet));
});

test('in the browser, a second push to the same name is refused and a wrong password gives auth-failed', async () => {
  const again = await pushFromPage(paneOrigin, apache.password, [1, 2, 3], '自然资源执法监察总队.xlsx');
  expect(again).toMatchObject({ ok: false, issue: { code: 'already-exists' } });
  const wrong = await pushFromPage(paneOrigin, 'wrong', [1, 2, 3], '办公室.xlsx');
  expect(wrong).toMatchObject({ ok: false, issue: { code: 'auth-failed' } });
  expect(readFileSync(path.join(apache.root, '2019/templates/自然资源执法监察总队.xlsx'))).toEqual(Buffer.from(sheet));
});

test('a page from an origin the server does not allow cannot push (CORS is really enforced)', async () => {
  const result = await pushFromPage(otherOrigin, apache.password, [1, 2, 3], '其他来源.xlsx');
  expect(result).toMatchObject({ ok: false, issue: { code: 'folder-unreachable' } });
  expect(existsSync(path.join(apache.root, '2019/templates/其他来源.xlsx'))).toBe(false);
});

test('the Graph adapter runs in the task pane too: a small PUT and a chunked upload session from Chromium, each read back', async () => {
  const graph = new FakeGraph();
  await graph.start();
  graph.items.set('考核', { name: '考核', folder: true, id: 'kh' });
  const page = await browser.context.newPage();
  try {
    await page.goto(`${paneOrigin}/`);
    const small = Array.from({ length: 1000 }, (_, i) => i & 255);
    const large = Array.from({ length: 700 * 1024 }, (_, i) => (i * 3) & 255);
    // Sent as base64: playwright serialises a long number array element by element, which is slow.
    const results = await page.evaluate(
      async ({ baseUrl, token, small, large }) => {
        const ts = (window as unknown as { targetSheets: PageModules }).targetSheets;
        const folder = ts.createGraphFolder({
          drive: '/me/drive',
          root: '考核',
          baseUrl,
          getAccessToken: async () => token,
          simpleUploadLimit: 400 * 1024,
          chunkSize: 320 * 1024,
        });
        const a = await ts.pushFile(folder, '2019/templates/小.xlsx', new Uint8Array(small));
        const b = await ts.pushFile(
          folder,
          '2019/templates/大.xlsx',
          Uint8Array.from(atob(large), (c) => c.charCodeAt(0)),
        );
        return [a.verifiedBy, b.verifiedBy, b.sha256];
      },
      { baseUrl: graph.baseUrl, token: graph.token, small, large: Buffer.from(large).toString('base64') },
    );
    // Verified by reading each file back through Graph's download redirect, as on drives without sha256Hash.
    expect(results).toEqual(['read-back', 'read-back', sha256Hex(new Uint8Array(large))]);
    expect(graph.items.get('考核/2019/templates/小.xlsx')?.bytes?.equals(Buffer.from(small))).toBe(true);
    expect(graph.items.get('考核/2019/templates/大.xlsx')?.bytes?.equals(Buffer.from(large))).toBe(true);
    expect(
      graph.log
        .filter((r) => r.url.startsWith('/upload/') && r.method === 'PUT')
        .every((r) => r.authorization === undefined),
    ).toBe(true);
  } finally {
    await page.close();
    await graph.stop();
  }
});
