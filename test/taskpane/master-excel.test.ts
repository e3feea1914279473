// 考核目标总表 in Excel: the catalog exported into the open workbook reads back as the same catalog; a sheet that is
// not a master sheet is refused by name; merged 指标类别 cells (value only in the top-left cell, as Office.js
// gives it) count for every row. Excel is the office-addin-mock stand-in of test/office/excel-mock.ts.
import { unzipSync } from 'fflate';
import { parseRange } from '../../src/core/address';
import {
  BLOCK_LABELS,
  catalogToMasterRows,
  fillMergedAreas,
  GROUP_LABELS,
  MASTER_COLUMN_WIDTHS,
  MASTER_COLUMNS,
  MASTER_HEADER_ROW,
  MASTER_SHEET_NAME,
  masterSheetLayout,
} from '../../src/core/catalog/master';
import { GROUPS } from '../../src/core/catalog/model';
import { columnWidthPoints } from '../../src/office/sheet-helpers';
import { mergedAreasFrom, rowsFromRange } from '../../src/office/master-sheet';
import { readMasterFromWorkbook, writeMasterToWorkbook } from '../../src/taskpane/engine/master';
import { writeMasterWorkbook } from '../../src/xlsx/master';
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
  // ExcelApi 1.9: no merged-area API (the title merge is not read back); the import is two round trips, as with 1.13.
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
  expect(read.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight]))).toEqual(
    catalog.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight])),
  );
  // 考核单位 comes back too: 200 owned party items of the 2019 document, the others the 考核组's.
  expect(read.units.map((u) => u.items.map((i) => i.owner))).toEqual(
    catalog.units.map((u) => u.items.map((i) => i.owner)),
  );
  expect(read.units.flatMap((u) => u.items).filter((i) => i.owner !== null)).toHaveLength(200);
});

test('an owner the office types into 考核单位 in Excel is read back: a unit name resolves, other text is kept and reported', async () => {
  const { fake, grid, name } = await exported('1.9');
  const owner = MASTER_COLUMNS.indexOf('owner');
  const unit = MASTER_COLUMNS.indexOf('unit');
  const ambiguous = grid.map((row, i) => (row[owner] === '信息中心' ? i + 1 : 0)).filter((r) => r > 0);
  expect(ambiguous).toHaveLength(2);
  const own = grid.findIndex((row) => row[unit] === '人事处') + 1;
  const cells = fake.sheet(name).cells;
  cells.set(`${ambiguous[0]!},${owner + 1}`, { input: '省基础地理信息中心', value: '省基础地理信息中心' });
  cells.set(`${own},${owner + 1}`, { input: '厅办', value: '厅办' });
  const read = await readMasterFromWorkbook();
  const department = read.units.filter((u) => u.group === 'department');
  for (const u of department) expect(u.items.find((i) => i.item === '信息化建设')!.owner).toBe('省基础地理信息中心');
  expect(read.units.find((u) => u.name === '人事处')!.items.find((i) => i.block === 'own')!.owner).toBe('办公室');
  expect(read.diagnostics.filter((d) => d.code.startsWith('owner-')).map((d) => [d.code, d.line])).toEqual([
    ['owner-ambiguous', ambiguous[1]],
  ]);
});

test('a text Excel might coerce (the year title, a numbered target "12.…") is written with a leading apostrophe', async () => {
  const { fake, grid, name } = await exported('1.9');
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

test('text cells get the text format "@" (numbers General; 分值 below the header the core\'s weight format) in the same request, before the values are written', async () => {
  const { fake, grid, name } = await exported('1.9');
  const layout = masterSheetLayout(grid.length);
  const weight = MASTER_COLUMNS.indexOf(layout.weightFormat.column);
  const entries = fake.entriesFor(fake.sheet(name).id);
  const formatAt = entries.findIndex((e) => e.kind === 'set' && e.prop === 'numberFormat');
  const valuesAt = entries.findIndex((e) => e.kind === 'set' && e.prop === 'values');
  expect(formatAt).toBeGreaterThanOrEqual(0);
  expect(formatAt).toBeLessThan(valuesAt);
  const formats = fake.setsOn(name, 'numberFormat');
  // The grid, then the spare rows of 分值 below it (as the .xlsx file formats the whole column).
  expect(formats.map((f) => f.range)).toEqual([
    `A1:H${grid.length}`,
    `G${grid.length + 1}:G${parseRange(layout.weightFormat.range).bottom}`,
  ]);
  expect(formats[0]!.value).toEqual(
    grid.map((row, r) =>
      row.map((v, c) =>
        c === weight && r >= MASTER_HEADER_ROW ? layout.weightFormat.format : typeof v === 'number' ? 'General' : '@',
      ),
    ),
  );
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
  const first = grid.findIndex(
    (row, i) =>
      i >= MASTER_HEADER_ROW &&
      row[category] !== '' &&
      grid[i + 1]?.[category] === row[category] &&
      grid[i + 2]?.[category] === row[category],
  );
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
  const mergedCall = fake.journal.findIndex(
    (e) => e.kind === 'call' && e.method === 'usedRange.getMergedAreasOrNullObject',
  );
  expect(mergedCall).toBeGreaterThan(syncs[syncs.length - 2]!);
  expect(mergedCall).toBeLessThan(syncs[syncs.length - 1]!);
  expect(read.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight]))).toEqual(
    catalog.units.map((u) => u.items.map((i) => [i.block, i.category, i.item, i.content, i.weight])),
  );
});

test("the sheet's layout is the core's: its column widths (as the .xlsx master file, in points) and the rows frozen above the targets", async () => {
  const { fake, grid, name } = await exported('1.9');
  const layout = masterSheetLayout(grid.length);
  expect(fake.setsOn(name, 'format.columnWidth').map((s) => s.value)).toEqual(
    MASTER_COLUMNS.map((column) => columnWidthPoints(MASTER_COLUMN_WIDTHS[column])),
  );
  // The title and header rows and 单位 are frozen (applyFreeze: freezeAt down to B2's row and A's column).
  expect(layout.freeze).toEqual({ rows: MASTER_HEADER_ROW, cols: 1 });
  expect(fake.sheet(name).frozen).toEqual(layout.freeze);
  expect(fake.setsOn(name, 'format.font.bold').map((s) => s.range)).toEqual([
    layout.titleMerge,
    `A${MASTER_HEADER_ROW}:H${MASTER_HEADER_ROW}`,
  ]);
});

test("the title merge, the autofilter, 分值's format and the 分组 / 板块 / 分值 validations are the core's layout, in the export's two syncs", async () => {
  const { fake, grid, name } = await exported('1.9');
  expect(fake.syncs).toBe(2);
  const layout = masterSheetLayout(grid.length);
  const sheet = fake.sheet(name);
  expect(layout.titleMerge).toBe('A1:H1');
  expect(sheet.merges).toEqual([layout.titleMerge]);
  expect(fake.callsOn(name, 'merge')).toEqual([expect.objectContaining({ range: layout.titleMerge, args: [false] })]);
  expect(layout.filter).toBe(`A${MASTER_HEADER_ROW}:H${grid.length}`);
  expect(sheet.autoFilter).toBe(layout.filter);
  // Every 分值 cell below the header, the spare rows included, has the weight format; the column above it not.
  const weight = parseRange(layout.weightFormat.range);
  expect(weight.bottom).toBeGreaterThan(grid.length);
  for (let row = weight.top; row <= weight.bottom; row++)
    expect(sheet.formats.get(`${row},${weight.left}`)).toBe('0.0#');
  expect(sheet.formats.get(`${MASTER_HEADER_ROW},${weight.left}`)).toBe('@');
  // Drop-down lists of the group and block labels and 分值 ≥ 0, blanks allowed, over the layout's ranges.
  expect(layout.validations.map((v) => v.column)).toEqual(['group', 'block', 'weight']);
  expect(fake.setsOn(name, 'dataValidation.rule').map((s) => [s.range, s.value])).toEqual([
    [
      layout.validations[0]!.range,
      { list: { inCellDropDown: true, source: GROUPS.map((g) => GROUP_LABELS[g]).join(',') } },
    ],
    [
      layout.validations[1]!.range,
      { list: { inCellDropDown: true, source: `${BLOCK_LABELS.party},${BLOCK_LABELS.own}` } },
    ],
    [layout.validations[2]!.range, { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } }],
  ]);
  expect(fake.setsOn(name, 'dataValidation.ignoreBlanks').map((s) => [s.range, s.value])).toEqual(
    layout.validations.map((v) => [v.range, true]),
  );
});

test('the live sheet and the .xlsx master file of one catalog have the same title merge, filter, freeze and validation ranges', async () => {
  const { fake, catalog, name } = await exported('1.9');
  const xml = new TextDecoder().decode(unzipSync(await writeMasterWorkbook(catalog))['xl/worksheets/sheet1.xml']!);
  const sheet = fake.sheet(name);
  expect([...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1])).toEqual(sheet.merges);
  expect(xml.match(/<autoFilter ref="([^"]+)"/)?.[1]).toBe(sheet.autoFilter);
  const pane = xml.match(/<pane xSplit="(\d+)" ySplit="(\d+)"/);
  expect({ rows: Number(pane?.[2]), cols: Number(pane?.[1]) }).toEqual(sheet.frozen);
  const fileRules = [...xml.matchAll(/<dataValidation type="(\w+)"[^>]*sqref="([^"]+)"/g)].map((m) => [m[2], m[1]]);
  const liveRules = fake.setsOn(name, 'dataValidation.rule').map((s) => [s.range, Object.keys(s.value as object)[0]]);
  expect(liveRules).toEqual(fileRules);
  expect(xml).toContain('<formula1>&quot;事业局,市（州）局,厅机关处室,厅直属单位&quot;</formula1>');
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
  const rows = rowsFromRange("'考核目标'!C3:D5", [
    ['共性指标', 'a'],
    [null, 'b'],
    [null, 'c'],
  ]);
  expect(rows.map((r) => r.row)).toEqual([3, 4, 5]);
  expect(rows[0]!.cells).toEqual([null, null, '共性指标', 'a']);
  const filled = fillMergedAreas(rows, mergedAreasFrom(["'考核目标'!C3:C5"]));
  expect(filled.map((r) => r.cells[2])).toEqual(['共性指标', '共性指标', '共性指标']);
  expect(filled.map((r) => r.cells[3])).toEqual(['a', 'b', 'c']);
});
