// Any titles-and-tables document written as a real .docx (merges included) reads back to the same texts.
import fc from 'fast-check';
import type { DocumentBlock, TargetsDocument } from '../../src/core/catalog/document';
import { readDocx } from '../../src/docx/read-docx';
import { buildDocx } from './build-docx';

const piece = fc.constantFrom('党', '政', '建设', 'A&B', '<5>', '"引号"', "'", '2019', '分值', '　全角　空格', 'x y');
const line = fc
  .array(piece, { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('').trim())
  .filter((t) => t !== '');
const cellText = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')) },
);

const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
  fc
    .array(
      fc.integer({ min: 1, max: width }).chain((n) => fc.array(cellText, { minLength: n, maxLength: n })),
      { minLength: 1, maxLength: 6 },
    )
    .map((rows) => [Array.from({ length: width }, (_, i) => `列${i + 1}`), ...rows]),
);

const documentArb: fc.Arbitrary<TargetsDocument> = fc
  .array(
    fc.oneof(
      line.map((text) => ({ kind: 'title' as const, text })),
      table.map((rows) => ({ kind: 'table' as const, rows })),
    ),
    { maxLength: 5 },
  )
  .map((blocks) => ({
    blocks: blocks.map((b): DocumentBlock =>
      b.kind === 'title'
        ? { kind: 'title', text: b.text, line: 0 }
        : { kind: 'table', rows: b.rows.map((cells) => ({ line: 0, cells })) },
    ),
  }));

function texts(document: TargetsDocument): unknown[] {
  return document.blocks.map((b) => (b.kind === 'title' ? b.text : b.rows.map((r) => r.cells)));
}

test('titles and tables of any shape survive .docx → TargetsDocument, merged cells as empty cells', async () => {
  await fc.assert(
    fc.asyncProperty(documentArb, async (document) => {
      const result = readDocx(await buildDocx(document));
      expect(result.ok).toBe(true);
      if (result.ok) expect(texts(result.document)).toEqual(texts(document));
    }),
    { numRuns: 40 },
  );
});
