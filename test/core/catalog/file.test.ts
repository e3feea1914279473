// Which reader a targets file goes to — one rule for the CLI and the task pane — and the text export's bytes.
import { execFileSync } from 'node:child_process';
import { catalogFileKind, catalogKindOfName, readCatalogTextBytes } from '../../../src/core/catalog/file';
import { readCatalogText } from '../../../src/core/catalog/build';
import { EMBEDDED_SOURCE_TEXT } from '../../../src/seeds/embedded';

const zip = (...names: string[]) => new TextEncoder().encode(`PK\u0003\u0004${names.join(' ')}`);

test('the extension decides, in any letter case; an extension nobody reads is unsupported', () => {
  expect(catalogFileKind('2019-targets.TXT', zip('xl/workbook.xml'))).toBe('text');
  expect(catalogFileKind('目标.Docx', new Uint8Array())).toBe('docx');
  expect(catalogFileKind('考核目标.xlsx', new Uint8Array())).toBe('xlsx');
  expect(catalogFileKind('catalog.json', new Uint8Array())).toBe('json');
  expect(catalogFileKind('targets.pdf', new Uint8Array())).toBe('unsupported');
  expect(catalogFileKind('archive.zip', zip('word/document.xml'))).toBe('unsupported');
  expect(catalogKindOfName('targets.xlsm')).toBe('unsupported');
  expect(catalogKindOfName('targets')).toBeUndefined();
});

test('without an extension the contents decide: a workbook zip, another zip (Word), else text', () => {
  expect(catalogFileKind('targets', zip('[Content_Types].xml', 'xl/workbook.xml'))).toBe('xlsx');
  expect(catalogFileKind('targets', zip('[Content_Types].xml', 'word/document.xml'))).toBe('docx');
  expect(catalogFileKind('targets', new TextEncoder().encode('一、事业局'))).toBe('text');
  expect(catalogFileKind('dir/sub.d/targets', new TextEncoder().encode('x'))).toBe('text');
});

test('a GB18030 export reads to the UTF-8 catalog plus an info note that the encoding was guessed; binary is no text', () => {
  const gb = new Uint8Array(
    execFileSync(
      '/usr/bin/python3',
      ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gb18030"))'],
      {
        input: EMBEDDED_SOURCE_TEXT,
        maxBuffer: 16 * 1024 * 1024,
      },
    ),
  );
  const fromGb = readCatalogTextBytes(gb, { source: 'gbk.txt' })!;
  const fromUtf8 = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: 'gbk.txt' });
  expect(fromGb.units).toEqual(fromUtf8.units);
  expect(fromGb.diagnostics[0]).toEqual({
    severity: 'info',
    code: 'source-decoded-gb18030',
    unit: null,
    line: null,
    params: {},
  });
  expect(fromGb.diagnostics.slice(1)).toEqual(fromUtf8.diagnostics);
  expect(
    readCatalogTextBytes(new TextEncoder().encode(EMBEDDED_SOURCE_TEXT), { source: 'a.txt' })!.diagnostics,
  ).toEqual(fromUtf8.diagnostics);
  expect(readCatalogTextBytes(new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00]), { source: 'x.txt' })).toBeNull();
});
