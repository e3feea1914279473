// 目标总表 in Excel: the catalog exported into the open workbook reads back as the same catalog; a sheet that is
// not a master sheet is refused by name; merged 指标类别 cells (value only in the top-left cell, as Office.js
// gives it) count for every row. Excel is the office-addin-mock stand-in of test/office/excel-mock.ts.
import {
  catalogToMasterRows, fillMergedAreas, MASTER_COLUMN_WIDTHS, MASTER_COLUMNS, MASTER_HEADER_ROW, MASTER_SHEET_NAME,
} from '../../src/core/catalog/master';
import { columnWidthPoints } from '../../src/office/render-plan';
import { mergedAreasFrom, readMasterFromWorkbook, rowsFromRange, writeMasterToWorkbook } from '../../src/taskpane/engine/master';
import { PaneError } from '../../src/taskpane/operations';
import { useFakeExcel } from '../office/excel-mock';
import { embeddedCatalog } from './support/sheets';

const excel = useFakeExcel();

/** A fresh stand-in with `ExcelApi` installed, the embedded catalog exported into it: what the tests look at. */
async function exported(excelApi: string) {
  const fake = excel.install({ sets: { ExcelApi: excelApi } });
  const catalog = embeddedCatalog();
  const name = await writeMasterToWorkbook(catalog);
  return { fake, catalog, grid: catalogToMasterRows(catalog), name };
}

test('exporting the targets adds a 考核目标 sheet (two syncs) that reads back (two syncs) as the same 52 units, targets and 分值', async () => {
  // ExcelApi 1.9: no merged-area API (the export writes no merges); the import is two round trips, as with 1.13.
  const fake = excel.install({ sets: { ExcelApi: '1.9' } });
  fake.addSheet('Sheet1');
  const catalog = embeddedCatalog();
  const name = await writeMasterToWorkbook(catalog);
  expect(name).toBe(MASTER_SHEET_NAME);
  expect(fake.syncs).toBe(2);
  // A second export does not touch the first: it gets a free name.
  expect(await writeMasterToWorkbook(catalog)).toBe(`${MASTER_SHEET_NAME} (2)`);
  expect(fake.syncs).toBe(4);

  const read = await readMasterFromWorkbook();
  expect(fake.syncs).toBe(6);
  expect(fake.runs).toBe(3);
  expect(read.year).toBe(2019);
  expect(read.units.map((u) => [u.name, u.group])).toEqual(catalog.units.map((u) => [u.name, u.group]));
  expect(read.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight])))
    .toEqual(catalog.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight])));
});

test('a text Excel might coerce (the year title, a numbered target "12.…") is written with a leading apostrophe', async () => {
  const { fake, catalog, grid, name } = await exported('1.9');
  const writes = fake.setsOn(name, 'values');
  expect(writes).toHaveLength(1);
  const values = writes[0]!.value as unknown[][];
  expect(values[0]![0]).toBe(`'${grid[0]![0]}`);
  const numbered = grid.flat().find((v): v is string => typeof v === 'string' && /^\d+\./.test(v))!;
  expect(values.flat()).toContain(`'${numbered}`);
  expect(values.flat()).not.toContain(numbered);
  // Plain text and numbers are written as they are.
  expect(values[1]).toEqual(grid[1]);
  expect(values.flat().filter((v) => typeof v === 'number')).toEqual(grid.flat().filter((v) => typeof v === 'number'));
});

test('text cells get the text format "@" (numbers General) in the same request, before the values are written', async () => {
  const { fake, catalog, grid, name } = await exported('1.9');
  const entries = fake.entriesFor(fake.sheet(name).id);
  const formatAt = entries.findIndex((e) => e.kind === 'set' && e.prop === 'numberFormat');
  const valuesAt = entries.findIndex((e) => e.kind === 'set' && e.prop === 'values');
  expect(formatAt).toBeGreaterThanOrEqual(0);
  expect(formatAt).toBeLessThan(valuesAt);
  const formats = fake.setsOn(name, 'numberFormat');
  expect(formats).toHaveLength(1);
  expect(formats[0]!.range).toBe(`A1:G${grid.length}`);
  expect(formats[0]!.value).toEqual(grid.map((row) => row.map((v) => (typeof v === 'number' ? 'General' : '@'))));
  // Both in the second (last) request: the first only lists the sheet names.
  const lastSync = fake.journal.map((e) => e.kind).lastIndexOf('sync');
  const firstSync = fake.journal.findIndex((e) => e.kind === 'sync');
  const valuesEntry = fake.journal.findIndex((e) => e.kind === 'set' && e.prop === 'values');
  expect(valuesEntry).toBeGreaterThan(firstSync);
  expect(valuesEntry).toBeLessThan(lastSync);
  expect(fake.syncs).toBe(2);
});

test('with ExcelApi 1.13 the import reads merged areas too, still in two syncs: a 指标类别 merged by hand over several rows belongs to each', async () => {
  const { fake, catalog, grid, name } = await exported('1.13');
  // Staff merge a run of equal 指标类别 cells: Office.js then gives the value only in the top-left cell.
  const category = MASTER_COLUMNS.indexOf('category');
  const first = grid.findIndex((row, i) => i >= MASTER_HEADER_ROW && row[category] !== '' && grid[i + 1]?.[category] === row[category] && grid[i + 2]?.[category] === row[category]);
  expect(first).toBeGreaterThan(0);
  const [top, bottom] = [first + 1, first + 3];
  const letter = String.fromCharCode(65 + category);
  const sheet = fake.sheet(name);
  sheet.merges.push(`${letter}${top}:${letter}${bottom}`);
  for (let r = top + 1; r <= bottom; r++) sheet.cells.delete(`${r},${category + 1}`);

  const before = fake.syncs;
  const read = await readMasterFromWorkbook();
  expect(fake.syncs - before).toBe(2);
  // The merged areas are queued in the same request as the used range's values.
  const syncs = fake.journal.flatMap((e, i) => (e.kind === 'sync' ? [i] : []));
  const mergedCall = fake.journal.findIndex((e) => e.kind === 'call' && e.method === 'usedRange.getMergedAreasOrNullObject');
  expect(mergedCall).toBeGreaterThan(syncs[syncs.length - 2]!);
  expect(mergedCall).toBeLessThan(syncs[syncs.length - 1]!);
  expect(read.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight])))
    .toEqual(catalog.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight])));
});

test("the sheet's layout is the core's: its column widths (as the .xlsx master file, in points) and the rows frozen above the targets", async () => {
  const { fake, name } = await exported('1.9');
  expect(fake.setsOn(name, 'format.columnWidth').map((s) => s.value))
    .toEqual(MASTER_COLUMNS.map((column) => columnWidthPoints(MASTER_COLUMN_WIDTHS[column])));
  const freezes = fake.entriesFor(fake.sheet(name).id).filter((e) => e.kind === 'call' && e.method.startsWith('freezePanes.'));
  expect(freezes).toEqual([expect.objectContaining({ method: 'freezePanes.freezeRows', args: [MASTER_HEADER_ROW] })]);
  expect(fake.setsOn(name, 'format.font.bold').map((s) => s.range)).toEqual(['A1', `A${MASTER_HEADER_ROW}:G${MASTER_HEADER_ROW}`]);
});

test('a blank sheet with ExcelApi 1.13 (used range A1, no merged areas) is refused by name, in two syncs', async () => {
  const fake = excel.install({ sets: { ExcelApi: '1.13' } });
  fake.addSheet('空表');
  await expect(readMasterFromWorkbook()).rejects.toEqual(new PaneError('noMasterSheet', { sheet: '空表' }));
  expect(fake.syncs).toBe(2);
});

test('reading from a sheet that is not a master sheet says which sheet and what is missing', async () => {
  const fake = excel.install({ sets: { ExcelApi: '1.9' } });
  fake.addSheet('人事处');
  await expect(readMasterFromWorkbook()).rejects.toEqual(new PaneError('noMasterSheet', { sheet: '人事处' }));
});

test('a used range that starts at C3 keeps its sheet rows and columns, and a 指标类别 merged over three rows belongs to each', () => {
  const rows = rowsFromRange("'考核目标'!C3:D5", [['共性指标', 'a'], [null, 'b'], [null, 'c']]);
  expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
  expect(rows[0]!.cells).toEqual([null, null, '共性指标', 'a']);
  const filled = fillMergedAreas(rows, mergedAreasFrom(["'考核目标'!C3:C5"]));
  expect(filled.map((r) => r.cells[2])).toEqual(['共性指标', '共性指标', '共性指标']);
  expect(filled.map((r) => r.cells[3])).toEqual(['a', 'b', 'c']);
});
