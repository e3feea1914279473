// The task pane end to end, in Debian Chromium, opened as a plain web page (no Office host): the production
// build served from 127.0.0.1. Screenshots go to test-artifacts/taskpane/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { readCatalogText } from '../../src/core/catalog/build';
import type { Catalog, Unit } from '../../src/core/catalog/model';
import type { SheetPlan } from '../../src/core/plan/model';
import { buildSheetPlan } from '../../src/core/plan/build';
import { catalogFingerprint } from '../../src/core/plan/fingerprint';
import { cellAddress } from '../../src/core/validate/grid';
import { validateWorkbook } from '../../src/core/validate/validate';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { scoreUnit } from '../../src/core/scoring';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { safeFileStem } from '../../src/core/filename';
import { readWorkbook } from '../../src/xlsx/read';
import { probeWithLibreOffice, type LoValue } from '../support/libreoffice';
import { serveStatic, type StaticServer } from '../support/static-server';
import { launchChromium, type Browser } from '../support/browser';
import { buildTaskpane, ROOT } from './build';

const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'taskpane');
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let webDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  webDir = await buildTaskpane();
  server = await serveStatic(webDir);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Script errors seen per page: the pane must not throw while it works. */
const pageErrors = new WeakMap<Page, string[]>();

/** A new page with the pane; with `clock`, the page's timers run on Playwright's clock (page.clock). */
async function openPane(options: { clock?: boolean } = {}): Promise<Page> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(String(e)));
  if (options.clock) await page.clock.install();
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

async function closePane(page: Page): Promise<void> {
  const errors = pageErrors.get(page) ?? [];
  await page.close();
  expect(errors).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

test('the build includes the Microsoft 365 sign-in dialog page, with Office.js and its own script', () => {
  const html = readFileSync(path.join(webDir, 'graph-auth.html'), 'utf8');
  expect(html).toMatch(/<script src="?office-js\/office\.js"?>/);
  const script = /<script defer src="?(graph-auth\.[0-9a-f]+\.js)"?>/.exec(html)?.[1];
  expect(script).toBeDefined();
  expect(readFileSync(path.join(webDir, script!), 'utf8')).toContain('messageParent');
});

test('opened in a plain browser, the pane shows its Chinese heading, the three tabs and the built-in 2019 units', async () => {
  const page = await openPane();
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('考核目标评分表');
  for (const name of ['生成', '填报', '检查']) {
    await expect(page.getByRole('tab', { name }).count()).resolves.toBe(1);
  }
  await page.getByTestId('catalog-label').filter({ hasText: '2019' }).waitFor();
  const units = page.getByTestId('unit-list').getByRole('checkbox');
  await expect(units.count()).resolves.toBe(52);
  await shot(page, '01-generate-zh');
  await closePane(page);
});

test('at 320 and 420 px, in Chinese and English, every tab fits the pane without scrolling sideways and the subtitle leaves no character alone (screenshots of each)', async () => {
  const page = await openPane();
  await page.getByTestId('unit-list').getByRole('checkbox').first().waitFor();
  const overflow: string[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    await page.getByTestId('language').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    for (const width of [420, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const tabs = page.getByRole('tab');
      const count = await tabs.count();
      for (let i = 0; i < count; i++) {
        await tabs.nth(i).click();
        const wide = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        if (wide > 0) overflow.push(`${lang} ${width}px tab ${i + 1}: ${wide}px too wide`);
        // No line of the subtitle ends with a lone character (its last two characters sit on one line).
        const lone = await page.getByTestId('pane-mode').evaluate((el) => {
          const node = el.firstChild!;
          const n = node.textContent!.length;
          const top = (from: number) => {
            const r = document.createRange();
            r.setStart(node, from);
            r.setEnd(node, from + 1);
            return r.getBoundingClientRect().top;
          };
          return top(n - 1) !== top(n - 2);
        });
        if (lone) overflow.push(`${lang} ${width}px tab ${i + 1}: the subtitle's last character stands alone`);
        await shot(page, `10-${lang}-${width}-tab${i + 1}`);
      }
      await tabs.first().click();
    }
  }
  await page.getByTestId('language').selectOption('zh-CN');
  expect(overflow).toEqual([]);
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
  await page.getByRole('heading', { level: 1, name: '考核目标评分表' }).waitFor();
  await closePane(page);
});

// ---------------------------------------------------------------------------------------------------------
// Generate → download → validate; tamper → check.

const firstUnit = () => {
  const catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
  return { catalog, unit: catalog.units[0]! };
};

async function generateOne(page: Page, unitName: string): Promise<{ name: string; bytes: Uint8Array }> {
  await page.getByRole('checkbox', { name: unitName, exact: true }).check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: /生成并下载 1 个单位/ }).click();
  const download = await downloadPromise;
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(readFileSync(file)) };
}

test('a unit whose targets have a problem in the catalog: the problem names the unit first, and the result names the unit', async () => {
  const page = await openPane();
  await page.getByTestId('unit-list').getByRole('checkbox').first().waitFor();
  await page
    .getByTestId('catalog-diagnostics')
    .getByText(
      '海西州自然资源局：分值合计 105 分，应为 100 分（党政建设 20 分 + 本单位目标 85 分，本单位目标应为 80 分）；生成的表会标出（第 1117 行）',
    )
    .waitFor({ state: 'attached' });
  await generateOne(page, '海西州自然资源局');
  await page
    .getByTestId('generate-warned')
    .getByText('其中 1 个单位的考核目标评分表涉及目录中的问题，请核对：海西州自然资源局')
    .waitFor();
  await closePane(page);
});

function planOf(catalog: Catalog, unit: Unit): SheetPlan {
  return buildSheetPlan(
    unit,
    { year: catalog.year, source: catalog.source, fingerprint: catalogFingerprint(catalog) },
    {
      createdAt: '2019-01-01T00:00:00Z',
      texts: sheetTexts('zh-CN'),
    },
  );
}

test('generating one unit downloads its .xlsx: an intact template that asks only for the scores, and that LibreOffice totals to 100 once filled', async () => {
  const { catalog, unit } = firstUnit();
  const page = await openPane();
  await page.getByTestId('unit-list').getByRole('checkbox').first().waitFor();
  const { name, bytes } = await generateOne(page, unit.name);
  expect(name).toMatch(/\.xlsx$/);
  expect(name).toContain(unit.name);
  await page
    .getByTestId('generate-status')
    .getByText(/已生成 1 个单位/)
    .waitFor();
  await shot(page, '03-generated');
  writeFileSync(path.join(ARTIFACTS, name), bytes);

  // The validator reads the downloaded bytes: it knows the unit, finds nothing changed (identity, locked
  // content, formulas, totals), and says once that the sheet has not been filled in, at its first 完成情况.
  const plan = planOf(catalog, unit);
  const read = readWorkbook(bytes);
  if (!read.ok) throw new Error(`downloaded file unreadable: ${read.failure.code}`);
  const report = validateWorkbook(read.contents, { texts: [sheetTexts('zh-CN')] });
  expect(report.unit).toBe(unit.name);
  expect(report.identity?.unitId).toBe(unit.id);
  expect(report.totals?.weight).toBe(100);
  expect(report.issues.map((i) => [i.code, i.cell])).toEqual([
    ['sheet-not-filled', cellAddress(plan.layout.itemRows[0]!.row, plan.layout.columns.completion)],
  ]);

  // LibreOffice opens the download, and once every item is filled with full marks its own formulas recalculate
  // to the core's subtotals and a 合计 of 100.
  const { columns, itemRows, subtotalRows, totalRow } = plan.layout;
  const fill: Record<string, LoValue> = {};
  for (const r of itemRows) {
    fill[cellAddress(r.row, columns.completion)] = '已完成';
    fill[cellAddress(r.row, columns.selfScore)] = unit.items[r.itemIndex]!.weight;
  }
  const [lo] = await probeWithLibreOffice([{ path: path.join(ARTIFACTS, name), sheet: plan.sheetName, fill }]);
  const at = (values: LoValue[][] | undefined, row: number, col: number) => values?.[row - 1]?.[col - 1];
  expect(at(lo!.values, totalRow, columns.weight)).toBe(100);
  const expected = scoreUnit(
    unit.items.map((item) => ({ block: item.block, weight: item.weight, selfScore: item.weight, assessedScore: null })),
  );
  for (const s of subtotalRows) {
    const block = expected.blocks.find((b) => b.block === s.block)!;
    expect(at(lo!.filledValues, s.row, columns.selfScore)).toBeCloseTo(block.selfScore, 2);
  }
  expect(at(lo!.filledValues, totalRow, columns.selfScore)).toBeCloseTo(100, 2);
  await closePane(page);
});

test('a tampered returned file opened in 检查 lists its problems with their cell addresses', async () => {
  const { catalog, unit } = firstUnit();
  const page = await openPane();
  await page.getByTestId('unit-list').getByRole('checkbox').first().waitFor();
  const { bytes } = await generateOne(page, unit.name);

  // The layout comes from the same core plan the file was rendered from.
  const plan = planOf(catalog, unit);
  const [first, second] = plan.layout.itemRows;
  const weightCell = cellAddress(first!.row, plan.layout.columns.weight);
  const scoreCell = cellAddress(second!.row, plan.layout.columns.selfScore);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(plan.sheetName)!;
  sheet.getCell(weightCell).value = 99;
  sheet.getCell(scoreCell).value = '8分';
  const tampered = new Uint8Array(await workbook.xlsx.writeBuffer());

  await page.getByRole('tab', { name: '检查' }).click();
  await page
    .getByTestId('check-file')
    .setInputFiles({ name: '退回-已改.xlsx', mimeType: XLSX_MIME, buffer: Buffer.from(tampered) });
  await page.getByTestId('check-result').getByText('已检查文件：退回-已改.xlsx').waitFor();
  await expect(page.getByTestId('report-status').textContent()).resolves.toMatch(/^未通过/);
  const items = page.getByTestId('issue-list').getByRole('listitem');
  const texts = await items.allTextContents();
  expect(texts.some((t) => t.includes(weightCell))).toBe(true);
  expect(texts.some((t) => t.includes(scoreCell))).toBe(true);
  await shot(page, '04-check-tampered');
  await closePane(page);
});

test('filtering by group generates exactly the units shown: one zip, named in Chinese, holding one .xlsx per unit', async () => {
  const { catalog } = firstUnit();
  const bureaus = catalog.units.filter((u) => u.group === 'bureau');
  expect(bureaus.length).toBeGreaterThan(1);
  const hidden = catalog.units.length - bureaus.length;
  const page = await openPane();
  await page.getByTestId('unit-list').getByRole('checkbox').first().waitFor();
  // Every unit ticked first, then the filter narrowed to one group: the button and the zip follow what is shown,
  // and the pane says that the ticked units it hides are left out.
  await page.getByRole('button', { name: `全选显示的 ${catalog.units.length} 个单位` }).click();
  await page.getByTestId('group-filter').selectOption('bureau');
  await expect(page.getByTestId('unit-list').getByRole('checkbox').count()).resolves.toBe(bureaus.length);
  await expect(page.getByTestId('hidden-chosen').textContent()).resolves.toBe(
    `另有 ${hidden} 个已勾选的单位不在筛选结果中，不会生成或发布。`,
  );
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: `生成并下载 ${bureaus.length} 个单位` }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${catalog.year}年度考核目标评分表（${bureaus.length}个单位）.zip`);
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(entries).sort()).toEqual(bureaus.map((u) => `${safeFileStem(u.name)}.xlsx`).sort());
  for (const [entry, bytes] of Object.entries(entries)) {
    const read = readWorkbook(bytes);
    if (!read.ok) throw new Error(`${entry} unreadable: ${read.failure.code}`);
    const report = validateWorkbook(read.contents, { texts: [sheetTexts('zh-CN')] });
    expect(`${report.unit}.xlsx`).toBe(entry);
  }
  await closePane(page);
});

test('generating every unit shows progress, and cancelling stops it without downloading anything', async () => {
  // The page's timers run on Playwright's clock: paused, the run shows its first progress line and then waits for
  // its next turn (it yields with setTimeout between units), so Cancel is clicked while it is surely running,
  // however fast or loaded the machine is.
  const page = await openPane({ clock: true });
  await page.getByTestId('unit-list').getByRole('checkbox').first().waitFor();
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByRole('button', { name: '全选显示的 52 个单位' }).click();
  await page.clock.pauseAt(new Date(Date.now() + 60_000));
  await page.getByRole('button', { name: '生成并下载 52 个单位' }).click();
  await page.getByTestId('generate-status').getByRole('progressbar').waitFor();
  await page.getByTestId('generate-status').getByText('正在生成 0/52').waitFor();
  await shot(page, '05-progress');
  await page.getByRole('button', { name: '取消生成', exact: true }).click();
  await page.clock.resume();
  const cancelled = page.getByTestId('generate-status').getByText(/已取消：已生成 \d+ 个单位，未下载文件/);
  await cancelled.waitFor();
  // Cancelled while the first unit waited for its turn: that one is finished, no other is started, nothing is
  // downloaded.
  expect(await cancelled.textContent()).toMatch(/已取消：已生成 1 个单位，未下载文件/);
  expect(downloads).toBe(0);
  await closePane(page);
});

test('a keyboard-only user reaches the tabs, opens 检查 with the arrow keys and lands on its file button', async () => {
  const page = await openPane();
  const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
  const generateTab = page.getByRole('tab', { name: '生成' });
  const checkTab = page.getByRole('tab', { name: '检查' });
  for (let i = 0; i < 10 && !(await hasFocus(generateTab)); i++) await page.keyboard.press('Tab');
  await expect(hasFocus(generateTab)).resolves.toBe(true);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(hasFocus(checkTab)).resolves.toBe(true);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '检查交回的考核目标评分表' }).waitFor();
  await expect(checkTab.getAttribute('aria-selected')).resolves.toBe('true');
  await page.keyboard.press('Tab');
  await expect(hasFocus(page.getByRole('button', { name: '打开交回的文件…' }))).resolves.toBe(true);
  await shot(page, '06-keyboard-check');
  await closePane(page);
});
