import { strToU8, unzipSync, zipSync } from 'fflate';
import type { TargetsDocument } from '../../src/core/catalog/document';
import { MAX_DOCUMENT_XML_BYTES, readDocx } from '../../src/docx/read-docx';
import { buildDocx, packageWithBody, paragraphsXml } from './build-docx';

function read(bytes: Uint8Array): TargetsDocument {
  const result = readDocx(bytes);
  if (!result.ok) throw new Error(`readDocx failed: ${result.code}`);
  return result.document;
}

/** The document without positions, for comparing what was read. */
function texts(document: TargetsDocument): Array<string | string[][]> {
  return document.blocks.map((block) => (block.kind === 'title' ? block.text : block.rows.map((row) => row.cells)));
}

const unitTable: TargetsDocument = {
  blocks: [
    { kind: 'title', text: '2019年度各事业局考核任务目标', line: 1 },
    { kind: 'title', text: '省地质矿产勘查开发局', line: 2 },
    {
      kind: 'table',
      rows: [
        { line: 3, cells: ['指标类别', '考核项目', '考核内容', '分值'] },
        { line: 4, cells: ['共\n性\n指\n标', '重点\n工作\n任务', '新提交普查基地3处。', '16'] },
        { line: 5, cells: ['', '', '全力推进绿色勘查工作。', '8'] },
        { line: 6, cells: ['', '经济发展指标', '实现地勘投入1.1亿元。', '4'] },
        { line: 7, cells: ['个\n性\n指\n标', '清理债权债务 & 收回欠款 <5000万元>', '5'] },
        { line: 8, cells: ['', '钾肥总产量不少于6万吨。', '5'] },
      ],
    },
  ],
};

describe('reading a Word document (.docx) directly', () => {
  test('titles and a unit table come back in reading order, vertically merged cells read as empty cells', async () => {
    const bytes = await buildDocx(unitTable);
    const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
    // The file really uses Word's merge markup, not empty cells.
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(xml).toMatch(/<w:vMerge w:val="continue"\/>/);
    expect(xml).toMatch(/<w:gridSpan w:val="2"\/>/);
    expect(texts(read(bytes))).toEqual(texts(unitTable));
  });

  test('line numbers count body paragraphs and table rows in reading order', async () => {
    const document = read(await buildDocx(unitTable));
    expect(document.blocks[0]).toMatchObject({ kind: 'title', line: 1 });
    expect(document.blocks[1]).toMatchObject({ kind: 'title', line: 2 });
    const table = document.blocks[2];
    expect(table?.kind).toBe('table');
    if (table?.kind === 'table') expect(table.rows.map((row) => row.line)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  test('a continued merge written as a bare <w:vMerge/> is an empty cell, even if Word left text in it', () => {
    const cell = (text: string, properties = ''): string =>
      `<w:tc><w:tcPr>${properties}</w:tcPr>${paragraphsXml(text)}</w:tc>`;
    const bytes = packageWithBody(
      '<w:tbl>' +
        `<w:tr>${cell('共性指标', '<w:vMerge w:val="restart"/>')}${cell('甲')}<w:tc>${paragraphsXml('2')}</w:tc></w:tr>` +
        `<w:tr>${cell('stale', '<w:vMerge/>')}${cell('乙')}${cell('3')}</w:tr>` +
        '</w:tbl>',
    );
    expect(texts(read(bytes))).toEqual([
      [
        ['共性指标', '甲', '2'],
        ['', '乙', '3'],
      ],
    ]);
  });

  test('text of tracked deletions, field codes and drawings is not read; insertions, tabs and breaks are', () => {
    const bytes = packageWithBody(
      '<w:p><w:ins><w:r><w:t>新增</w:t></w:r></w:ins><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>' +
        '<w:r><w:instrText> PAGE </w:instrText><w:t>正文</w:t><w:tab/><w:t>A</w:t><w:br/><w:t>B</w:t></w:r>' +
        '<w:r><w:drawing><w:t>图中文字</w:t></w:drawing></w:r></w:p>' +
        '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>内容控件里的标题</w:t></w:r></w:p></w:sdtContent></w:sdt>' +
        '<w:p><w:r><w:t>&lt;省&amp;局&gt; &#x4E00;&#20108;</w:t></w:r></w:p>',
    );
    expect(texts(read(bytes))).toEqual(['新增正文\tA\nB', '内容控件里的标题', '<省&局> 一二']);
  });

  test('a cell’s paragraphs are trimmed and joined by line breaks, empty paragraphs left out', () => {
    const bytes = packageWithBody(
      `<w:tbl><w:tr><w:tc>${paragraphsXml(' 党\n\n政 \n\n20\n\n分')}</w:tc><w:tc>${paragraphsXml('')}</w:tc></w:tr></w:tbl>`,
    );
    expect(texts(read(bytes))).toEqual([[['党\n政\n20\n分', '']]]);
  });

  test('empty paragraphs are not titles, but still count as lines', () => {
    const bytes = packageWithBody(
      `<w:p/>${paragraphsXml('标题')}<w:p><w:r><w:t>  </w:t></w:r></w:p>${paragraphsXml('下一个')}`,
    );
    expect(read(bytes).blocks).toEqual([
      { kind: 'title', text: '标题', line: 2 },
      { kind: 'title', text: '下一个', line: 4 },
    ]);
  });
});

describe('a file that is not a readable Word document is refused with a code, never half-read', () => {
  test('bytes that are not a zip', () => {
    expect(readDocx(strToU8('2019年度考核目标\t分值'))).toEqual({ ok: false, code: 'docx-not-zip', params: {} });
  });

  test('a zip without a Word document inside (e.g. an .xlsx renamed)', () => {
    const result = readDocx(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }));
    expect(result).toMatchObject({ ok: false, code: 'docx-no-document' });
  });

  test('a document with a DOCTYPE (where external entities would hide) is refused', () => {
    const bytes = packageWithBody(paragraphsXml('&xxe;'), {
      prolog: '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    });
    expect(readDocx(bytes)).toMatchObject({ ok: false, code: 'docx-xml-doctype' });
  });

  test('an undeclared entity or unbalanced tags are malformed XML', () => {
    expect(readDocx(packageWithBody('<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>'))).toMatchObject({
      ok: false,
      code: 'docx-xml-malformed',
    });
    expect(readDocx(packageWithBody('<w:p><w:r><w:t>x</w:r></w:p>'))).toMatchObject({
      ok: false,
      code: 'docx-xml-malformed',
    });
  });

  test('a document part that declares more than the size limit is refused before it is inflated', () => {
    // A highly compressible part just over the limit: the declared size is what is checked.
    const huge = new Uint8Array(MAX_DOCUMENT_XML_BYTES + 1).fill(0x20);
    const bytes = zipSync({ 'word/document.xml': huge }, { level: 9 });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(readDocx(bytes)).toMatchObject({ ok: false, code: 'docx-too-large' });
  });
});
