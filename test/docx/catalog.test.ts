import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { unzipSync } from 'fflate';
import { readCatalogText } from '../../src/core/catalog/build';
import type { Diagnostic } from '../../src/core/catalog/model';
import { UnopenableCatalogFile } from '../../src/core/catalog/file';
import { readTargetsText } from '../../src/core/catalog/read-text';
import { readCatalogDocx } from '../../src/docx/read-docx';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../../src/seeds/embedded';
import { buildDocx } from './build-docx';

/** A diagnostic without its positions: `line`, and the params that are line numbers too (row-split's). */
function withoutLine(d: Diagnostic): Omit<Diagnostic, 'line'> {
  const { line: _line, params, ...rest } = d;
  const { row: _row, weightLine: _weightLine, ...others } = params;
  return { ...rest, params: others };
}

function count(xml: string, pattern: RegExp): number {
  return (xml.match(pattern) ?? []).length;
}

describe('the 2019 document as a Word file (.docx)', () => {
  const text = readTargetsText(EMBEDDED_SOURCE_TEXT);
  const fromText = readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
  let bytes: Uint8Array;
  beforeAll(async () => {
    // Built from what the text export holds: the same titles and tables, with Word's merge markup.
    bytes = await buildDocx(text.document);
  });

  test('is a Word document with the department’s tables: vertically merged labels and merged columns', () => {
    const xml = new TextDecoder().decode(unzipSync(bytes)['word/document.xml']);
    const tables = text.document.blocks.filter((b) => b.kind === 'table').length;
    expect(count(xml, /<w:tbl>/g)).toBe(tables);
    expect(count(xml, /<w:vMerge w:val="restart"\/>/g)).toBeGreaterThan(100);
    expect(count(xml, /<w:vMerge w:val="continue"\/>/g)).toBeGreaterThan(500);
    expect(count(xml, /<w:gridSpan w:val="2"\/>/g)).toBeGreaterThan(20);
  });

  test('reads to the same catalog as the text export: year, units, targets', () => {
    const fromDocx = readCatalogDocx(bytes, { source: '2019-targets.docx' });
    expect(fromDocx.source).toBe('2019-targets.docx');
    expect(fromDocx.year).toBe(fromText.year);
    expect(fromDocx.units).toHaveLength(52);
    expect(fromDocx.units).toEqual(fromText.units);
  });

  test('with the same diagnostics except line numbers, and except what only the text export needed repairing', () => {
    const fromDocx = readCatalogDocx(bytes, { source: '2019-targets.docx' });
    // The text reader's own findings (rows it had to re-join across page breaks) are about the text export; a
    // .docx has real rows. Everything the builder finds is found again, in the same order.
    const textOnly = (d: Diagnostic) => text.diagnostics.some((r) => r.code === d.code && r.line === d.line);
    const expected = fromText.diagnostics.filter((d) => !textOnly(d));
    expect(text.diagnostics.length).toBeGreaterThan(0);
    expect(fromDocx.diagnostics.map(withoutLine)).toEqual(expected.map(withoutLine));
    expect(fromDocx.diagnostics.every((d) => d.line === null || d.line > 0)).toBe(true);
  });
});

function cell(text: string, options: { rowSpan?: number; columnSpan?: number } = {}): TableCell {
  return new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
    ...options,
  });
}

describe('a Word document written by hand, shaped like the department’s', () => {
  test('party table with a category merged down the rows, a unit table with merged labels and a merged 个性指标 row', async () => {
    const header = () =>
      new TableRow({ children: ['指标类别', '考核项目', '考　核　内　容', '分值'].map((t) => cell(t)) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('2021年度事业局、市(州)局领导班子党政建设')] }),
            new Table({
              rows: [
                header(),
                new TableRow({
                  children: [
                    cell('党\n政\n建\n设\n\n20\n\n分', { rowSpan: 2 }),
                    cell('领导\n班子', { rowSpan: 2 }),
                    cell('加强政治建设。'),
                    cell('12'),
                  ],
                }),
                new TableRow({ children: [cell('加强作风建设。'), cell('8')] }),
              ],
            }),
            new Paragraph({}),
            new Paragraph({ children: [new TextRun('2021年度各事业局考核任务目标')] }),
            new Paragraph({ children: [new TextRun('省 测 试 局')] }),
            new Table({
              rows: [
                header(),
                new TableRow({
                  children: [
                    cell('共\n性\n指\n标', { rowSpan: 3 }),
                    cell('重点工作', { rowSpan: 2 }),
                    cell('完成甲。'),
                    cell('40'),
                  ],
                }),
                new TableRow({ children: [cell('完成乙。'), cell('20')] }),
                new TableRow({ children: [cell('安全生产'), cell('无事故。'), cell('10')] }),
                new TableRow({
                  children: [cell('个性指标', { columnSpan: 2, rowSpan: 2 }), cell('完成丙。'), cell('5')],
                }),
                new TableRow({ children: [cell('完成丁。'), cell('5')] }),
              ],
            }),
          ],
        },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const catalog = readCatalogDocx(bytes, { source: 'hand.docx' });
    expect(catalog.year).toBe(2021);
    expect(catalog.units).toEqual([
      {
        id: 'bureau-01',
        name: '省测试局',
        group: 'bureau',
        totalWeight: 100,
        items: [
          {
            block: 'party',
            category: '党政建设',
            item: '领导班子',
            content: '加强政治建设。',
            weight: 12,
            owner: null,
          },
          { block: 'party', category: '党政建设', item: '领导班子', content: '加强作风建设。', weight: 8, owner: null },
          { block: 'own', category: '共性指标', item: '重点工作', content: '完成甲。', weight: 40, owner: null },
          { block: 'own', category: '共性指标', item: '重点工作', content: '完成乙。', weight: 20, owner: null },
          { block: 'own', category: '共性指标', item: '安全生产', content: '无事故。', weight: 10, owner: null },
          { block: 'own', category: '个性指标', item: '', content: '完成丙。', weight: 5, owner: null },
          { block: 'own', category: '个性指标', item: '', content: '完成丁。', weight: 5, owner: null },
        ],
      },
    ]);
    // The spaced unit name is reported as the text reader reports it, on the paragraph's position.
    expect(catalog.diagnostics.find((d) => d.code === 'unit-name-spaces')).toMatchObject({ unit: '省测试局', line: 7 });
    // The party table's title names the unit's group, so the unit gets it.
    expect(catalog.diagnostics.map((d) => d.code)).not.toContain('party-block-missing');
  });

  test("a file that is not a Word document is no catalog: it is refused with the reader's code", () => {
    const read = () =>
      readCatalogDocx(new TextEncoder().encode('not a docx'), { source: 'x.docx', fallbackYear: 2021 });
    expect(read).toThrow(UnopenableCatalogFile);
    expect(read).toThrow(expect.objectContaining({ code: 'docx-not-zip', params: {} }));
  });
});
