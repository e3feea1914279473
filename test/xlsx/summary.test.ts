import { strFromU8, unzipSync } from 'fflate';
import type { Catalog, Item, Unit } from '../../src/core/catalog/model';
import type { Submission } from '../../src/core/collect/model';
import { summaryToSheets } from '../../src/core/collect/sheets';
import { buildSummary } from '../../src/core/collect/summary';
import { summaryTextsFor } from '../../src/collect/texts';
import { renderSummaryToXlsx } from '../../src/xlsx/summary';
import { inTimeZone, SHANGHAI } from './time-zone';

const items: Item[] = [
  { block: 'party', category: '党政建设', item: '党建', content: '党建工作', weight: 20 },
  { block: 'own', category: '共性指标', item: '业务', content: '业务工作', weight: 80 },
];
const unit = (id: string, name: string, group: Unit['group']): Unit => ({ id, name, group, totalWeight: 100, items });
const catalog: Catalog = {
  year: 2019, source: 't', diagnostics: [],
  units: [unit('a', '甲局', 'bureau'), unit('b', '=HYPERLINK("x")', 'bureau'), unit('c', '乙市局', 'city')],
};
const valid = (u: Unit, self: number, file: string): Submission => ({
  file,
  submittedAt: '2020-01-10T08:30:00.000Z',
  report: { status: 'valid', identity: { unitId: u.id, unitName: u.name, group: u.group, year: 2019 }, totals: { self, assessed: null }, issues: [] },
  items: [
    { ...items[0]!, selfScore: 20, assessedScore: null, deductionReason: '' },
    { ...items[1]!, selfScore: self - 20, assessedScore: null, deductionReason: '' },
  ],
});
const book = summaryToSheets(
  buildSummary(catalog, [valid(catalog.units[0]!, 90, 'a.xlsx'), valid(catalog.units[1]!, 85, 'b.xlsx')]),
  summaryTextsFor('zh-CN'),
);
const date = new Date('2020-01-15T20:30:10Z');

/** Date.now() and new Date() answer `now` (timers stay real: ExcelJS's writer needs them). */
async function at<T>(now: string, run: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: new Date(now),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
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
    const second = await at('2024-03-01T10:00:07Z', () => inTimeZone(SHANGHAI, () => renderSummaryToXlsx(book, { date })));
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
