// 汇总 inside Excel: the summary goes into the open workbook through the Office adapter's insertSummary (tested
// itself in test/office/summary.test.ts), with the chart; nothing is downloaded. The adapter is replaced here by a
// recorder, the folder by an empty in-memory one: this checks the pane's routing and counts, not Excel.
import type { FolderEntry, SharedFolder } from '../../src/core/folders/folder';
import type { SummaryWorkbook } from '../../src/core/collect/sheets';
import { collectIntoPane } from '../../src/taskpane/engine/collect';
import { embeddedCatalog } from './support/sheets';

const inserted: SummaryWorkbook[] = [];
jest.mock('../../src/office/summary', () => ({
  insertSummary: async (book: SummaryWorkbook) => {
    inserted.push(book);
    return { sheets: book.sheets.map((s) => s.name), chart: book.chart !== undefined && book.chart !== null };
  },
}));

const emptyFolder: SharedFolder = {
  label: 'memory:/',
  atomicCreate: true,
  exists: async () => false,
  stat: async () => null,
  list: async (): Promise<FolderEntry[]> => [],
  mkdirp: async () => {},
  createExclusive: async () => ({}),
  move: async () => {},
  read: async () => new Uint8Array(),
  remove: async () => {},
};

test('in Excel, 汇总 of an empty folder adds the summary sheets (every unit missing) to the workbook and downloads nothing', async () => {
  const downloads: string[] = [];
  const catalog = embeddedCatalog();
  const outcome = await collectIntoPane(
    { catalog, lang: 'zh-CN', onProgress: () => {} },
    { openFolder: async () => emptyFolder, output: 'workbook', download: (_b, name) => downloads.push(name) },
  );
  expect(downloads).toEqual([]);
  expect(inserted).toHaveLength(1);
  expect(outcome.files).toBe(0);
  expect(outcome.missing).toEqual(catalog.units.map((u) => u.name));
  expect(outcome.output).toEqual({
    kind: 'sheets',
    names: inserted[0]!.sheets.map((s) => s.name),
    chart: inserted[0]!.chart != null,
  });
  expect(inserted[0]!.sheets[0]!.name).toBe('汇总');
});
