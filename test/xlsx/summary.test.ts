import { strFromU8, unzipSync } from 'fflate';
import { summaryToSheets } from '../../src/core/collect/sheets';
import { buildSummary } from '../../src/core/collect/summary';
import { summaryTextsFor } from '../../src/app/collect/texts';
import { renderSummaryToXlsx } from '../../src/xlsx/summary';
import { catalog, valid } from '../core/collect/fixture';
import { inTimeZone, SHANGHAI } from './time-zone';

const book = summaryToSheets(
  buildSummary(catalog, [valid(catalog.units[0]!, 90, 'a.xlsx'), valid(catalog.units[1]!, 85, 'b.xlsx')]),
  summaryTextsFor('zh-CN'),
);
const date = new Date('2020-01-15T20:30:10Z');

/** Date.now() and new Date() answer `now` (timers stay real: ExcelJS's writer needs them). */
async function at<T>(now: string, run: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(now),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await run();
  } finally {
    jest.useRealTimers();
  }
}

describe('the collected summary as an .xlsx file', () => {
  test('the same summary and date give the same bytes, written at another time and in another time zone', async () => {
    const first = await at('2024-03-01T10:00:00Z', () => renderSummaryToXlsx(book, { date }));
    const second = await at('2024-03-01T10:00:07Z', () =>
      inTimeZone(SHANGHAI, () => renderSummaryToXlsx(book, { date })),
    );
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  test('every sheet is written, text that looks like a formula stays text, dates are the summary’s', async () => {
    const parts = unzipSync(await renderSummaryToXlsx(book, { date }));
    const workbook = strFromU8(parts['xl/workbook.xml']!);
    for (const sheet of book.sheets) expect(workbook).toContain(`name="${sheet.name}"`);
    expect(strFromU8(parts['xl/sharedStrings.xml']!)).toContain('=HYPERLINK(&quot;x&quot;)');
    expect(strFromU8(parts['docProps/core.xml']!)).toContain('2020-01-15T20:30:10Z');
    expect(Object.keys(parts).some((name) => name.endsWith('/'))).toBe(false);
  });
});
