// A master sheet that went through LibreOffice Calc (a second spreadsheet engine, as staff using LibreOffice would
// hand it back) is still read to the same catalog.
import { readCatalogText } from '../../src/core/catalog/build';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { readMasterWorkbook, writeMasterWorkbook } from '../../src/xlsx/master';
import { readWorkbook } from '../../src/xlsx/read';
import { resaveWithLibreOffice } from '../support/libreoffice';

const fromText = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });

test('the 2019 master sheet opens in LibreOffice, and re-saved by it reads to the same catalog', async () => {
  const original = await writeMasterWorkbook(fromText);
  const resaved = resaveWithLibreOffice(original);
  // LibreOffice wrote its own file (not a copy), with the same sheet.
  expect(Buffer.from(resaved).equals(Buffer.from(original))).toBe(false);
  const read = readWorkbook(resaved);
  expect(read.ok && read.contents.sheets.map((s) => s.name)).toEqual(['考核目标']);
  const catalog = await readMasterWorkbook(resaved, { source: 'lo.xlsx' });
  expect(catalog.year).toBe(2019);
  expect(catalog.units).toEqual(fromText.units);
}, 180_000);
