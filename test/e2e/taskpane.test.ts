// The task pane end to end, in Debian Chromium, opened as a plain web page (no Office host): the production
// build served from 127.0.0.1. Screenshots go to test-artifacts/taskpane/.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serveStatic, type StaticServer } from '../support/static-server';
import { launchChromium, type Browser } from './browser';
import { buildTaskpane, ROOT } from './build';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'taskpane');

let webDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  webDir = buildTaskpane();
  server = await serveStatic(webDir);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

/** Script errors seen per page: the pane must not throw while it works. */
const pageErrors = new WeakMap<Page, string[]>();

async function openPane(): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

async function closePane(page: Page): Promise<void> {
  const errors = pageErrors.get(page) ?? [];
  await closePane(page);
  expect(errors).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test('opened in a plain browser, the pane shows its Chinese heading, the three tabs and the built-in 2019 units', async () => {
  const page = await openPane();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('目标考核表');
  for (const name of ['生成', '填报', '检查']) {
    await expect(page.getByRole('tab', { name }).count()).resolves.toBe(1);
  }
  await page.getByTestId('catalog-label').filter({ hasText: '2019' }).waitFor();
  const units = page.getByTestId('unit-list').getByRole('checkbox');
  await expect(units.count()).resolves.toBe(52);
  await shot(page, '01-generate-zh');
  await closePane(page);
});

test('switching the language to English shows English labels, and the choice survives a reload', async () => {
  const page = await openPane();
  await page.getByTestId('language').selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Target Sheets' }).waitFor();
  await expect(page.getByRole('tab', { name: 'Generate' }).count()).resolves.toBe(1);
  await expect(page.getByRole('tab', { name: 'Check' }).count()).resolves.toBe(1);
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
  await shot(page, '02-generate-en');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Target Sheets' }).waitFor();
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByRole('heading', { level: 1, name: '目标考核表' }).waitFor();
  await closePane(page);
});
