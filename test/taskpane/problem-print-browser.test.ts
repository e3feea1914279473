// 问题清单's print view in Debian's Chromium: the real CheckView with the browser host's operations, bundled as the
// pane is (React's API on Preact). A returned sheet with known problems is checked; 打印问题清单 shows the unit, the
// file, the date and one line per problem — 序号, 考核项目, 单元格, 问题, 处理办法 — equal to the use case's lines for
// the same bytes (src/app/problem-list.ts), opens the print dialog once, and on paper (print media) only the view
// shows, without its buttons.
import PANE_REACT_ALIAS from '../../scripts/pane-react-alias.json';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateWorkbookBytes } from '../../src/app/check';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { problemList } from '../../src/app/problem-list';
import { createTranslator } from '../../src/i18n';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fill, template } from '../integration/validate-corpus';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/static-server';

const root = path.resolve(__dirname, '../..');

let browser: Browser;
let work: string;
let server: StaticServer;

const ENTRY = `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { CheckView } from './src/taskpane/views/CheckView';
import { createOperations } from './src/taskpane/create-operations';

createRoot(document.getElementById('root')).render(
  <FluentProvider theme={webLightTheme}>
    <I18nextProvider i18n={createPaneI18n('zh-CN')}>
      <h1>检查</h1>
      <CheckView ops={createOperations({ kind: 'browser' })} />
    </I18nextProvider>
  </FluentProvider>,
);
`;

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-pane-print-'));
  const web = path.join(work, 'web');
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'tsx' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    outfile: path.join(web, 'bundle.js'),
    logLevel: 'error',
    jsx: 'automatic',
    // The pane's runtime: React's API on Preact, as webpack builds it.
    alias: { ...PANE_REACT_ALIAS },
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.txt': 'text' },
  });
  writeFileSync(
    path.join(web, 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>检查</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );
  server = await serveStatic(web);
  browser = await launchChromium();
}, 180_000); // bundling Preact and Fluent on a loaded two-core machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('打印问题清单: unit, file, date and the lines 序号 / 考核项目 / 单元格 / 问题 / 处理办法; only the view prints', async () => {
  const unit = catalog2019.units[0]!;
  // Item 3 scored above its weight, item 4 below it with no reason: two problems with their 序号 and 考核项目.
  const bytes = await edit(await template(unit), (e) =>
    fill(e, (i, weight) =>
      i === 2
        ? { completion: '已完成', self: weight + 1 }
        : i === 3
          ? { completion: '基本完成', self: Math.max(0, weight - 1) }
          : { completion: '已完成', self: weight },
    ),
  );
  const name = `退回-${unit.name}.xlsx`;
  const expected = problemList(validateWorkbookBytes(bytes), name, loadEmbeddedCatalog(), createTranslator('zh-CN'));
  expect(expected.lines.length).toBeGreaterThanOrEqual(2);
  expect(expected.lines.some((l) => l.seq === '3' && l.item === unit.items[2]!.item)).toBe(true);

  const page = await browser.context.newPage();
  try {
    await page.clock.setFixedTime(new Date(2019, 11, 20, 10, 0, 0));
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.goto(server.origin);
    await page.getByTestId('check-file').setInputFiles({
      name,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(bytes),
    });
    await page.getByRole('button', { name: '打印问题清单' }).click({ timeout: 60_000 });
    const view = page.getByTestId('problem-print');
    await view.waitFor({ timeout: 30_000 });

    const meta = await view.evaluate((el) => (el as HTMLElement).innerText);
    expect(meta).toContain('问题清单');
    expect(meta).toContain(`单位：${unit.name}`);
    expect(meta).toContain(`文件：${name}`);
    expect(meta).toContain('检查日期：2019-12-20');
    const header = await view.locator('thead th').allTextContents();
    expect(header).toEqual(['序号', '考核项目', '单元格', '问题', '处理办法']);
    const rows = await view
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toEqual(expected.lines.map((l) => [l.seq ?? '', l.item ?? '', l.cell ?? '', l.problem, l.action]));
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // On paper: the view, not the pane around it nor the view's own buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await view.locator('tbody tr').first().isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '检查', exact: true }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '下载问题清单' }).isVisible()).toBe(false);
    expect(await view.getByRole('button', { name: '关闭' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.getByRole('button', { name: '下载问题清单' }).isVisible()).toBe(true);
  } finally {
    await page.close();
  }
});
