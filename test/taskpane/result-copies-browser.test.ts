// 回传评分结果 in browser mode over a picked folder — the real CollectView with the browser host's operations,
// bundled and run in Debian's Chromium. The folder holds the 办公室's returned sheet and the 考核组's scoring
// workbook, scored for it (as a scorer would return it); picking it downloads one zip, named for the year and the
// count, holding the 办公室's result copy: a result copy to `validate`, its 考核得分 the scores written, its assessed
// total their sum. The other units are listed as not returned.
import { build } from 'esbuild';
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEmbeddedCatalog } from '../../src/app/catalog-source';
import { checkWorkbookBytes } from '../../src/app/check';
import { review } from '../../src/app/review';
import { createDiskFolder } from '../../src/folders/disk';
import { COLUMN_NUMBER } from '../../src/core/plan/columns';
import { fromHundredths, toHundredths } from '../../src/core/scoring';
import { SheetGrid } from '../../src/core/validate/sheet';
import { readWorkbook } from '../../src/xlsx/read';
import { edit, fill, template } from '../integration/validate-corpus';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { scoreWorkbook } from '../support/score-workbook';
import { serveStatic, type StaticServer } from '../support/static-server';

const root = path.resolve(__dirname, '../..');
const catalog = loadEmbeddedCatalog();
const office = catalog.units.find((u) => u.name === '办公室')!;

let browser: Browser;
let work: string;
let picked: string;
let server: StaticServer;
let written: number[];

const ENTRY = `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { CollectView } from './src/taskpane/views/CollectView';
import { createOperations } from './src/taskpane/create-operations';

createRoot(document.getElementById('root')).render(
  <FluentProvider theme={webLightTheme}>
    <I18nextProvider i18n={createPaneI18n('zh-CN')}>
      <CollectView ops={createOperations({ kind: 'browser' })} />
    </I18nextProvider>
  </FluentProvider>,
);
`;

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-pane-results-'));
  picked = path.join(work, '收到的表');
  const web = path.join(work, 'web');
  mkdirSync(web);
  mkdirSync(path.join(picked, '评分表'), { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'tsx' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    outfile: path.join(web, 'bundle.js'),
    logLevel: 'error',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.txt': 'text' },
  });
  writeFileSync(
    path.join(web, 'index.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>评分结果</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );
  const sheet = await edit(await template(office), (e) =>
    fill(e, (i, weight) => ({ completion: `完成 ${i}`, self: weight })),
  );
  writeFileSync(path.join(picked, '办公室.xlsx'), sheet);
  const built = await review(createDiskFolder(picked), { catalog, createdAt: '2019-12-25T00:00:00.000Z' });
  const team = built.workbooks.find((w) => w.scorer === '考核组')!;
  const teamFile = path.join(work, team.name);
  writeFileSync(teamFile, team.bytes);
  written = (await scoreWorkbook(catalog, teamFile, new Set([office.id]))).get(office.id)!;
  writeFileSync(path.join(picked, '评分表', '考核组.xlsx'), readFileSync(teamFile.replace(/\.xlsx$/, '-scored.xlsx')));
  server = await serveStatic(web);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('回传评分结果 over a picked folder downloads one zip with the unit’s result copy', async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(server.origin);
    await page
      .getByTestId('collect-catalog')
      .getByText(/^内置 2019 年考核目标/)
      .waitFor({ timeout: 30_000 });
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('result-copies-folder').setInputFiles(picked);
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('2019年度评分结果（1个单位）.zip');
    const status = page.getByTestId('results-status');
    await status.getByText('已下载 2019年度评分结果（1个单位）.zip（1 份评分结果）。').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('results-not-returned').textContent()).toMatch(
      new RegExp(`^没有通过检查的交回的考核目标评分表，未生成（${catalog.units.length - 1} 个）：`),
    );

    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(Object.keys(files)).toEqual(['办公室-评分结果.xlsx']);
    const bytes = files['办公室-评分结果.xlsx']!;
    const checked = checkWorkbookBytes(bytes, { catalog });
    expect(checked.kind).toBe('result');
    expect([checked.report.status, checked.report.issues]).toEqual(['valid', []]);
    const assessed = fromHundredths(written.reduce((s, v) => s + toHundredths(v), 0));
    expect(checked.report.totals).toEqual({ weight: 100, self: 100, assessed });
    // The 考核得分 column shows the scores written (the 考核组's items: every one but the owned party items).
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(read.failure.code);
    const grid = new SheetGrid(read.contents.sheets[0]!);
    const shown: number[] = [];
    for (let row = 5; row <= grid.maxRow; row++) {
      const v = grid.value(row, COLUMN_NUMBER.assessedScore);
      if (typeof v === 'number' && typeof grid.value(row, COLUMN_NUMBER.seq) === 'number') shown.push(v);
    }
    expect(shown.sort()).toEqual([...written].sort());
  } finally {
    await page.close();
  }
}, 120_000);
