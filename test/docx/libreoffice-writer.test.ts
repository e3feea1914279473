// The 2019 targets as a .docx written by another program: the tests' own document (built with the `docx` library)
// opened and saved again by LibreOffice Writer, whose XML is its own — text split into several runs, a paragraph
// style and borders on every cell, no numbering or notes parts. Read by the product's .docx reader, it must give the
// catalog the text export gives. Needs Debian's libreoffice-writer-nogui (a failure, never a skip, without it).
import { unzipSync } from 'fflate';
import { readCatalogText } from '../../src/core/catalog/build';
import { readTargetsText } from '../../src/core/catalog/read-text';
import { readCatalogDocx } from '../../src/docx/read-docx';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { convertWithLibreOffice } from '../support/libreoffice';
import { buildDocx } from './build-docx';

jest.setTimeout(300_000);

const text = readTargetsText(EMBEDDED_SOURCE_TEXT);
const fromText = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
let ours: Uint8Array;
let writers: Uint8Array;
beforeAll(async () => {
  ours = await buildDocx(text.document);
  [writers] = convertWithLibreOffice([{ name: '2019-targets.docx', bytes: ours }], 'docx:MS Word 2007 XML', {
    missingHint: 'libreoffice-writer-nogui',
  }) as [Uint8Array];
});

const documentXml = (docx: Uint8Array): string => new TextDecoder().decode(unzipSync(docx)['word/document.xml']);
const count = (xml: string, pattern: RegExp): number => (xml.match(pattern) ?? []).length;

test('LibreOffice Writer wrote its own XML, not ours', () => {
  const a = documentXml(ours);
  const b = documentXml(writers);
  // The same tables and merges…
  expect(count(b, /<w:tbl>/g)).toBe(count(a, /<w:tbl>/g));
  expect(count(b, /<w:vMerge w:val="continue"\/>/g)).toBe(count(a, /<w:vMerge w:val="continue"\/>/g));
  // …written differently: Writer splits text into more runs and styles every paragraph and cell.
  expect(count(b, /<w:r>/g)).toBeGreaterThan(count(a, /<w:r>/g) * 1.5);
  expect(count(b, /<w:pStyle /g)).toBeGreaterThan(count(a, /<w:pStyle /g) + 1000);
  expect(count(b, /<w:tcBorders>/g)).toBeGreaterThan(1000);
  expect(Object.keys(unzipSync(writers)).sort()).not.toEqual(Object.keys(unzipSync(ours)).sort());
});

test('read by the .docx reader, it gives the text export’s catalog: 52 units, the same targets and weights', () => {
  const catalog = readCatalogDocx(writers, { source: '2019-targets.docx' });
  expect(catalog.year).toBe(fromText.year);
  expect(catalog.units).toHaveLength(52);
  expect(catalog.units).toEqual(fromText.units);
});

test('with the very diagnostics of the document as we write it', () => {
  const fromOurs = readCatalogDocx(ours, { source: '2019-targets.docx' });
  expect(readCatalogDocx(writers, { source: '2019-targets.docx' }).diagnostics).toEqual(fromOurs.diagnostics);
  expect(fromOurs.diagnostics.length).toBeGreaterThan(20);
});
