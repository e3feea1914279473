import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogSchema } from '../../src/core/catalog/schema';
import { CatalogSourceError } from '../../src/app/catalog-source';
import { loadCatalog } from '../../src/cli/load-catalog';
import { decodeText } from '../../src/core/catalog/decode';
import { documentText, ownTable, partyTable20 } from '../core/catalog/craft';

const text = documentText([...partyTable20(), '2019年度各事业局考核任务目标', ...ownTable('测试局')]);
let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'load-catalog-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function utf16le(value: string, bom = true): Uint8Array {
  const bytes = new Uint8Array((bom ? 2 : 0) + value.length * 2);
  if (bom) bytes.set([0xff, 0xfe]);
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    bytes[(bom ? 2 : 0) + i * 2] = code & 0xff;
    bytes[(bom ? 2 : 0) + i * 2 + 1] = code >> 8;
  }
  return bytes;
}

describe('loadCatalog', () => {
  test('with no source reads the embedded 2019 document', async () => {
    const catalog = await loadCatalog();
    expect(catalogSchema.parse(catalog)).toEqual(catalog);
    expect(catalog.source).toBe('2019-targets.txt');
    expect(catalog.units).toHaveLength(52);
  });

  test('reads a UTF-8 export with a byte-order mark and a UTF-16 ("Unicode") export the same', async () => {
    const utf8 = path.join(work, 'utf8.txt');
    writeFileSync(utf8, `\uFEFF${text}`);
    const unicode = path.join(work, 'unicode.txt');
    writeFileSync(unicode, utf16le(text));
    const a = await loadCatalog(utf8);
    const b = await loadCatalog(unicode);
    expect(a.units).toEqual(b.units);
    expect(a.units.map((u) => u.name)).toEqual(['测试局']);
    expect(b.diagnostics).toEqual([]);
    expect(b.source).toBe('unicode.txt');
  });

  test('refuses what it cannot read with a coded error', async () => {
    await expect(loadCatalog(path.join(work, 'absent.txt'))).rejects.toMatchObject({ code: 'missing' });
    await expect(loadCatalog(work)).rejects.toBeInstanceOf(CatalogSourceError);
    await expect(loadCatalog(work)).rejects.toMatchObject({ code: 'directory' });
    const pdf = path.join(work, 'a.pdf');
    writeFileSync(pdf, '%PDF');
    await expect(loadCatalog(pdf)).rejects.toMatchObject({ code: 'unsupported', params: { ext: '.pdf' } });
  });
});

describe('decodeText', () => {
  test('tells UTF-8, UTF-16 and GB18030 apart and refuses binary data', () => {
    expect(decodeText(new TextEncoder().encode('指标类别'))).toEqual({ text: '指标类别', encoding: 'utf-8' });
    expect(decodeText(utf16le('指标类别'))).toEqual({ text: '指标类别', encoding: 'utf-16le' });
    // 指标类别 in GB18030 (GBK range): D6 B8 B1 EA C0 E0 B1 F0
    expect(decodeText(Uint8Array.from([0xd6, 0xb8, 0xb1, 0xea, 0xc0, 0xe0, 0xb1, 0xf0]))).toEqual({
      text: '指标类别',
      encoding: 'gb18030',
    });
    expect(decodeText(Uint8Array.from([0x00, 0x01, 0x02, 0x03]))).toBeNull();
    expect(decodeText(Uint8Array.from([0x81, 0x20, 0xff]))).toBeNull();
  });
});
