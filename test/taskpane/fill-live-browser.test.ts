// 填报 shows the live problem list of a real unit's sheet, and a click on a problem selects its cell. Everything
// below the pane is real and runs in Debian's Chromium, bundled by esbuild: the FillView, the pane's Excel
// operations (createOperations → engine/office.ts → src/office's live check and selectCell, with its real 250 ms
// pause), the core validator — over the Excel stand-in (test/office/excel-mock.ts), which calculates with its
// formula engine and protects the sheet. The sheet is generated into the stand-in by insertPlans, as 生成 does.
// The test edits the workbook through the stand-in (as a unit typing or pasting) and waits for what the pane
// shows; it never sleeps.
import PANE_REACT_ALIAS from '../../scripts/pane-react-alias.json';
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { cellAddress } from '../../src/core/address';
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

let browser: Browser;
let work: string;
let server: StaticServer;

const ENTRY = (typesJson: string) => `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { FillView } from './src/taskpane/views/FillView';
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
        <FillView ops={createOperations({ kind: 'excel', platform: 'PC' })} />
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
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-fill-live-'));
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
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>填报</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );
  server = await serveStatic(work);
  browser = await launchChromium();
}, 180_000); // bundling React, Fluent and HyperFormula, then starting Chromium, on a loaded two-core machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The problems the pane lists, as [code, cell shown]. */
function listed(page: Page): Promise<string[][]> {
  return page
    .getByTestId('issue-list')
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => [li.getAttribute('data-code') ?? '', li.querySelector('button')?.textContent ?? '']),
    );
}

/** A unit's edit in the workbook (typing or pasting), through the stand-in in the page. */
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

test('填报 lists the sheet’s real problems after each pause, and clicking one selects its cell in Excel', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${server.origin}/`);
    // The first pass: a freshly generated sheet, nothing entered yet: one line says so.
    const heading = page.getByRole('heading', { name: '问题（1）' });
    await heading.waitFor({ timeout: 60_000 });
    expect(await listed(page)).toEqual([['sheet-not-filled', cell('completion', 0)]]);

    // The unit fills the first two items, then pastes 99 over the next two scores and types one in words.
    await edit(page, cell('completion', 0), '已完成');
    await edit(page, cell('selfScore', 0), weight(0));
    await edit(page, cell('selfScore', 1), weight(1) - 1);
    await edit(page, `${cell('selfScore', 2)}:${cell('selfScore', 3)}`, 99);
    await edit(page, cell('selfScore', 4), '九十');
    // Items 2 to 5 have a 自评得分 but no 完成情况: each is named at its 完成情况 cell first.
    const expected = [
      ['completion-missing', cell('completion', 1)],
      ['deduction-reason-missing', cell('deductionReason', 1)],
      ['completion-missing', cell('completion', 2)],
      ['self-score-above-weight', cell('selfScore', 2)],
      ['completion-missing', cell('completion', 3)],
      ['self-score-above-weight', cell('selfScore', 3)],
      ['completion-missing', cell('completion', 4)],
      ['self-score-not-a-number', cell('selfScore', 4)],
      ...items.slice(5).map((_, i) => ['self-score-missing', cell('selfScore', i + 5)]),
    ];
    await page.getByRole('heading', { name: `问题（${expected.length}）` }).waitFor({ timeout: 30_000 });
    expect(await listed(page)).toEqual(expected);
    // The totals the pane shows are Excel's recalculated ones: 合计 of the numbers typed.
    const self = weight(0) + weight(1) - 1 + 99 + 99;
    await page
      .getByRole('table')
      .getByText(`${Math.round(self * 100) / 100} / 100`)
      .waitFor();
    await expect(page.getByTestId('report-status').textContent()).resolves.toBe(`未通过：${expected.length} 个错误`);

    // A click on a problem selects its cell on the unit's sheet.
    await page.getByRole('button', { name: new RegExp(`^转到单元格 ${cell('selfScore', 3)}：`) }).click();
    await page.waitForFunction(
      (address) =>
        (window as unknown as { fake: { selection: { address: string } | null } }).fake.selection?.address === address,
      cell('selfScore', 3),
    );
    const selection = await page.evaluate(() => (window as unknown as { fake: { selection: unknown } }).fake.selection);
    expect(selection).toEqual({ sheet: plan.sheetName, address: cell('selfScore', 3) });
    expect(cellAddress(items[3]!.row, plan.layout.columns.selfScore)).toBe(cell('selfScore', 3));
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});
