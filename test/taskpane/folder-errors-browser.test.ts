// A shared-folder error shown in the pane follows a later switch of the language: the view keeps the error as a
// value (code, path, detail) and words it when it renders. The real 设置 and 发布模板 views, language switch and
// folder operations, bundled for the browser and run in Debian's Chromium. The WebDAV address is a closed port
// (测试连接 fails with folder-unreachable) or plain http to another machine (发布模板 is refused: insecure-url).
// The same for the other messages the views keep: 设置's 「已保存」, and 生成's catalog (the built-in catalog's label,
// and the error for a targets document that cannot be read), with the browser host's real operations (?view=catalog);
// and 检查, 填报, 生成 and 考核目标总表 in Excel's shape, with stand-in operations that fail (or succeed) at once
// (?view=excel): no Excel is needed to show that their messages are worded when they render.
import PANE_REACT_ALIAS from '../../scripts/pane-react-alias.json';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/apache';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/static-server';

const root = path.resolve(__dirname, '../..');

let browser: Browser;
let work: string;
let server: StaticServer;
let origin: string;

const ENTRY = `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { LanguageSwitch } from './src/taskpane/components/LanguageSwitch';
import { SettingsView } from './src/taskpane/views/SettingsView';
import { paneFolderOperations } from './src/taskpane/engine/folders';
import { NO_DESTINATION, saveDestination } from './src/taskpane/engine/settings';
import { PublishPanel } from './src/taskpane/views/PublishPanel';
import { GenerateView } from './src/taskpane/views/GenerateView';
import { CheckView } from './src/taskpane/views/CheckView';
import { FillView } from './src/taskpane/views/FillView';
import { createOperations } from './src/taskpane/create-operations';
import { PaneError } from './src/taskpane/operations';
import { readCatalogText } from './src/core/catalog/build';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from './src/seeds/embedded';

const query = new URLSearchParams(location.search);
// ?host=excel: 设置 as in Excel's webview (SharePoint sign-in is possible there); the browser otherwise.
const host = query.get('host') === 'excel' ? { kind: 'excel', platform: null } : { kind: 'browser' };
const dav = query.get('dav');
if (dav) saveDestination({ ...NO_DESTINATION, kind: 'webdav', url: dav, user: '' }, null);
const ops = { host, folders: paneFolderOperations(host) };
const catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
const units = catalog.units.filter((u) => u.name === '人事处');
// Excel's operations, standing in: each fails with its own PaneError, except the master-sheet export.
const excelOps = {
  host: { kind: 'excel' },
  generateTargets: ['files'],
  loadEmbeddedCatalog: async () => catalog,
  readCatalogFile: async () => catalog,
  generate: async () => { throw new PaneError('notReady', { what: 'generate' }); },
  checkFile: async () => { throw new PaneError('unreadable', { name: 'file.xlsx' }); },
  checkWorkbook: async () => { throw new PaneError('unreadable', { name: '退回.xlsx' }); },
  startLive: async (onPass, onError) => { setTimeout(() => onError(new PaneError('notExcel')), 0); return async () => {}; },
  selectCell: async () => {},
  readMasterFromWorkbook: async () => { throw new PaneError('noMasterSheet', { sheet: 'Sheet1' }); },
  exportMasterToWorkbook: async () => '考核目标',
};
const view = query.get('view');
createRoot(document.getElementById('root')).render(
  <FluentProvider theme={webLightTheme}>
    <I18nextProvider i18n={createPaneI18n('zh-CN')}>
      <LanguageSwitch />
      {view === 'catalog' ? (
        <GenerateView ops={createOperations(host)} />
      ) : view === 'excel' ? (
        <>
          <CheckView ops={excelOps} />
          <FillView ops={excelOps} />
          <GenerateView ops={excelOps} />
        </>
      ) : (
        <>
          <SettingsView ops={ops} />
          <PublishPanel ops={ops} catalog={{ ...catalog, full: async () => catalog }} units={units} />
        </>
      )}
    </I18nextProvider>
  </FluentProvider>,
);
`;

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-pane-errors-'));
  const out = path.join(work, 'bundle.js');
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'tsx' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    outfile: out,
    logLevel: 'error',
    jsx: 'automatic',
    // The pane's runtime: React's API on Preact, as webpack builds it.
    alias: { ...PANE_REACT_ALIAS },
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.txt': 'text' },
  });
  writeFileSync(
    path.join(work, 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>task pane</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );
  server = await serveStatic(work);
  origin = server.origin;
  browser = await launchChromium();
}, 120_000); // bundling React and Fluent, then starting Chromium, can take a while on a loaded two-core machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Opens `path` of the test origin in a new page, runs `body`, closes the page. */
async function onPage(path: string, body: (page: import('playwright-core').Page) => Promise<void>): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${origin}${path}`);
    await body(page);
  } finally {
    await page.close();
  }
}

test('设置 → 测试连接 fails: the folder error is shown in Chinese, and in English after switching the language (and back)', async () => {
  // Nothing listens on this port: the connection is refused, a folder-unreachable failure.
  const closed = `http://127.0.0.1:${await freePort()}/dav/`;
  await onPage(`/?dav=${encodeURIComponent(closed)}`, async (page) => {
    await page.getByRole('button', { name: '测试连接' }).click();
    const alert = page.getByTestId('settings-status').getByRole('alert');
    await alert.getByText(/无法连接共享文件夹/).waitFor({ timeout: 30_000 });
    // Nothing was submitted: the message speaks of the connection only, never of a queued submission.
    expect(await alert.textContent()).not.toMatch(/队列|提交/);

    await page.getByTestId('language').selectOption('en');
    await alert.getByText(/The shared folder could not be reached/).waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).not.toMatch(/无法连接共享文件夹/);
    // The button is worded in English too (the whole view re-rendered, the error included).
    await page.getByRole('button', { name: 'Test connection' }).waitFor();

    await page.getByTestId('language').selectOption('zh-CN');
    await alert.getByText(/无法连接共享文件夹/).waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).not.toMatch(/could not be reached/);
  });
});

test('发布模板 refused before anything is sent (plain http to another machine): the error follows the language switch', () =>
  onPage(`/?dav=${encodeURIComponent('http://example.invalid/dav/')}`, async (page) => {
    await page.getByRole('button', { name: '发布 1 个模板' }).click();
    const alert = page.getByTestId('publish-status').getByRole('alert');
    await alert.getByText(/拒绝通过不加密的 http/).waitFor({ timeout: 30_000 });

    await page.getByTestId('language').selectOption('en');
    await alert.getByText(/Refusing to send credentials over plain http/).waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).not.toMatch(/拒绝/);
  }));

test('设置 → 保存: 「已保存」 follows the language switch (and back)', () =>
  onPage(`/?dav=${encodeURIComponent('https://example.invalid/dav/')}`, async (page) => {
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const status = page.getByTestId('settings-status').getByRole('status');
    await status.getByText('已保存。').waitFor({ timeout: 30_000 });

    await page.getByTestId('language').selectOption('en');
    await status.getByText('Saved.').waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toBe('Saved.');

    await page.getByTestId('language').selectOption('zh-CN');
    await status.getByText('已保存。').waitFor({ timeout: 10_000 });
    expect(await status.textContent()).toBe('已保存。');
  }));

test('设置 → 保存 refuses, field by field with the reason, what cannot work; nothing is saved', () =>
  onPage('/', async (page) => {
    // The pages share one origin's storage: start from a pane with no destination saved.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const status = page.getByTestId('settings-status');
    const save = page.getByRole('button', { name: '保存', exact: true });
    // An empty address.
    await page.getByRole('radio', { name: /^WebDAV 文件夹/ }).check();
    await save.click();
    await page.getByText('请填写文件夹地址。').waitFor({ timeout: 30_000 });
    await status.getByText('未保存：请按标出的 1 处提示修改后再保存。').waitFor();
    expect(await status.textContent()).not.toMatch(/已保存/);

    // Plain http:// to another machine.
    await page.getByTestId('settings-url').fill('http://files.example.org/dav/');
    await save.click();
    await page.getByText(/^不能用不加密的 http:\/\/ 连接本机以外的服务器/).waitFor({ timeout: 10_000 });
    // The refusal follows a switch of the language, beside its field.
    await page.getByTestId('language').selectOption('en');
    await page.getByText(/^Plain http:\/\/ may only be used with this computer/).waitFor({ timeout: 10_000 });
    await page.getByTestId('language').selectOption('zh-CN');

    // SharePoint with no client ID, in browser mode: two refusals, each beside its own field.
    await page.getByRole('radio', { name: /^SharePoint \/ OneDrive/ }).check();
    await save.click();
    await page
      .getByText('SharePoint / OneDrive 需要在 Excel 中登录，浏览器模式下不能使用。')
      .waitFor({ timeout: 10_000 });
    await page.getByText('请填写应用程序（客户端）ID。').waitFor();
    await status.getByText('未保存：请按标出的 2 处提示修改后再保存。').waitFor();

    // Nothing was stored: a fresh pane still has no destination.
    await page.reload();
    await page.getByRole('radio', { name: /^未设置/ }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('radio', { name: /^未设置/ }).isChecked()).toBe(true);
  }));

test("生成: the built-in catalog's label follows the language switch (and back)", () =>
  onPage('/?view=catalog', async (page) => {
    const label = page.getByTestId('catalog-label');
    await label.getByText(/^内置 2019 年考核目标：2019 年，\d+ 个单位$/).waitFor({ timeout: 30_000 });
    await page.getByTestId('language').selectOption('en');
    await label.getByText(/^Built-in 2019 targets: 2019, \d+ units$/).waitFor({ timeout: 10_000 });
    await page.getByTestId('language').selectOption('zh-CN');
    await label.getByText(/^内置 2019 年考核目标：2019 年，\d+ 个单位$/).waitFor({ timeout: 10_000 });
  }));

test('生成: a targets document that cannot be read — the error follows the language switch (and back)', () =>
  onPage('/?view=catalog', async (page) => {
    await page
      .getByTestId('catalog-label')
      .getByText(/^内置 2019 年考核目标：/)
      .waitFor({ timeout: 30_000 });
    // Not a Word document (no zip inside): the catalog cannot be read.
    await page.getByTestId('catalog-file').setInputFiles({
      name: '坏的目标.docx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('not a zip file'),
    });
    const alert = page.getByRole('alert');
    // The reason is worded (the reader's code is not shown raw), in the CLI's words for the same file.
    await alert
      .getByText('无法打开文件 坏的目标.docx：不是 Word 文档（.docx）：文件无法解压')
      .waitFor({ timeout: 30_000 });

    await page.getByTestId('language').selectOption('en');
    await alert
      .getByText('cannot open 坏的目标.docx: not a Word document (.docx): the file cannot be unzipped')
      .waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).not.toMatch(/无法打开/);

    await page.getByTestId('language').selectOption('zh-CN');
    await alert.getByText(/无法打开文件 坏的目标\.docx/).waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).not.toMatch(/cannot open/);
  }));

/** In the ?view=excel page: waits for `zh` in `where`, switches to English and waits for `en`, then back. */
async function followsSwitch(
  page: import('playwright-core').Page,
  where: import('playwright-core').Locator,
  zh: string,
  en: string,
) {
  await where.getByText(zh, { exact: true }).waitFor({ timeout: 30_000 });
  await page.getByTestId('language').selectOption('en');
  await where.getByText(en, { exact: true }).waitFor({ timeout: 10_000 });
  expect(await where.textContent()).toBe(en);
  await page.getByTestId('language').selectOption('zh-CN');
  await where.getByText(zh, { exact: true }).waitFor({ timeout: 10_000 });
  expect(await where.textContent()).toBe(zh);
}

test('检查 → 检查当前工作簿 fails: the error follows the language switch (and back)', () =>
  onPage('/?view=excel', async (page) => {
    await page.getByRole('button', { name: '检查当前工作簿' }).click();
    await followsSwitch(
      page,
      page.getByTestId('check-result').getByRole('alert'),
      '无法读取文件“退回.xlsx”。',
      'Cannot read the file “退回.xlsx”.',
    );
  }));

test("填报: the live panel's error follows the language switch (and back)", () =>
  onPage('/?view=excel', async (page) => {
    await followsSwitch(
      page,
      page.getByTestId('fill-status').getByRole('alert'),
      '此功能需要在 Excel 中使用。',
      'This needs Excel.',
    );
  }));

test('生成 fails: the error follows the language switch (and back)', () =>
  onPage('/?view=excel', async (page) => {
    await page.getByRole('checkbox', { name: '人事处' }).check();
    await page.getByRole('button', { name: '生成并下载 1 个单位' }).click();
    await followsSwitch(
      page,
      page.getByTestId('generate-status').getByRole('alert'),
      '此功能尚未接入（generate）。',
      'This is not connected yet (generate).',
    );
  }));

test('考核目标总表 → 导出: the 已添加 message follows the language switch (and back)', () =>
  onPage('/?view=excel', async (page) => {
    await page.getByRole('button', { name: '将当前目标导出为考核目标总表' }).click();
    await followsSwitch(
      page,
      page.getByTestId('master-status').getByRole('status'),
      '已添加工作表“考核目标”。',
      'Sheet “考核目标” added.',
    );
  }));

test('考核目标总表 → 读取 fails (no master sheet): the error follows the language switch (and back)', () =>
  onPage('/?view=excel', async (page) => {
    await page.getByRole('button', { name: '从当前工作簿读取考核目标总表' }).click();
    await followsSwitch(
      page,
      page.getByTestId('master-status').getByRole('alert'),
      '工作表“Sheet1”不是考核目标总表：没有找到表头（单位、分组、板块、指标类别、考核项目、考核内容、分值）。',
      'Sheet “Sheet1” is not a master sheet: its header (unit, group, block, category, item, content, weight) was not found.',
    );
  }));

test('设置 → SharePoint / OneDrive (in Excel): the cloud (global, or China operated by 21Vianet) is chosen, saved, and shown again', () =>
  onPage('/?host=excel', async (page) => {
    await page.getByRole('radio', { name: /^SharePoint \/ OneDrive/ }).check();
    await page.getByTestId('settings-client-id').fill('00000000-0000-0000-0000-000000000001');
    const cloud = page.getByTestId('settings-cloud');
    await cloud.getByRole('radio', { name: 'Microsoft 365 全球版' }).waitFor({ timeout: 30_000 });
    expect(await cloud.getByRole('radio', { name: 'Microsoft 365 全球版' }).isChecked()).toBe(true);
    await cloud.getByRole('radio', { name: 'Microsoft 365 中国版（由世纪互联运营）' }).check();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByTestId('settings-status').getByText('已保存。').waitFor({ timeout: 10_000 });
    const stored = await page.evaluate(() => localStorage.getItem('target-sheets.destination'));
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ kind: 'graph', cloud: 'china' });

    await page.reload();
    const again = page
      .getByTestId('settings-cloud')
      .getByRole('radio', { name: 'Microsoft 365 中国版（由世纪互联运营）' });
    await again.waitFor({ timeout: 30_000 });
    expect(await again.isChecked()).toBe(true);
    await page.getByTestId('language').selectOption('en');
    await page
      .getByTestId('settings-cloud')
      .getByRole('radio', { name: 'Microsoft 365 operated by 21Vianet (China)' })
      .waitFor({ timeout: 10_000 });
  }));
