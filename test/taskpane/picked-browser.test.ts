// 汇总 and 检查 in browser mode over picked files — the real CollectView and CheckView with the browser host's
// operations, bundled and run in Debian's Chromium. A picked folder of returned sheets — valid, invalid, two from
// one unit, a foreign file, in subfolders — gives a downloaded summary with the same units, totals and ranks as
// `collect` (src/app/collect) makes from the same files on disk; 取消 during a run downloads nothing. 检查 takes the
// same five files at once: a list with unit, 通过 / 未通过 / 无法识别 and 自评总分; opening one shows its problems,
// and its 问题清单 downloads as an .xlsx named for the unit, holding the lines of src/app/problem-list.ts.
import PANE_REACT_ALIAS from '../../scripts/pane-react-alias.json';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateWorkbookBytes } from '../../src/app/check';
import { collect } from '../../src/app/collect/collect';
import { problemList } from '../../src/app/problem-list';
import { createTranslator } from '../../src/i18n';
import { summaryFile } from '../../src/app/collect/summary-file';
import { summaryTextsFor } from '../../src/app/collect/texts';
import { summaryToSheets } from '../../src/core/collect/sheets';
import { createDiskFolder } from '../../src/folders/disk';
import { catalog2019 } from '../core/validate/fixture';
import { edit, fill, fillCorrectly, template } from '../integration/validate-corpus';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { serveStatic, type StaticServer } from '../support/static-server';

const root = path.resolve(__dirname, '../..');

let browser: Browser;
let work: string;
let returned: string;
let server: StaticServer;

const ENTRY = `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { CollectView } from './src/taskpane/views/CollectView';
import { CheckView } from './src/taskpane/views/CheckView';
import { createOperations } from './src/taskpane/create-operations';

createRoot(document.getElementById('root')).render(
  <FluentProvider theme={webLightTheme}>
    <I18nextProvider i18n={createPaneI18n('zh-CN')}>
      {location.search === '?check' ? (
        <CheckView ops={createOperations({ kind: 'browser' })} />
      ) : (
        <CollectView ops={createOperations({ kind: 'browser' })} />
      )}
    </I18nextProvider>
  </FluentProvider>,
);
`;

const [unitA, unitB, unitC] = catalog2019.units;

/** Writes a returned sheet at `relative` under the picked folder, with its modification time. */
function put(relative: string, bytes: Uint8Array, modified: string) {
  const file = path.join(returned, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  utimesSync(file, new Date(modified), new Date(modified));
}

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-pane-collect-'));
  returned = path.join(work, '收到的表');
  const web = path.join(work, 'web');
  mkdirSync(web);
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
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>汇总</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );

  const valid = await edit(await template(unitA!), fillCorrectly);
  // A self score above the item's weight: an invalid sheet.
  const invalid = await edit(await template(unitB!), (e) =>
    fill(e, (_, weight) => ({ completion: '已完成', self: weight + 5 })),
  );
  const c = await template(unitC!);
  const older = await edit(c, (e) => fill(e, (_, weight) => ({ completion: '已完成', self: weight })));
  const newer = await edit(c, fillCorrectly);
  const foreign = new ExcelJS.Workbook();
  foreign.addWorksheet('Sheet1').addRow(['不是考核表', 1, 2]);
  put('邮件/第一批/a.xlsx', valid, '2020-01-05T08:00:00.000Z');
  put('邮件/第一批/b.xlsx', invalid, '2020-01-06T08:00:00.000Z');
  put('优盘/c-初稿.xlsx', older, '2020-01-07T08:00:00.000Z');
  put('优盘/c-修改后.xlsx', newer, '2020-01-09T08:00:00.000Z');
  put('其他/通讯录.xlsx', new Uint8Array(await foreign.xlsx.writeBuffer()), '2020-01-08T08:00:00.000Z');
  writeFileSync(path.join(returned, '说明.txt'), '不是表格');

  server = await serveStatic(web);
  browser = await launchChromium();
}, 180_000); // bundling React and Fluent and rendering four templates on a loaded two-core machine

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every worksheet's cell values, by sheet name, as text. */
async function values(bytes: Uint8Array): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => cells.push(JSON.stringify(cell.value)));
      rows.push(cells);
    });
    out[sheet.name] = rows;
  });
  return out;
}

test('汇总 over a picked folder downloads the summary `collect` makes from the same files', async () => {
  const expected = await collect(createDiskFolder(returned), { catalog: catalog2019 });
  // The folder holds what the issue asks for: a valid and an invalid sheet, two from one unit, a foreign file.
  expect(expected.files).toBe(5);
  expect(expected.summary.units.map((u) => [u.name, u.status])).toEqual(
    expect.arrayContaining([
      [unitA!.name, 'valid'],
      [unitB!.name, 'invalid'],
      [unitC!.name, 'valid'],
    ]),
  );
  const expectedFile = await summaryFile(summaryToSheets(expected.summary, summaryTextsFor('zh-CN')));

  const page = await browser.context.newPage();
  try {
    await page.goto(server.origin);
    await page
      .getByTestId('collect-catalog')
      .getByText(/^内置 2019 年考核目标/)
      .waitFor({ timeout: 30_000 });
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('collect-folder').setInputFiles(returned);
    const download = await downloading;
    const status = page.getByTestId('collect-status');
    await status.getByText(/^已读取 5 个文件：/).waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toContain(`已下载 ${download.suggestedFilename()}`);
    const got = await values(new Uint8Array(readFileSync(await download.path())));
    expect(got).toEqual(await values(expectedFile));
    // Not two empty books: the three units and the foreign file are in it.
    const text = JSON.stringify(got);
    for (const name of [unitA!.name, unitB!.name, unitC!.name, '通讯录.xlsx']) expect(text).toContain(name);
  } finally {
    await page.close();
  }
});

test('汇总 over picked files: 取消 stops the run and nothing is downloaded', async () => {
  const page = await browser.context.newPage();
  let downloads = 0;
  page.on('download', () => downloads++);
  try {
    await page.goto(server.origin);
    await page
      .getByTestId('collect-catalog')
      .getByText(/^内置 2019 年考核目标/)
      .waitFor({ timeout: 30_000 });
    // Many copies of one sheet: the run lasts long enough to be cancelled between files.
    const bytes = readFileSync(path.join(returned, '邮件', '第一批', 'a.xlsx'));
    const files = Array.from({ length: 300 }, (_, i) => ({
      name: `a-${i}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: bytes,
    }));
    await page.getByTestId('collect-files').setInputFiles(files);
    // Once the first file is checked (the run is under way), 取消 — dispatched, not clicked at a point: the
    // progress line redraws under the pointer while files are read.
    await page
      .getByTestId('collect-status')
      .getByText(/^已检查 \d+\/300：/)
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '取消' }).dispatchEvent('click');
    await page.getByTestId('collect-status').getByText('已取消：没有生成汇总。').waitFor({ timeout: 60_000 });
    expect(downloads).toBe(0);
  } finally {
    await page.close();
  }
});

test('检查 with 5 files at once: a list with unit, result and 自评总分; opening one shows its problems', async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.origin}/?check`);
    await page.getByTestId('check-folder').setInputFiles(returned);
    // What `validate` says of each file on disk: its unit, its result and its 自评总分.
    const WORDS = { valid: '通过', invalid: '未通过', unreadable: '无法识别' } as const;
    const expected = new Map(
      ['邮件/第一批/a.xlsx', '邮件/第一批/b.xlsx', '优盘/c-初稿.xlsx', '优盘/c-修改后.xlsx', '其他/通讯录.xlsx'].map(
        (p) => {
          const report = validateWorkbookBytes(readFileSync(path.join(returned, ...p.split('/'))));
          const self = report.totals ? String(Math.round(report.totals.self * 100) / 100) : '';
          return [`收到的表/${p}`, [report.unit ?? '', WORDS[report.status], self]];
        },
      ),
    );
    const count = (word: string) => [...expected.values()].filter((r) => r[1] === word).length;
    expect([count('通过'), count('未通过'), count('无法识别')]).toEqual([3, 1, 1]);
    const status = page.getByTestId('check-many-status');
    await status.getByText('已检查 5 个文件：通过 3，未通过 1，无法识别 1。').waitFor({ timeout: 60_000 });
    const rows = await page
      .getByTestId('check-list')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(new Map(rows.map((r) => [r[0]!, r.slice(1)]))).toEqual(expected);

    // The foreign file says 无法识别, not "未通过：1 个错误".
    await page.getByRole('button', { name: '收到的表/其他/通讯录.xlsx' }).click();
    const opened = page.getByTestId('check-opened');
    await expect(opened.getByTestId('report-status').textContent()).resolves.toMatch(/^无法识别/);
    await page.getByRole('button', { name: '返回列表' }).click();
    // The invalid sheet lists its problems.
    await page.getByRole('button', { name: '收到的表/邮件/第一批/b.xlsx' }).click();
    await expect(opened.getByTestId('report-status').textContent()).resolves.toMatch(/^未通过：\d+ 个错误$/);
    expect(await opened.getByTestId('issue-list').getByRole('listitem').count()).toBeGreaterThan(0);

    // Its 问题清单, downloaded: an .xlsx named for the unit whose lines are the use case's for the same file.
    const downloading = page.waitForEvent('download');
    await opened.getByRole('button', { name: '下载问题清单' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${unitB!.name}-问题清单.xlsx`);
    await opened.getByTestId('problem-list-status').getByText(`已下载 ${unitB!.name}-问题清单.xlsx。`).waitFor();
    const bytes = readFileSync(path.join(returned, '邮件', '第一批', 'b.xlsx'));
    const zh = createTranslator('zh-CN');
    const list = problemList(validateWorkbookBytes(bytes), 'b.xlsx', catalog2019, zh);
    expect(list.lines.length).toBeGreaterThan(0);
    expect(list.lines.every((l) => l.seq !== null && l.item !== null)).toBe(true);
    const got = await values(new Uint8Array(readFileSync(await download.path())));
    expect(got['问题清单']!.slice(2)).toEqual(
      list.lines.map((l) => [l.seq, l.item, l.cell, l.problem, l.action].map((v) => JSON.stringify(v))),
    );
  } finally {
    await page.close();
  }
});
