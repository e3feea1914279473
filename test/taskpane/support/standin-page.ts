// A pane view in Debian's Chromium over the Excel stand-in: esbuild bundles the view with the pane's real Excel
// operations (createOperations → engine/office.ts → src/office), the core validator and the stand-in
// (test/office/excel-mock.ts, which calculates, protects and holds fills); the page generates one unit's sheet into
// the stand-in by insertPlans, as 生成 does, then renders the view. Tests reach the stand-in as `window.fake` and the
// generated sheet's name as `window.generated`. Used by the 填报 and 检查 browser tests.
import PANE_REACT_ALIAS from '../../../scripts/pane-react-alias.json';
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, requireChromium, type Browser } from '../../support/browser';
import { serveStatic, type StaticServer } from '../../support/static-server';
import { officeTypes } from '../../office/office-types';

const root = path.resolve(__dirname, '../../..');

/** The view to show: its export name in `src/taskpane/views/<name>.tsx`. */
export type StandInView = 'FillView' | 'CheckView';

const entry = (view: StandInView, unitId: string, typesJson: string) => `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { ${view} } from './src/taskpane/views/${view}';
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
const unit = catalog.units.find((u) => u.id === ${JSON.stringify(unitId)});
insertPlans(planUnits(catalog, [unit])).then((result) => {
  window.generated = result.sheets[0].sheetName;
  createRoot(document.getElementById('root')).render(
    <FluentProvider theme={webLightTheme}>
      <I18nextProvider i18n={createPaneI18n('zh-CN')}>
        <${view} ops={createOperations({ kind: 'excel', platform: 'PC' })} />
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

export interface StandInPage {
  browser: Browser;
  server: StaticServer;
}

/**
 * Registers beforeAll/afterAll that bundle `view` for the unit `unitId`, serve it on 127.0.0.1 and start Chromium;
 * the returned object holds the browser and server once beforeAll has run.
 */
export function useStandInPage(view: StandInView, unitId: string, title: string): StandInPage {
  const page = {} as StandInPage;
  let work = '';
  beforeAll(async () => {
    requireChromium();
    work = mkdtempSync(path.join(os.tmpdir(), `ts-${view.toLowerCase()}-`));
    const typesJson = path.join(work, 'office-types.json');
    writeFileSync(typesJson, JSON.stringify(officeTypes()));
    await build({
      stdin: { contents: entry(view, unitId, typesJson), resolveDir: root, loader: 'tsx' },
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
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${title}</title><div id="root"></div><script src="/bundle.js"></script></html>`,
    );
    page.server = await serveStatic(work);
    page.browser = await launchChromium();
  }, 180_000); // bundling Preact, Fluent and HyperFormula, then starting Chromium, on a loaded two-core machine

  afterAll(async () => {
    await page.browser?.close();
    await page.server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  return page;
}

/** A unit's edit in the workbook (typing or pasting), through the stand-in in the page. */
export async function editInPage(page: Page, address: string, value: string | number): Promise<void> {
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
