// The one way the adapter freezes panes and sets column widths (sheet-helpers' applyFreeze / setColumnWidths),
// used by the generated sheets, the summary sheets and the 目标总表 sheet.
import { runExcel } from '../../src/office/excel-api';
import { applyFreeze, columnWidthPoints, setColumnWidths } from '../../src/office/sheet-helpers';
import { useFakeExcel } from './excel-mock';

const excel = useFakeExcel();

async function onSheet(write: (sheet: Excel.Worksheet) => void) {
  const fake = excel.install();
  fake.addSheet('表');
  await runExcel(async (context) => {
    write(context.workbook.worksheets.getItem('表'));
    await context.sync();
  });
  return fake;
}

test.each([
  [{ rows: 2, cols: 2 }, 'freezePanes.freezeAt', ['A1:B2']],
  [{ rows: 4, cols: 0 }, 'freezePanes.freezeRows', [4]],
  [{ rows: 0, cols: 3 }, 'freezePanes.freezeColumns', [3]],
] as const)('applyFreeze %j calls %s once', async (freeze, method, args) => {
  const fake = await onSheet((sheet) => applyFreeze(sheet, freeze));
  const calls = fake
    .entriesFor(fake.sheet('表').id)
    .filter((e) => e.kind === 'call' && e.method.startsWith('freezePanes.'));
  expect(calls).toEqual([expect.objectContaining({ method, args })]);
  expect(fake.sheet('表').frozen).toEqual(freeze);
});

test('applyFreeze with nothing to freeze calls nothing', async () => {
  const fake = await onSheet((sheet) => applyFreeze(sheet, { rows: 0, cols: 0 }));
  expect(fake.sheet('表').frozen).toBeNull();
  expect(fake.entriesFor(fake.sheet('表').id)).toEqual([]);
});

test('setColumnWidths gives column i + 1 the points of widths[i], past Z too', async () => {
  const widths = Array.from({ length: 28 }, (_, i) => 4 + i);
  const fake = await onSheet((sheet) => setColumnWidths(sheet, widths));
  expect(fake.sheet('表').columnWidths).toEqual(new Map(widths.map((w, i) => [i + 1, columnWidthPoints(w)])));
  expect(fake.syncs).toBe(1);
});
