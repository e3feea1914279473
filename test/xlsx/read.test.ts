import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { validateWorkbookBytes } from '../../src/app/check';
import { readWorkbook, type ReadResult } from '../../src/xlsx/read';
import { readCatalogText } from '../../src/core/catalog/build';
import { buildSheetPlan } from '../../src/core/plan/build';
import { catalogIdentity } from '../../src/core/plan/fingerprint';
import { sheetTexts } from '../../src/i18n/sheet-texts';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { renderPlanToXlsx } from '../../src/xlsx/render';
import { fillFullMarks } from '../support/fill';

async function excelJsWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评分表');
  ws.getCell('A1').value = '2019年度测试单位考核目标评分表';
  ws.getCell('E6').value = 8;
  ws.getCell('E7').value = 12.5;
  ws.getCell('G6').value = '8分';
  ws.getCell('H6').value = true;
  ws.getCell('E8').value = { formula: 'SUM(E6:E7)', result: 20.5 } as ExcelJS.CellFormulaValue;
  ws.getCell('C9').value = 'a < b & "c"';
  await ws.protect('secret', {});
  const meta = wb.addWorksheet('meta');
  meta.state = 'veryHidden';
  meta.getCell('A1').value = 'format';
  meta.getCell('B1').value = 'target-sheets';
  const hidden = wb.addWorksheet('hidden');
  hidden.state = 'hidden';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function failureCode(result: ReadResult): string {
  return result.ok ? 'ok' : result.failure.code;
}

describe('reading a workbook file', () => {
  it('reads values, formulas with their results, sheet visibility and protection', async () => {
    const result = readWorkbook(await excelJsWorkbook());
    if (!result.ok) throw new Error(`unexpected failure ${result.failure.code}`);
    const [sheet, meta, hidden] = result.contents.sheets;
    expect(sheet).toMatchObject({ name: '评分表', visibility: 'visible', protected: true });
    expect(meta).toMatchObject({ name: 'meta', visibility: 'veryHidden', protected: false });
    expect(hidden).toMatchObject({ name: 'hidden', visibility: 'hidden' });
    const byAddress = new Map(sheet!.cells.map((c) => [c.address, c]));
    expect(byAddress.get('A1')?.value).toBe('2019年度测试单位考核目标评分表');
    expect(byAddress.get('E6')).toEqual({ address: 'E6', row: 6, col: 5, value: 8 });
    expect(byAddress.get('E7')?.value).toBe(12.5);
    expect(byAddress.get('G6')?.value).toBe('8分');
    expect(byAddress.get('H6')?.value).toBe(true);
    expect(byAddress.get('E8')).toMatchObject({ value: 20.5, formula: 'SUM(E6:E7)' });
    expect(byAddress.get('C9')?.value).toBe('a < b & "c"');
    expect(meta!.cells.map((c) => c.value)).toEqual(['format', 'target-sheets']);
  });

  it('expands shared formulas and reads inline strings as a spreadsheet program would write them', () => {
    const sheetXml =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><r><t>合</t></r><r><t>计</t></r></is></c>' +
      '<c r="G2"><f t="shared" ref="G2:G4" si="0">IF(E2&gt;0,E2*$B$1,"")</f><v>1</v></c></row>' +
      '<row r="3"><c r="G3"><f t="shared" si="0"/><v>2</v></c></row>' +
      '<row r="4"><c r="G4"><f t="shared" si="0"/></c></row>' +
      '</sheetData><sheetProtection sheet="true"/></worksheet>';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      '_rels/.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="http://example.invalid/x.xlsx" TargetMode="External"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml),
    });
    const result = readWorkbook(bytes);
    if (!result.ok) throw new Error(`unexpected failure ${result.failure.code}`);
    const cells = result.contents.sheets[0]!.cells;
    expect(result.contents.sheets[0]!.protected).toBe(true);
    expect(cells).toEqual([
      { address: 'A2', row: 2, col: 1, value: '合计' },
      { address: 'G2', row: 2, col: 7, value: 1, formula: 'IF(E2>0,E2*$B$1,"")' },
      { address: 'G3', row: 3, col: 7, value: 2, formula: 'IF(E3>0,E3*$B$1,"")' },
      { address: 'G4', row: 4, col: 7, value: null, formula: 'IF(E4>0,E4*$B$1,"")' },
    ]);
  });

  it('reads cells without addresses (positions from their order) and CDATA text, as some writers produce', () => {
    const sheetXml =
      '<worksheet><sheetData><row r="3"><c t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c><c><v>7</v></c></row>' +
      '<row><c t="b"><v>1</v></c></row></sheetData></worksheet>';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml),
    });
    const result = readWorkbook(bytes);
    if (!result.ok) throw new Error(`unexpected failure ${result.failure.code}`);
    expect(result.contents.sheets[0]!.cells).toEqual([
      { address: 'A3', row: 3, col: 1, value: 'a<b' },
      { address: 'B3', row: 3, col: 2, value: 7 },
      { address: 'A4', row: 4, col: 1, value: true },
    ]);
    expect(result.contents.sheets[0]!.protected).toBe(false);
  });

  it('reads attributes in single quotes (legal XML) like their double-quoted twins, on both reading paths', () => {
    const sheetXml = (q: string, extra = '') =>
      `<worksheet><sheetData><row r=${q}2${q}><c r=${q}A2${q} t=${q}s${q}><v>0</v></c><c r=${q}B2${q}><v>12.5</v></c>` +
      `<c r=${q}C2${q} t=${q}b${q}><v>1</v></c>${extra}` +
      `<c r=${q}G2${q}><f t=${q}shared${q} ref=${q}G2:G3${q} si=${q}0${q}>SUM(A2:B2)</f><v>12.5</v></c></row>` +
      `<row r=${q}3${q}><c r=${q}G3${q}><f t=${q}shared${q} si=${q}0${q}/><v>0</v></c></row>` +
      `</sheetData><sheetProtection sheet=${q}1${q}/></worksheet>`;
    const read = (xml: string) => {
      const result = readWorkbook(
        zipSync({
          '[Content_Types].xml': strToU8('<Types/>'),
          'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
          'xl/_rels/workbook.xml.rels': strToU8(
            '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          ),
          'xl/worksheets/sheet1.xml': strToU8(xml),
          'xl/sharedStrings.xml': strToU8('<sst><si><t>考核得分</t></si></sst>'),
        }),
      );
      if (!result.ok) throw new Error(`unexpected failure ${result.failure.code}`);
      return result.contents.sheets[0]!;
    };
    const expected = {
      name: 'S',
      visibility: 'visible',
      protected: true,
      cells: [
        { address: 'A2', row: 2, col: 1, value: '考核得分' },
        { address: 'B2', row: 2, col: 2, value: 12.5 },
        { address: 'C2', row: 2, col: 3, value: true },
        { address: 'G2', row: 2, col: 7, value: 12.5, formula: 'SUM(A2:B2)' },
        { address: 'G3', row: 3, col: 7, value: 0, formula: 'SUM(A3:B3)' },
      ],
    };
    expect(read(sheetXml('"'))).toEqual(expected);
    expect(read(sheetXml("'"))).toEqual(expected);
    // CDATA sends a worksheet to the general (tokenising) path, which must agree.
    const cdata = { address: 'D2', row: 2, col: 4, value: 'x' };
    const withCdata = { ...expected, cells: [...expected.cells.slice(0, 3), cdata, ...expected.cells.slice(3)] };
    const inline = (q: string) => `<c r=${q}D2${q} t=${q}inlineStr${q}><is><t><![CDATA[x]]></t></is></c>`;
    expect(read(sheetXml('"', inline('"')))).toEqual(withCdata);
    expect(read(sheetXml("'", inline("'")))).toEqual(withCdata);
  });

  it('reads an empty shared string written <si/> as an empty entry on both paths, keeping the indexes after it', () => {
    const read = (strings: string) => {
      const result = readWorkbook(
        zipSync({
          '[Content_Types].xml': strToU8('<Types/>'),
          'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
          'xl/_rels/workbook.xml.rels': strToU8(
            '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
          ),
          'xl/worksheets/sheet1.xml': strToU8(
            '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row></sheetData></worksheet>',
          ),
          'xl/sharedStrings.xml': strToU8(strings),
        }),
      );
      if (!result.ok) throw new Error(`unexpected failure ${result.failure.code}`);
      return result.contents.sheets[0]!.cells.map((c) => c.value);
    };
    expect(read('<sst><si><t>a</t></si><si/><si><t>合计</t></si></sst>')).toEqual(['合计']);
    // CDATA sends the table to the general path.
    expect(read('<sst><si><t><![CDATA[a]]></t></si><si/><si><t>合计</t></si></sst>')).toEqual(['合计']);
  });

  it('reads a cell whose address has no quotes (not XML, but seen) by its position, without failing', () => {
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        '<worksheet><sheetData><row r="2"><c r="A2"><v>1</v></c><c r=B2><v>2</v></c></row></sheetData></worksheet>',
      ),
    });
    const result = readWorkbook(bytes);
    if (!result.ok) throw new Error(`unexpected failure ${JSON.stringify(result.failure)}`);
    expect(result.contents.sheets[0]!.cells.map((c) => [c.address, c.value])).toEqual([
      ['A2', 1],
      ['B2', 2],
    ]);
  });

  it('reads a worksheet full of unclosed cells (crafted to make a reader backtrack) without hanging', () => {
    const sheetXml = `<worksheet><sheetData><row r="1">${'<c r="A1"><v>1</v>'.repeat(40_000)}</row></sheetData></worksheet>`;
    const strings = `<sst>${'<si><t>x</t>'.repeat(40_000)}</sst>`;
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheetXml),
      'xl/sharedStrings.xml': strToU8(strings),
    });
    const result = readWorkbook(bytes);
    // Nothing sensible is in there, but the reader answers (no cell is complete, so none is read).
    if (!result.ok) throw new Error(`unexpected failure ${JSON.stringify(result.failure)}`);
    expect(result.contents.sheets[0]!.cells).toEqual([]);
    // Tags that never close at all.
    const open = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(
        `<worksheet><sheetData>${'<c r="A1" '.repeat(40_000)}</sheetData></worksheet>`,
      ),
      'xl/sharedStrings.xml': strToU8(`<sst>${'<si '.repeat(40_000)}</sst>`),
    });
    const second = readWorkbook(open);
    expect(second.ok ? second.contents.sheets[0]!.cells : second.failure.code).toEqual([]);
  });

  it('refuses a zip bomb before inflating it', () => {
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const result = readWorkbook(bomb);
    expect(result).toEqual({
      ok: false,
      failure: { code: 'file-archive-limits', params: expect.objectContaining({ reason: 'archive-too-large' }) },
    });
  });

  it('refuses an entry compressed far beyond what a spreadsheet part needs', () => {
    const bomb = zipSync({ '[Content_Types].xml': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(failureCode(readWorkbook(bomb))).toBe('file-archive-limits');
  });

  it('refuses an archive with thousands of entries', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 2500; i++) files[`x/${i}.xml`] = strToU8('<a/>');
    expect(readWorkbook(zipSync(files))).toEqual({
      ok: false,
      failure: { code: 'file-archive-limits', params: expect.objectContaining({ reason: 'archive-too-many-entries' }) },
    });
  });

  it('refuses a file over the size limit', () => {
    const big = new Uint8Array(21 * 1024 * 1024);
    big[0] = 0x50;
    big[1] = 0x4b;
    expect(failureCode(readWorkbook(big))).toBe('file-too-large');
  });

  it('reports a truncated workbook as corrupt, for being truncated', async () => {
    const bytes = await excelJsWorkbook();
    expect(readWorkbook(bytes.subarray(0, Math.floor(bytes.length / 2)))).toEqual({
      ok: false,
      failure: { code: 'file-corrupt', params: { reason: 'truncated' }, detail: 'no end of central directory record' },
    });
  });

  it('reports a workbook with a damaged part as corrupt', async () => {
    const bytes = await excelJsWorkbook();
    const copy = bytes.slice();
    // Flip bytes in the middle of the compressed data: inflate fails or sizes disagree.
    for (let i = 200; i < 260; i++) copy[i] = copy[i]! ^ 0xff;
    expect(failureCode(readWorkbook(copy))).toMatch(/^file-(corrupt|not-xlsx)$/);
  });

  it('says a csv renamed to .xlsx is not a workbook', () => {
    expect(readWorkbook(strToU8('序号,考核项目,分值\n1,党建,8\n'))).toEqual({
      ok: false,
      failure: { code: 'file-not-a-workbook', params: { kind: 'text' } },
    });
  });

  it('says a password-encrypted workbook (OLE2 container) is encrypted or a legacy .xls', () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(failureCode(readWorkbook(cfb))).toBe('file-encrypted-or-xls');
  });

  it('refuses a macro-enabled workbook (.xlsm)', async () => {
    const parts = unzipSync(await excelJsWorkbook());
    parts['xl/vbaProject.bin'] = new Uint8Array([1, 2, 3]);
    expect(failureCode(readWorkbook(zipSync(parts)))).toBe('file-macro-enabled');
    const typesOnly = unzipSync(await excelJsWorkbook());
    typesOnly['[Content_Types].xml'] = strToU8(
      new TextDecoder()
        .decode(typesOnly['[Content_Types].xml'])
        .replace('spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
    );
    expect(failureCode(readWorkbook(zipSync(typesOnly)))).toBe('file-macro-enabled');
  });

  it('says a zip that is not a spreadsheet (e.g. a .docx) is not an xlsx', () => {
    const docx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      '_rels/.rels': strToU8(
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8('<document/>'),
    });
    expect(failureCode(readWorkbook(docx))).toBe('file-not-xlsx');
  });

  it('refuses XML with a DOCTYPE (entity expansion) instead of expanding it', () => {
    const parts = {
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook><sheets/></workbook>'),
    };
    expect(readWorkbook(zipSync(parts))).toMatchObject({
      ok: false,
      failure: { code: 'file-corrupt', params: { reason: 'xml-declaration' } },
    });
  });

  it('never throws on random bytes, empty files or random bytes behind a zip signature', () => {
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let n = 0; n < 200; n++) {
      const bytes = new Uint8Array(1 + ((n * 37) % 3000)).map(random);
      if (n % 2 === 0) bytes.set([0x50, 0x4b, 0x03, 0x04].slice(0, bytes.length));
      // A failure of the file's, never of the reader's.
      expect(failureCode(readWorkbook(bytes))).toMatch(/^file-/);
    }
    expect(failureCode(readWorkbook(new Uint8Array(0)))).toBe('file-empty');
  });
});

describe('bytes → validation report (the one path of validate, push, collect and the task pane)', () => {
  it('reports a filled template as valid (with and without the catalog) and a non-workbook as unreadable with its code', async () => {
    const catalog = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
    const unit = catalog.units.find((u) => u.group === 'department')!;
    const plan = buildSheetPlan(unit, catalogIdentity(catalog), {
      createdAt: '2019-12-01T00:00:00Z',
      texts: sheetTexts('en'),
    });
    const filled = await fillFullMarks(await renderPlanToXlsx(plan));
    // English texts: found among every language's without being named.
    const plain = validateWorkbookBytes(filled);
    expect(plain).toMatchObject({
      status: 'valid',
      issues: [],
      identity: { unitId: unit.id, unitName: unit.name, year: catalog.year },
    });
    expect(validateWorkbookBytes(filled, { catalog })).toMatchObject({ status: 'valid', issues: [] });

    const csv = validateWorkbookBytes(strToU8('序号,考核项目,分值\n1,党建,8\n'));
    expect(csv).toMatchObject({ status: 'unreadable', identity: null, totals: null });
    expect(csv.issues).toEqual([
      { severity: 'error', code: 'file-not-a-workbook', cell: null, unit: null, params: { kind: 'text' } },
    ]);
  });
});
