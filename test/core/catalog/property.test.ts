import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { readCatalogText } from '../../../src/core/catalog/build';
import { type Catalog } from '../../../src/core/catalog/model';
import { catalogSchema } from '../../../src/core/catalog/schema';
import { documentText, HEADER, partyTable20, table } from './craft';

const text2019 = readFileSync(path.join(__dirname, '../../../seeds/2019-targets.txt'), 'utf8');
const lines2019 = text2019.split('\n');

function readChecked(text: string): Catalog {
  const catalog = readCatalogText(text, { source: 'property.txt' });
  const parsed = catalogSchema.safeParse(catalog);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 3)));
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const d of catalog.diagnostics) {
    if (d.line !== null && (d.line < 1 || d.line > lineCount))
      throw new Error(`diagnostic ${d.code} at line ${d.line} of ${lineCount}`);
  }
  const ids = catalog.units.map((u) => u.id);
  if (new Set(ids).size !== ids.length) throw new Error('duplicate unit ids');
  return catalog;
}

const compact = (s: string) => s.replace(/\s+/g, '');

const fragments = [
  '\t',
  '\t',
  '\n',
  '\n',
  '\n\n',
  '\r\n',
  ' ',
  '\u3000',
  '指标类别',
  '指标',
  '类别',
  '考核项目',
  '考核内容',
  '分值',
  '共',
  '性',
  '指',
  '标',
  '党政建设',
  '20',
  '分',
  '2019年度',
  '事业局',
  '市(州)',
  '厅机关',
  '厅直属',
  '考核任务目标',
  '领导班子',
  '1',
  '3+2',
  '１．５',
  'abc',
  '。',
  '\uFEFF',
  '\u0000',
  '\ud800',
  '某某局',
  '完成工作',
  '-1',
  '1e400',
  'NaN',
];

describe('the reader never crashes: any input gives a valid catalog and diagnostics', () => {
  test('random text made of document fragments', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 300 }), (parts) => {
        readChecked(parts.join(''));
      }),
      { numRuns: 400 },
    );
  });

  test('random unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        readChecked(text);
      }),
      { numRuns: 300 },
    );
  });

  test('mutated 2019 document: lines deleted, duplicated, emptied or replaced by garbage', () => {
    const mutation = fc.record({
      at: fc.nat({ max: lines2019.length - 1 }),
      kind: fc.constantFrom('delete', 'duplicate', 'empty-cell', 'garbage', 'untab'),
      garbage: fc.string({ maxLength: 12 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 40 }), (mutations) => {
        const lines = [...lines2019];
        for (const m of mutations) {
          const at = Math.min(m.at, lines.length - 1);
          if (at < 0) break;
          if (m.kind === 'delete') lines.splice(at, 1);
          else if (m.kind === 'duplicate') lines.splice(at, 0, lines[at]!);
          else if (m.kind === 'empty-cell') lines[at] = '\t';
          else if (m.kind === 'garbage') lines[at] = `\t${m.garbage}`;
          else lines[at] = lines[at]!.replace(/^\t/, '');
        }
        readChecked(lines.join('\n'));
      }),
      { numRuns: 60 },
    );
  });

  test('any slice of the 2019 document: no content invented', () => {
    fc.assert(
      fc.property(fc.nat({ max: lines2019.length - 1 }), fc.nat({ max: lines2019.length }), (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const text = lines2019.slice(start, end).join('\n');
        const catalog = readChecked(text);
        const source = compact(text);
        // Every content starts with text that is in the input. The one exception is a row the reader joined across a
        // page break, which it reports (row-split): then the content is the longest start the input has (the row
        // above's text, which a cut-off slice can leave shorter than 12 characters) followed by text that stands a
        // few cells later in the input (after the weight) and on a reported continuation row.
        const sliceLines = text.split('\n');
        for (const unit of catalog.units) {
          for (const item of unit.items) {
            const content = compact(item.content);
            if (content === '' || source.includes(content.slice(0, 12))) continue;
            const splits = catalog.diagnostics.filter(
              (d) => d.code === 'row-split' && d.unit === unit.name && d.line !== null,
            );
            expect([item.content, splits.length > 0]).toEqual([item.content, true]);
            let k = content.length - 1;
            while (k > 0 && !source.includes(content.slice(0, k))) k--;
            const head = content.slice(0, k);
            const tail = content.slice(k, k + 12);
            const follows = [...source.matchAll(new RegExp(head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].some(
              (m) => source.slice(m.index + head.length, m.index + head.length + 8 + tail.length).includes(tail),
            );
            const onSplitRow = splits.some((d) =>
              compact(sliceLines.slice(d.line! - 1, d.line! + 8).join('')).includes(tail),
            );
            expect([item.content, k > 0, follows, onSplitRow]).toEqual([item.content, true, true, true]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  test('the 2019 document cut off anywhere: every cell after the first section title is in some item', () => {
    const firstSection = lines2019.findIndex((l) => l.includes('考核任务目标'));
    fc.assert(
      fc.property(fc.integer({ min: firstSection + 1, max: lines2019.length }), (end) => {
        const slice = lines2019.slice(0, end);
        const catalog = readChecked(slice.join('\n'));
        const items = catalog.units.flatMap((u) => u.items);
        const output = compact(items.map((i) => `${i.category}|${i.item}|${i.content}`).join('|'));
        for (const line of slice.slice(firstSection)) {
          if (!line.startsWith('\t')) continue;
          const cell = compact(line);
          if (cell.length >= 12) expect(output).toContain(cell.slice(0, 12));
        }
        // Units cut off before any of their rows are still listed, and reported as having no targets.
        for (const unit of catalog.units.filter((u) => !u.items.some((i) => i.block === 'own'))) {
          expect(catalog.diagnostics).toContainEqual(
            expect.objectContaining({ code: 'unit-without-items', unit: unit.name }),
          );
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('round trip: a generated document reads back exactly as written', () => {
  const cjk = fc.constantFrom(...'完成工作任务推进建设管理监督检查审批规划土地矿产资源测绘开展落实'.split(''));
  const phrase = (min: number, max: number) => fc.array(cjk, { minLength: min, maxLength: max }).map((c) => c.join(''));
  const targetRow = fc.record({
    category: fc.constantFrom('共性指标', '个性指标'),
    item: fc.constantFrom('重点工作', '经济发展', '其他'),
    content: phrase(2, 30).map((p) => `${p}。`),
    weight: fc.integer({ min: 1, max: 20 }),
    wrapAt: fc.nat({ max: 40 }),
    vertical: fc.boolean(),
  });
  const unitModel = fc.array(targetRow, { minLength: 1, maxLength: 12 });

  test('every content, label and weight comes back, in order, for every unit', () => {
    fc.assert(
      fc.property(fc.array(unitModel, { minLength: 1, maxLength: 5 }), (units) => {
        const blocks = [...partyTable20(), '2019年度各事业局考核任务目标'];
        units.forEach((rows, u) => {
          const tableRows: string[][] = [[...HEADER]];
          let previous: { category: string; item: string } | null = null;
          for (const r of rows) {
            const newCategory = previous === null || previous.category !== r.category;
            const newItem = newCategory || previous!.item !== r.item;
            const label = (text: string) => (r.vertical ? text.split('').join('\n\n') : text);
            const cut = Math.min(r.wrapAt, r.content.length - 1);
            const content = cut > 0 ? `${r.content.slice(0, cut)}\n${r.content.slice(cut)}` : r.content;
            tableRows.push([
              newCategory ? label(r.category) : '',
              newItem ? label(r.item) : '',
              content,
              String(r.weight),
            ]);
            previous = r;
          }
          blocks.push(`测试单位${u + 1}`, table(tableRows));
        });
        const catalog = readChecked(documentText(blocks));
        expect(catalog.units.map((u) => u.name)).toEqual(units.map((_, u) => `测试单位${u + 1}`));
        catalog.units.forEach((unit, u) => {
          const own = unit.items.filter((i) => i.block === 'own');
          expect(own).toEqual(
            units[u]!.map((r) => ({
              block: 'own',
              category: r.category,
              item: r.item,
              content: r.content,
              weight: r.weight,
              owner: null,
            })),
          );
        });
        const unexpected = catalog.diagnostics.filter((d) => d.code !== 'unit-total-mismatch');
        expect(unexpected).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
