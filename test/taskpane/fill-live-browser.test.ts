// 填报 shows the live problem list of a real unit's sheet, and a click on a problem selects its cell. Everything
// below the pane is real and runs in Debian's Chromium, bundled by esbuild: the FillView, the pane's Excel
// operations (createOperations → engine/office.ts → src/office's live check and selectCell, with its real 250 ms
// pause), the core validator — over the Excel stand-in (test/office/excel-mock.ts), which calculates with its
// formula engine and protects the sheet. The sheet is generated into the stand-in by insertPlans, as 生成 does.
// The test edits the workbook through the stand-in (as a unit typing or pasting) and waits for what the pane
// shows; it never sleeps.
import type { Page } from 'playwright-core';
import { cellAddress } from '../../src/core/address';
import { plans2019 } from '../office/real-plans';
import { editInPage, useStandInPage } from './support/standin-page';
import { returnedUnit } from '../office/returned';

// The unit the page generates: the first bureau of the embedded 2019 catalog, as plans2019 builds it here.
const plan = plans2019()[0]!;
const { cell, weight } = returnedUnit(plan);
const items = plan.layout.itemRows;

const pane = useStandInPage('FillView', plan.metadata.unitId, '填报');

/** The problems the pane lists, as [code, cell shown]. */
function listed(page: Page): Promise<string[][]> {
  return page
    .getByTestId('issue-list')
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => [li.getAttribute('data-code') ?? '', li.querySelector('button')?.textContent ?? '']),
    );
}

test('填报 lists the sheet’s real problems after each pause, and clicking one selects its cell in Excel', async () => {
  const page = await pane.browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(`${pane.server.origin}/`);
    // The first pass: a freshly generated sheet, nothing entered yet: one line says so.
    const heading = page.getByRole('heading', { name: '问题（1）' });
    await heading.waitFor({ timeout: 60_000 });
    expect(await listed(page)).toEqual([['sheet-not-filled', cell('completion', 0)]]);

    // The unit fills the first two items, then pastes 99 over the next two scores and types one in words.
    await editInPage(page, cell('completion', 0), '已完成');
    await editInPage(page, cell('selfScore', 0), weight(0));
    await editInPage(page, cell('selfScore', 1), weight(1) - 1);
    await editInPage(page, `${cell('selfScore', 2)}:${cell('selfScore', 3)}`, 99);
    await editInPage(page, cell('selfScore', 4), '九十');
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
