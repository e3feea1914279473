// 设置 › 考核设置, 结果 and 归档 in browser mode — the real SettingsView and ResultsView with the browser host's
// operations, bundled and run in Debian's Chromium, against a real WebDAV server (Apache mod_dav, CORS for the
// page's origin). 保存 refuses a rule-breaking setting at its fields with the core's reasons and stores nothing; the
// saved setting is the one 结果 uses: over a picked folder with a register and a survey, the table shows the
// figures `collect --json --settings --register --survey` prints for the same files (final, grade, rank), the bad
// register row is reported by its cell, and the downloaded .xlsx has 考核结果. 归档 writes into the WebDAV share's
// 2019/archive/, and verifyArchive on that folder passes; over a picked folder (no shared folder) 归档 downloads a .zip
// whose unpacked folder verifies too. Screenshot in test-artifacts/results/.
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { verifyArchive } from '../../src/app/archive';
import { pushFile } from '../../src/core/folders/push';
import { returnedPath } from '../../src/core/folders/layout';
import { sha256Hex } from '../../src/core/hash/sha256';
import type { Settings } from '../../src/core/results/model';
import { settingsToJson } from '../../src/core/results/settings-schema';
import { createWebDavFolder } from '../../src/folders/webdav';
import { createDiskFolder } from '../../src/folders/disk';
import { unzipSync } from 'fflate';
import { catalog2019 } from '../core/validate/fixture';
import { edit, template } from '../integration/validate-corpus';
import { startApache, type ApacheServer } from '../support/apache';
import { launchChromium, requireChromium, type Browser } from '../support/browser';
import { cli } from '../support/cli';
import { scored, sheetFile } from '../support/results-fixtures';
import { serveStatic, type StaticServer } from '../support/static-server';

const root = path.resolve(__dirname, '../..');
/** Screenshots (the result table in a 320 px pane). */
const ARTIFACTS = path.join(root, 'test-artifacts', 'results');

const ENTRY = `
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { createPaneI18n } from './src/taskpane/i18n';
import { SettingsView } from './src/taskpane/views/SettingsView';
import { ResultsView } from './src/taskpane/views/ResultsView';
import { createOperations } from './src/taskpane/create-operations';
import { NO_DESTINATION, saveDestination } from './src/taskpane/engine/settings';

const query = new URLSearchParams(location.search);
// ?dav=URL&user=U&password=P: the shared folder, as 设置 would save it (the password for this session only).
const dav = query.get('dav');
if (dav) saveDestination({ ...NO_DESTINATION, kind: 'webdav', url: dav, user: query.get('user') }, query.get('password'));
const ops = createOperations({ kind: 'browser' });
createRoot(document.getElementById('root')).render(
  <FluentProvider theme={webLightTheme}>
    <I18nextProvider i18n={createPaneI18n('zh-CN')}>
      {query.get('view') === 'results' ? <ResultsView ops={ops} /> : <SettingsView ops={ops} />}
    </I18nextProvider>
  </FluentProvider>,
);
`;

const SOUND: Settings = {
  weights: { self: 20, assessed: 60, survey: 20 },
  grades: [
    { name: '优秀', min: 95 },
    { name: '良好', min: 90 },
    { name: '不合格', min: 0 },
  ],
  quota: { grade: '优秀', share: 0.3 },
  bonusCap: 5,
};

const city = catalog2019.units.filter((u) => u.group === 'city');
let browser: Browser;
let server: StaticServer;
let apache: ApacheServer;
let work: string;
let returned: string;
let registerFile: string;
let surveyFile: string;

beforeAll(async () => {
  requireChromium();
  work = mkdtempSync(path.join(os.tmpdir(), 'ts-pane-results-'));
  returned = path.join(work, '交回');
  const web = path.join(work, 'web');
  mkdirSync(returned);
  mkdirSync(web);
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
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>结果</title><div id="root"></div><script src="/bundle.js"></script></html>',
  );
  server = await serveStatic(web);
  apache = await startApache({ corsOrigin: server.origin });
  const share = createWebDavFolder({ url: apache.url, username: apache.user, password: apache.password });

  // Five city bureaus' returned sheets, assessed and not: in a local folder (picked) and in the share.
  const offs: Array<[number, number | null]> = [
    [0, 0],
    [1, 2],
    [2, 2],
    [0, 5],
    [1, null],
  ];
  for (const [i, [selfOff, assessedOff]] of offs.entries()) {
    const unit = city[i]!;
    // Template version 1: its 考核得分 are open to the assessment team (as the result tests fill them).
    const bytes = await edit(await template(unit, 1), scored(selfOff, assessedOff));
    writeFileSync(path.join(returned, `${unit.name}.xlsx`), bytes);
    await pushFile(
      share,
      returnedPath(2019, unit.name, new Date(`2020-01-0${i + 2}T08:00:00Z`), sha256Hex(bytes)),
      bytes,
    );
  }
  registerFile = path.join(work, '加减分台账.xlsx');
  writeFileSync(
    registerFile,
    await sheetFile([
      ['单位', '类型', '分值', '事由', '文号', '日期'],
      [city[0]!.name, '加分', 4, '国家级表彰', '', ''],
      [city[0]!.name, '加分', 3, '省级表彰', '', ''],
      [city[1]!.name, '扣分', 1.5, '通报批评', '', ''],
      [city[2]!.name, '一票否决', null, '安全生产事故', '', ''],
      [city[3]!.name, '加分', '三分', '表彰', '', ''],
    ]),
  );
  surveyFile = path.join(work, '民主测评.xlsx');
  writeFileSync(
    surveyFile,
    await sheetFile([['单位', '优秀', '良好', '一般', '差'], ...city.map((u, i) => [u.name, 20 + i, 5, i % 3, 0])]),
  );
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await apache?.stop();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const daves = () =>
  `dav=${encodeURIComponent(apache.url)}&user=${encodeURIComponent(apache.user)}&password=${encodeURIComponent(apache.password)}`;

async function rulesPanel(page: Page): Promise<void> {
  await page.goto(`${server.origin}/?view=settings`);
  await page
    .getByTestId('rules-catalog')
    .getByText(/^内置 2019 年考核目标/)
    .waitFor({ timeout: 30_000 });
}

/** An error message Fluent shows under a field, found by the field's input. */
async function fieldError(page: Page, testId: string): Promise<string> {
  const id = await page.getByTestId(testId).getAttribute('aria-describedby');
  const ids = (id ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((x) => page.locator(`[id="${x}"]`).textContent()));
  return texts.join(' ');
}

test("考核设置: 保存 refuses rule-breaking fields with the core's reasons and stores nothing; sound rules are saved for the year", async () => {
  const page = await browser.context.newPage();
  try {
    await rulesPanel(page);
    await page
      .getByTestId('rules-state')
      .getByText(/尚未保存本年度的考核设置/)
      .waitFor();
    await page.getByTestId('rules-weighted').check();
    await page.getByTestId('rules-weight-self').fill('20');
    await page.getByTestId('rules-weight-assessed').fill('60');
    await page.getByTestId('rules-weight-survey').fill('30');
    for (let i = 0; i < 3; i++) await page.getByTestId('rules-add-grade').click();
    const bands: Array<[string, string]> = [
      ['优秀', '95'],
      ['良好', '96'],
      ['不合格', '0'],
    ];
    for (const [i, [name, min]] of bands.entries()) {
      await page.getByTestId(`rules-grade-name-${i}`).fill(name);
      await page.getByTestId(`rules-grade-min-${i}`).fill(min);
    }
    await page.getByTestId('rules-quota').check();
    await page.getByTestId('rules-quota-grade').fill('优秀');
    await page.getByTestId('rules-quota-share').fill('1.5');
    await page.getByTestId('rules-bonus-cap').fill('5');
    await page.getByTestId('rules-save').click();

    const status = page.getByTestId('rules-status');
    await status.getByText('未保存：请按标出的 3 处提示修改后再保存。').waitFor({ timeout: 30_000 });
    // Each refusal at its field, in the core's words (the results locale's codes).
    expect(
      await page
        .getByText(/三项权重之和|权重之和/)
        .first()
        .textContent(),
    ).toMatch(/110/);
    expect(await fieldError(page, 'rules-grade-min-1')).toMatch(/96/);
    expect(await fieldError(page, 'rules-quota-share')).toMatch(/1\.5/);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('results-settings');

    await page.getByTestId('rules-weight-survey').fill('20');
    await page.getByTestId('rules-grade-min-1').fill('90');
    await page.getByTestId('rules-quota-share').fill('0.3');
    await page.getByTestId('rules-save').click();
    await status.getByText('已保存 2019 年度的考核设置。').waitFor({ timeout: 30_000 });
    const saved = await page.evaluate(() => localStorage.getItem('target-sheets.results-settings.2019'));
    expect(saved).toBe(settingsToJson(SOUND));

    // Read again on a new page: the saved rules fill the form.
    await rulesPanel(page);
    await page.getByTestId('rules-state').getByText('已保存本年度的考核设置。').waitFor();
    expect(await page.getByTestId('rules-weight-survey').inputValue()).toBe('20');
    expect(await page.getByTestId('rules-grade-min-1').inputValue()).toBe('90');
  } finally {
    await page.close();
  }
});

test('结果 over a picked folder with a register and a survey: the table is `collect --json` with the saved settings, and the download has 考核结果', async () => {
  const settingsFile = path.join(work, 'settings.json');
  writeFileSync(settingsFile, settingsToJson(SOUND));
  const run = await cli(
    'collect',
    returned,
    '--json',
    '--settings',
    settingsFile,
    '--register',
    registerFile,
    '--survey',
    surveyFile,
  );
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as {
    units: Array<{ name: string; group: string; final: number | null; grade: string | null; rank: number | null }>;
  };
  const expected = json.units
    .filter((u) => u.group === 'city')
    .map((u) => ({ name: u.name, final: u.final, grade: u.grade, rank: u.rank }));
  // Not a trivial table: graded, vetoed, pending and unreturned units.
  expect(expected.some((u) => u.grade === '优秀')).toBe(true);
  expect(expected.some((u) => u.final === null)).toBe(true);

  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.origin}/?view=results`);
    await page
      .getByTestId('results-catalog')
      .getByText(/^内置 2019 年考核目标/)
      .waitFor({ timeout: 30_000 });
    await page
      .getByTestId('results-rules')
      .getByText(/已保存的 2019 年度设置/)
      .waitFor();
    await page.getByTestId('results-register').setInputFiles(registerFile);
    await page.getByTestId('results-survey').setInputFiles(surveyFile);
    const downloading = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('results-folder').setInputFiles(returned);
    const download = await downloading;
    await page
      .getByTestId('results-status')
      .getByText(/^已读取 5 个文件/)
      .waitFor({ timeout: 60_000 });

    const rows = await page
      .locator('[data-testid="results-table"][data-group="city"] [data-testid="results-row"]')
      .evaluateAll((trs) =>
        trs.map((tr) => ({
          name: tr.getAttribute('data-unit'),
          final: tr.getAttribute('data-final') === '' ? null : Number(tr.getAttribute('data-final')),
          grade: tr.getAttribute('data-grade') === '' ? null : tr.getAttribute('data-grade'),
          rank: tr.getAttribute('data-rank') === '' ? null : Number(tr.getAttribute('data-rank')),
        })),
      );
    const byName = (list: typeof expected) => [...list].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(rows as typeof expected)).toEqual(byName(expected));
    // In rank order (vetoed after the others, no final last), as the 考核结果 sheet.
    const ranked = rows.filter((r) => r.rank !== null).map((r) => r.rank!);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    // The bad register row, by its cell.
    await page.locator('[data-testid="results-input-issue"][data-cell="C6"]').waitFor();
    // A narrow pane (320 px) shows the table without scrolling sideways, details opened.
    await page.setViewportSize({ width: 320, height: 900 });
    await page.getByRole('button', { name: '明细' }).first().click();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'results-320.png'), fullPage: true });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(wide).toBeLessThanOrEqual(0);

    const bytes = readFileSync(await download.path());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('考核结果');
    expect(sheet).toBeDefined();
    const names: string[] = [];
    sheet!.eachRow((row) => names.push(String(row.getCell(2).value)));
    for (const u of expected) expect(names).toContain(u.name);
  } finally {
    await page.close();
  }
});

// Runs after the 考核设置 test: the rules it saved (same browser profile) are archived as the settings file.
test("归档 writes the archive into the WebDAV share's 2019/archive/, and verifyArchive on it passes", async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.origin}/?view=results&${daves()}`);
    await page
      .getByTestId('results-catalog')
      .getByText(/^内置 2019 年考核目标/)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('results-register').setInputFiles(registerFile);
    await page.getByTestId('results-survey').setInputFiles(surveyFile);
    await page.getByTestId('results-archive').click();
    const status = page.getByTestId('results-archive-status');
    await status.getByText(/^已归档到 2019\/archive\/2019-archive-/).waitFor({ timeout: 120_000 });
    const text = (await status.textContent())!;
    const location = /已归档到 (\S+?)（/.exec(text)![1]!;

    const archive = createWebDavFolder({
      url: `${apache.url.replace(/\/$/, '')}/${location}/`,
      username: apache.user,
      password: apache.password,
    });
    const verified = await verifyArchive(archive);
    expect(verified).toMatchObject({ ok: true });
    if (!verified.ok) throw new Error('not verified');
    expect(text).toContain(verified.manifestSha256);
    // With a result (the rules saved in the first test, the register and the survey), recomputed for every unit;
    // the five returned sheets, the targets, the settings, the register, the survey and the summary are in it.
    expect(verified.units).toBe(catalog2019.units.length);
    const manifest = JSON.parse(new TextDecoder().decode(await archive.read('manifest.json'))) as {
      files: Array<{ role: string }>;
    };
    expect(manifest.files.map((f) => f.role).sort()).toEqual(
      ['catalog', 'register', 'settings', 'summary', 'survey', ...Array(5).fill('returned-used')].sort(),
    );
  } finally {
    await page.close();
  }
});

test('归档 over a picked folder without a shared folder downloads a .zip whose unpacked archive verifies', async () => {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.origin}/?view=results`);
    await page
      .getByTestId('results-catalog')
      .getByText(/^内置 2019 年考核目标/)
      .waitFor({ timeout: 30_000 });
    await page.getByTestId('results-register').setInputFiles(registerFile);
    await page.getByTestId('results-survey').setInputFiles(surveyFile);
    const downloading = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('results-archive-folder').setInputFiles(returned);
    const download = await downloading;
    const name = download.suggestedFilename();
    expect(name).toMatch(/^2019-archive-\d{8}T\d{6}Z\.zip$/);
    await page.getByTestId('results-archive-status').getByText(`已下载归档 ${name}`, { exact: false }).waitFor();

    const unpacked = path.join(work, 'unzipped');
    for (const [entry, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(await download.path()))))) {
      const target = path.join(unpacked, ...entry.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const verified = await verifyArchive(createDiskFolder(path.join(unpacked, name.replace(/\.zip$/, ''))));
    expect(verified).toMatchObject({ ok: true, units: catalog2019.units.length });
  } finally {
    await page.close();
  }
});
