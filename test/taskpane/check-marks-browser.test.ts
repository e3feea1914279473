// 检查 of the open workbook, then 在表中标出问题 and 清除标记, as the clerk clicks them. Everything below the pane is
// real and runs in Debian's Chromium, bundled by esbuild: the CheckView, the pane's Excel operations
// (createOperations → engine/office.ts → src/office's check and marks), the core validator — over the Excel
// stand-in (test/office/excel-mock.ts), which calculates, protects the sheet and holds each cell's fill. The sheet
// is generated into the stand-in by insertPlans, as 生成 does; the unit's entries are made through the stand-in.
// The test waits for what the pane shows; it never sleeps.
import PANE_REACT_ALIAS from '../../scripts/pane-react-alias.json';
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { parseCell } from '../../src/core/address';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/static-server';
import { officeTypes } from '../office/office-types';
import { plans2019 } from '../office/real-plans';
import { returnedUnit } from '../office/returned';

const root = path.resolve(__dirname, '../..');
// The unit the page generates: the first bureau of the embedded 2019 catalog, as plans2019 builds it here.
const plan = plans2019()[0]!;
const { cell, weight } = returnedUnit(plan);
const items = plan.layout.itemRows;
const MARK = '#FFC7CE';

let browser: Browser;
let work: string;
let server: StaticServer;

const ENTRY = (typesJson: string) => `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { CheckView } from './src/taskpane/views/CheckView';
import { createOperations } from './src/taskpane/create-operations';
import { readCatalogText } from './src/core/catalog/build';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from './src/seeds/embedded';
import { planUnits } from './src/app/plan';
import { insertPlans } from './src/office/render-plan';
import { FakeExcel } from './test/office/excel-mock';
import { setOfficeTypes } from './test/office/office-types';
import types from ${JSON.stringify(typesJson)};

setOfficeTypes(types);
const fake = new FakeExcel();
fake.install();
window.fake = fake;
const catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
const unit = catalog.units.find((u) => u.id === ${JSON.stringify(plan.metadata.unitId)});
insertPlans(planUnits(catalog, [unit])).then((result) => {
  window.generated = result.sheets[0].sheetName;
  createRoot(document.getElementById('root')).render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createPaneI18n('zh-CN')}>
        <CheckView ops={createOperations({ kind: 'excel', platform: 'PC' })} />
      </I18nextProvider>
    </FluentProvider>,
  );
});
`;

/** Node's modules, which the stand-in's declaration reader would use; the page is given the table instead. */
const noNodeModules: Plugin = {
  name: 'no-node-modules',
  setup(b) {
    b.onResolve({ filter: /^node:(fs|path)$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        'export const readFileSync = () => { throw new Error("no files in the page"); }; export const existsSync = () => false; export default { join: (...p) => p.join("/") };',
    }));
  },
};

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-check-marks-'));
  const typesJson = path.join(work, 'office-types.json');
  writeFileSync(typesJson, JSON.stringify(officeTypes()));
  await build({
    stdin: { contents: ENTRY(typesJson), resolveDir: root, loader: 'tsx' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    outfile: path.join(work, 'bundle.js'),
    logLevel: 'error',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', __dirname: '"/"' },
    loader: { '.txt': 'text' },
    // The pane's runtime (React's API on Preact, as webpack builds it), and the manifest reader's browser part.
    alias: {
      ...PANE_REACT_ALIAS,
      'office-addin-manifest': path.join(root, 'node_modules/office-addin-manifest/lib/officeApp.js'),
    },
    plugins: [noNodeModules],
  });
  writeFileSync(
    path.join(work, 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>检查</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );
  server = await serveStatic(work);
  browser = await launchChromium();
}, 180_000); // bundling React, Fluent and HyperFormula, then starting Chromium, on a loaded two-core machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A unit's edit in the workbook (typing), through the stand-in in the page. */
async function edit(page: Page, address: string, value: string | number): Promise<void> {
  await page.evaluate(
    ([a, v]) =>
      (window as unknown as { fake: { edit(s: string, a: string, v: unknown): Promise<void> } }).fake.edit(
        (window as unknown as { generated: string }).generated,
        a as string,
        v,
      ),
    [address, value] as const,
  );
}

/** The unit's sheet as the stand-in holds it: every cell's fill ("row,col" → colour and pattern) and its protection. */
function sheetState(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as {
      fake: { sheet(name: string): { fills: Map<string, unknown>; protected: boolean; protectOptions: unknown } };
      generated: string;
    };
    const sheet = w.fake.sheet(w.generated);
    return { fills: Object.fromEntries(sheet.fills), protected: sheet.protected, options: sheet.protectOptions };
  });
}

const keyOf = (address: string) => `${parseCell(address).row},${parseCell(address).col}`;

test('检查当前工作簿, 在表中标出问题 fills exactly the problem cells, 清除标记 gives every fill back; the sheet stays protected', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${server.origin}/`);
    const check = page.getByRole('button', { name: '检查当前工作簿' });
    await check.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => typeof (window as unknown as { generated?: string }).generated === 'string');
    // Every item filled in; three scores above their 分值.
    for (let i = 0; i < items.length; i++) {
      await edit(page, cell('completion', i), '已完成');
      await edit(page, cell('selfScore', i), i < 3 ? weight(i) + 1 : weight(i));
    }
    const before = await sheetState(page);
    expect(before.protected).toBe(true);

    // Nothing to mark before a check.
    await expect(page.getByRole('button', { name: '在表中标出问题' }).count()).resolves.toBe(0);
    await check.click();
    await page.getByTestId('report-status').getByText('未通过：3 个错误').waitFor();
    await page.getByRole('button', { name: '在表中标出问题' }).click();
    await page.getByText(`已在工作表“${plan.sheetName}”中用浅红色标出 3 个单元格`, { exact: false }).waitFor();

    const marked = await sheetState(page);
    const problems = [0, 1, 2].map((i) => keyOf(cell('selfScore', i)));
    const changed = Object.keys({ ...before.fills, ...marked.fills }).filter(
      (key) => JSON.stringify(before.fills[key]) !== JSON.stringify(marked.fills[key]),
    );
    expect(changed.sort()).toEqual([...problems].sort());
    for (const key of problems) expect(marked.fills[key]).toEqual({ color: MARK, pattern: 'Solid' });
    expect(marked.protected).toBe(true);
    expect(marked.options).toEqual(before.options);

    await page.getByRole('button', { name: '清除标记' }).click();
    await page.getByText('已清除标记，单元格恢复原来的底色。').waitFor();
    expect(await sheetState(page)).toEqual(before);
    await expect(page.getByRole('button', { name: '清除标记' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});
