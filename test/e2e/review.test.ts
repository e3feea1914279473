// 评分 and 提交 of a scoring workbook end to end in Debian Chromium, with the production build in browser mode:
//  - 评分 over a picked folder of returned sheets downloads one zip whose workbooks are what `target-sheets review`
//    writes for the same files on disk (the same scorers, file names, units and rows; every cell of the scorers'
//    sheets, the locked columns included);
//  - 提交 of a filled scoring workbook (picked in the browser) reaches the real Apache WebDAV across origins, under
//    2019/scoring/<scorer>/, byte-identical; `collect` over that share then merges its scores.
// Screenshots go to test-artifacts/review/.
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { collect } from '../../src/app/collect/collect';
import { sha256Hex } from '../../src/core/hash/sha256';
import type { WorkbookContents } from '../../src/core/validate/grid';
import { findMetaSheet } from '../../src/core/validate/meta';
import { createWebDavFolder } from '../../src/folders/webdav';
import { readWorkbook } from '../../src/xlsx/read';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fill, fillCorrectly, template } from '../integration/validate-corpus';
import { type ApacheServer, startApache } from '../support/apache';
import { launchChromium, type Browser } from '../support/browser';
import { cli } from '../support/cli';
import { scoreWorkbook } from '../support/score-workbook';
import { serveStatic, type StaticServer } from '../support/static-server';
import { buildTaskpane, ROOT } from './build';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'review');
const [unitA, unitB] = catalog2019.units;

let work: string;
let returned: string;
let cliOut: string;
let cliJson: { workbooks: { file: string; scorer: string; units: number; items: number }[] };
let server: StaticServer;
let apache: ApacheServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-e2e-review-'));
  returned = path.join(work, '收到的表');
  const put = (relative: string, bytes: Uint8Array, modified: string) => {
    const file = path.join(returned, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    utimesSync(file, new Date(modified), new Date(modified));
  };
  put('邮件/a.xlsx', await edit(await template(unitA!), fillCorrectly), '2020-01-05T08:00:00.000Z');
  put(
    '优盘/b.xlsx',
    await edit(await template(unitB!), (e) => fill(e, (_, weight) => ({ completion: '已完成', self: weight + 5 }))),
    '2020-01-06T08:00:00.000Z',
  );
  cliOut = path.join(work, 'cli-out');
  const run = await cli('review', returned, '--out', cliOut, '--json');
  if (run.code !== 0) throw new Error(`review failed: ${run.stderr}`);
  cliJson = JSON.parse(run.stdout) as typeof cliJson;

  const webDir = await buildTaskpane();
  server = await serveStatic(webDir);
  apache = await startApache({ corsOrigin: server.origin });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await apache?.stop();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Every sheet but the record, cell by cell: what a scorer sees. */
function shownCells(bytes: Uint8Array): WorkbookContents['sheets'] {
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(read.failure.code);
  const meta = findMetaSheet(read.contents);
  return read.contents.sheets
    .filter((s) => s !== meta)
    .map((s) => ({ ...s, cells: [...s.cells].sort((a, b) => a.row - b.row || a.col - b.col) }));
}

test('评分 over a picked folder downloads one zip whose workbooks are what `review` writes for the same files', async () => {
  await page.getByRole('tab', { name: '评分' }).click();
  await page
    .getByTestId('review-catalog')
    .getByText(/52 个单位/)
    .waitFor({ timeout: 30_000 });
  // The scorers first, each with what it scores, all ticked.
  const scorers = page.getByTestId('review-scorers').getByRole('checkbox');
  await scorers.first().waitFor();
  await expect(scorers.count()).resolves.toBe(cliJson.workbooks.length);
  await shot('01-review-scorers');
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('review-folder').setInputFiles(returned);
  const download = await downloading;
  const status = page.getByTestId('review-status');
  await status.getByText(/^已读取 2 个文件：52 个单位中 1 个有通过检查的/).waitFor({ timeout: 60_000 });
  await shot('02-review-done');
  const zipName = `2019年度评分表（${cliJson.workbooks.length}份）.zip`;
  expect(download.suggestedFilename()).toBe(zipName);
  expect(await status.textContent()).toContain(`已下载 ${zipName}`);
  // What the CLI prints per workbook, in the pane's table.
  const rows = await page
    .getByTestId('review-workbooks')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  expect(rows).toEqual(
    cliJson.workbooks.map((w) => [w.scorer, path.basename(w.file), String(w.units), String(w.items)]),
  );
  await page
    .getByTestId('review-not-returned')
    .getByText(/以下 51 个单位/)
    .waitFor();

  const zipped = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(zipped)).toEqual(cliJson.workbooks.map((w) => path.basename(w.file)));
  for (const w of cliJson.workbooks) {
    // The record names the source file as each face saw it (a path on disk, a path in the picked folder); every
    // cell the scorer sees is the same.
    expect(shownCells(zipped[path.basename(w.file)]!)).toEqual(shownCells(new Uint8Array(readFileSync(w.file))));
  }
}, 180_000);

test('提交 of a filled scoring workbook reaches Apache under 2019/scoring/<scorer>/ byte-identical, and collect merges it', async () => {
  // 设置: the WebDAV folder (the password for this session only).
  await page.getByRole('tab', { name: '设置' }).click();
  await page.getByRole('radio', { name: /WebDAV/ }).check();
  await page.getByTestId('settings-url').fill(apache.url);
  await page.getByTestId('settings-user').fill(apache.user);
  await page.getByTestId('settings-password').fill(apache.password);
  await page.getByRole('button', { name: '测试连接' }).click();
  await page
    .getByTestId('settings-status')
    .getByText(/连接成功/)
    .waitFor({ timeout: 30_000 });

  // The smallest owner's workbook, every row scored as a scorer would in a spreadsheet program.
  const owner = [...cliJson.workbooks].filter((w) => w.scorer !== '考核组').sort((a, b) => a.items - b.items)[0]!;
  const written = await scoreWorkbook(catalog2019, owner.file, new Set(catalog2019.units.map((u) => u.id)));
  const filled = new Uint8Array(readFileSync(owner.file.replace(/\.xlsx$/, '-scored.xlsx')));

  await page.getByRole('tab', { name: '填报' }).click();
  await page.getByTestId('submit-file').setInputFiles({
    name: `${owner.scorer}-已评.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(filled),
  });
  await page.getByTestId('submit-receipt').waitFor({ timeout: 60_000 });
  await shot('03-scoring-submitted');
  expect(await page.getByTestId('submit-sha256').textContent()).toBe(sha256Hex(filled));
  const dir = path.join(apache.root, '2019', 'scoring', owner.scorer);
  const names = readdirSync(dir);
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(new RegExp(`^${owner.scorer}-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.xlsx$`));
  expect(Buffer.compare(readFileSync(path.join(dir, names[0]!)), Buffer.from(filled))).toBe(0);

  const result = await collect(
    createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password }),
    { catalog: catalog2019 },
  );
  const merge = result.summary.scoring!.scorers.find((s) => s.file?.includes(`/scoring/${owner.scorer}/`))!;
  expect([merge.status, merge.scored, merge.pairs]).toEqual(['valid', owner.items, owner.items]);
  for (const [unitId, scores] of written) {
    const unit = result.summary.units.find((u) => u.unitId === unitId)!;
    expect(unit.assessed).toBeCloseTo(
      scores.reduce((a, b) => a + b, 0),
      2,
    );
  }
}, 180_000);

test('the pane threw no script errors along the way', () => {
  expect(pageErrors).toEqual([]);
});
