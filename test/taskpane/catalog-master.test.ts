// 生成 / 汇总 open a targets file: an .xlsx is a master sheet (not a Word document, although both are zips).
import { catalogFileKind } from '../../src/core/catalog/file';
import { readCatalogFile } from '../../src/taskpane/engine/catalog';
import { writeMasterWorkbook } from '../../src/xlsx/master';
import { embeddedCatalog } from './support/sheets';

test('opening a master sheet (.xlsx) in the pane gives back the catalog it was written from', async () => {
  const catalog = embeddedCatalog();
  const bytes = await writeMasterWorkbook(catalog);
  const read = await readCatalogFile(new File([bytes as Uint8Array<ArrayBuffer>], '2019-考核目标.xlsx'));
  expect(read.year).toBe(2019);
  expect(read.units.map((u) => u.name)).toEqual(catalog.units.map((u) => u.name));
  expect(read.units.map((u) => u.items.length)).toEqual(catalog.units.map((u) => u.items.length));
  expect(read.units.map((u) => u.items.map((i) => i.weight))).toEqual(
    catalog.units.map((u) => u.items.map((i) => i.weight)),
  );
  // The 2019 document leaves two targets without 分值; the master sheet carries that gap, it does not invent one.
  const errors = (c: typeof catalog) =>
    c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.unit}:${d.code}`);
  expect(errors(read)).toEqual(errors(catalog));
});

test('a master sheet saved under a name without .xlsx is still recognised by its contents', async () => {
  const bytes = await writeMasterWorkbook(embeddedCatalog());
  expect(catalogFileKind('targets', bytes)).toBe('xlsx');
  const read = await readCatalogFile(new File([bytes as Uint8Array<ArrayBuffer>], 'targets'));
  expect(read.units).toHaveLength(embeddedCatalog().units.length);
});

test('a zip that is not a workbook is not taken for a master sheet', () => {
  expect(catalogFileKind('notes.docx', new TextEncoder().encode('PK\u0003\u0004 xl/workbook.xml'))).toBe('docx');
  expect(catalogFileKind('archive.zip', new TextEncoder().encode('PK\u0003\u0004 word/document.xml'))).toBe(
    'unsupported',
  );
  expect(catalogFileKind('targets', new TextEncoder().encode('PK\u0003\u0004 word/document.xml'))).toBe('docx');
});
