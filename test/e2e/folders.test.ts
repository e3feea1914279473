// The pane's shared-folder views end to end in Debian Chromium: the production build served from
// 127.0.0.1:<port A> talks to the real Apache WebDAV on 127.0.0.1:<port B> across origins (CORS preflight, then
// PROPFIND / MKCOL / PUT / MOVE / GET from the browser with basic auth). 设置 → 提交 (a filled sheet arrives
// byte-identical) → 发布模板 (never replaced on a second run) → 汇总 (summary downloaded).
// Screenshots go to test-artifacts/folders/.
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { sha256Hex } from '../../src/core/hash/sha256';
import { validateWorkbook } from '../../src/core/validate/validate';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { readWorkbook } from '../../src/xlsx/read';
import { type ApacheServer, startApache } from '../support/apache';
import { serveStatic, type StaticServer } from '../support/static-server';
import { filledSheet } from '../taskpane/support/sheets';
import { launchChromium, type Browser } from '../support/browser';
import { buildTaskpane, ROOT } from './build';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'folders');

let webDir: string;
let server: StaticServer;
let apache: ApacheServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const davRequests: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  webDir = await buildTaskpane();
  server = await serveStatic(webDir);
  apache = await startApache({ corsOrigin: server.origin });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const davOrigin = new URL(apache.url).origin;
  // The setup itself, not a product check: every call below must cross origins (CORS), or these tests prove less.
  if (davOrigin === new URL(server.origin).origin)
    throw new Error(`the pane and WebDAV share an origin (${davOrigin}): CORS would not be exercised`);
  page.on('request', (r) => {
    if (r.url().startsWith(davOrigin)) davRequests.push(r.method());
  });
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await apache?.stop();
  await server?.close();
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test('设置: the WebDAV folder is saved and tested from the browser; the password stays out of localStorage', async () => {
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
  await shot('01-settings');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain(apache.url.replace(/\/$/, ''));
  expect(stored).not.toContain(apache.password);
  expect(davRequests).toContain('PROPFIND');
});

test('提交: a filled sheet picked in the browser arrives in Apache byte-identical, with a receipt showing its SHA-256', async () => {
  const filled = await filledSheet('人事处');
  await page.getByRole('tab', { name: '填报' }).click();
  await page.getByTestId('submit-file').setInputFiles({
    name: '人事处-填好.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(filled),
  });
  await page.getByTestId('submit-receipt').waitFor({ timeout: 60_000 });
  await shot('02-submitted');
  const shown = await page.getByTestId('submit-sha256').textContent();
  expect(shown).toBe(sha256Hex(filled));
  const dir = path.join(apache.root, '2019/returned/人事处');
  const names = readdirSync(dir);
  expect(names).toHaveLength(1);
  expect(Buffer.compare(readFileSync(path.join(dir, names[0]!)), Buffer.from(filled))).toBe(0);
  // No temporary ".part" file is left beside it, and the browser did the temp-then-move dance itself.
  expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  expect(davRequests).toEqual(expect.arrayContaining(['MKCOL', 'PUT', 'MOVE', 'GET']));
});

test("发布模板: the chosen unit's template lands in 2019/templates/; publishing again reports it as already there and leaves it alone", async () => {
  await page.getByRole('tab', { name: '生成' }).click();
  await page.getByRole('checkbox', { name: '国土测绘处', exact: true }).check();
  await page.getByRole('button', { name: '发布 1 个模板' }).click();
  await page
    .getByTestId('publish-status')
    .getByText(/已发布 1 个/)
    .waitFor({ timeout: 60_000 });
  await shot('03-published');
  const file = path.join(apache.root, '2019/templates/国土测绘处.xlsx');
  const bytes = new Uint8Array(readFileSync(file));
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(`published file unreadable: ${read.failure.code}`);
  const report = validateWorkbook(read.contents, { texts: [sheetTexts('zh-CN')] });
  expect(report.identity?.unitName).toBe('国土测绘处');
  expect(report.identity?.year).toBe(2019);
  // An intact template: the only problem is that nobody has filled it in yet.
  expect(report.issues.map((i) => i.code)).toEqual(['sheet-not-filled']);

  await page.getByRole('button', { name: '发布 1 个模板' }).click();
  await page
    .getByTestId('publish-status')
    .getByText(/已存在（未替换）1 个/)
    .waitFor({ timeout: 60_000 });
  await page
    .getByTestId('publish-files')
    .getByText(/已存在，未替换/)
    .waitFor();
  expect(sha256Hex(new Uint8Array(readFileSync(file)))).toBe(sha256Hex(bytes));
  await shot('04-published-again');
});

test('汇总: the browser reads the returned sheet back from Apache and downloads the summary, 人事处 returned and the rest missing', async () => {
  await page.getByRole('tab', { name: '汇总' }).click();
  await page
    .getByTestId('collect-catalog')
    .getByText(/52 个单位/)
    .waitFor({ timeout: 30_000 });
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: '开始汇总' }).click();
  const download = await downloadPromise;
  await page
    .getByTestId('collect-status')
    .getByText(/已读取 1 个文件/)
    .waitFor({ timeout: 60_000 });
  await shot('05-collected');
  expect(download.suggestedFilename()).toBe('2019-summary.xlsx');
  await expect(page.getByTestId('collect-status').textContent()).resolves.toContain(
    '52 个单位中 1 个有效、0 个无效、51 个未提交',
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const texts: string[] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    row.eachCell((c) => {
      if (typeof c.value === 'string') texts.push(c.value);
    }),
  );
  expect(texts).toContain('人事处');
});

test('the pane threw no script errors along the way', () => {
  expect(pageErrors).toEqual([]);
});
