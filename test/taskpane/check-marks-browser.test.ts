// 检查 of the open workbook, then 在表中标出问题 and 清除标记, as the clerk clicks them. Everything below the pane is
// real and runs in Debian's Chromium, bundled by esbuild: the CheckView, the pane's Excel operations
// (createOperations → engine/office.ts → src/office's check and marks), the core validator — over the Excel
// stand-in (test/office/excel-mock.ts), which calculates, protects the sheet and holds each cell's fill. The sheet
// is generated into the stand-in by insertPlans, as 生成 does; the unit's entries are made through the stand-in.
// The test waits for what the pane shows; it never sleeps.
import type { Page } from 'playwright-core';
import { parseCell } from '../../src/core/address';
import { plans2019 } from '../office/real-plans';
import { editInPage, useStandInPage } from './support/standin-page';
import { returnedUnit } from '../office/returned';

// The unit the page generates: the first bureau of the embedded 2019 catalog, as plans2019 builds it here.
const plan = plans2019()[0]!;
const { cell, weight } = returnedUnit(plan);
const items = plan.layout.itemRows;
const MARK = '#FFC7CE';

const pane = useStandInPage('CheckView', plan.metadata.unitId, '检查');

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
  const page = await pane.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${pane.server.origin}/`);
    const check = page.getByRole('button', { name: '检查当前工作簿' });
    await check.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => typeof (window as unknown as { generated?: string }).generated === 'string');
    // Every item filled in; three scores above their 分值.
    for (let i = 0; i < items.length; i++) {
      await editInPage(page, cell('completion', i), '已完成');
      await editInPage(page, cell('selfScore', i), i < 3 ? weight(i) + 1 : weight(i));
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
