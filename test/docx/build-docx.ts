// Test harness: writes a real .docx with the `docx` library, shaped like the department's Word document —
// title paragraphs, tables with a header row, vertically merged category/item cells (w:vMerge restart/continue)
// and horizontally merged cells (w:gridSpan) where a row has fewer cells than the table.
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { zipSync, strToU8 } from 'fflate';
import type { TableBlock, TargetsDocument } from '../../src/core/catalog/document';

function cellParagraphs(text: string): Paragraph[] {
  // One paragraph per line, as Word stores a wrapped vertical label ("党\n政\n建\n设").
  return text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

interface PlannedCell {
  text: string;
  span: number;
  rowSpan: number;
  /** Covered by a vertical merge from above: not written by us (docx inserts the w:vMerge continue cell). */
  covered: boolean;
}

/**
 * An empty cell right below a non-empty one (or below a cell already merged down), at the same grid column and
 * width, becomes part of that cell's vertical merge — the way the department's tables merge 指标类别 and 考核项目.
 * The header row never starts a merge.
 */
function planTable(block: TableBlock): PlannedCell[][] {
  const width = Math.max(...block.rows.map((row) => row.cells.length));
  const plan: PlannedCell[][] = block.rows.map((row) =>
    row.cells.map((text, index) => ({
      text,
      span: index === 0 ? width - row.cells.length + 1 : 1,
      rowSpan: 1,
      covered: false,
    })),
  );
  const gridStarts = (cells: PlannedCell[]): number[] => {
    let at = 0;
    return cells.map((cell) => {
      const start = at;
      at += cell.span;
      return start;
    });
  };
  // origin[rowIndex][gridColumn] = the cell whose merge covers that position
  const origins: Array<Map<number, PlannedCell>> = [];
  plan.forEach((cells, rowIndex) => {
    const starts = gridStarts(cells);
    const here = new Map<number, PlannedCell>();
    cells.forEach((cell, index) => {
      const above = rowIndex > 1 ? origins[rowIndex - 1]!.get(starts[index]!) : undefined;
      if (cell.text === '' && above !== undefined && above.span === cell.span && above.text !== '') {
        above.rowSpan += 1;
        cell.covered = true;
        here.set(starts[index]!, above);
      } else {
        here.set(starts[index]!, cell);
      }
    });
    origins.push(here);
  });
  return plan;
}

function buildTable(block: TableBlock): Table {
  const plan = planTable(block);
  return new Table({
    rows: plan.map(
      (cells) =>
        new TableRow({
          children: cells
            .filter((cell) => !cell.covered)
            .map(
              (cell) =>
                new TableCell({
                  children: cellParagraphs(cell.text),
                  ...(cell.span > 1 ? { columnSpan: cell.span } : {}),
                  ...(cell.rowSpan > 1 ? { rowSpan: cell.rowSpan } : {}),
                }),
            ),
        }),
    ),
  });
}

/** A .docx holding the document's titles and tables in order. */
export async function buildDocx(document: TargetsDocument): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [];
  for (const block of document.blocks) {
    if (block.kind === 'title') children.push(new Paragraph({ children: [new TextRun(block.text)] }));
    else {
      children.push(buildTable(block));
      // Word needs a paragraph between two tables, or it joins them into one.
      children.push(new Paragraph({}));
    }
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A minimal package around a hand-written word/document.xml body, for the cases `docx` cannot produce. */
export function packageWithBody(bodyXml: string, options: { prolog?: string } = {}): Uint8Array {
  const documentXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${options.prolog ?? ''}` +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${bodyXml}<w:sectPr/></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(documentXml),
  });
}

/** XML for a paragraph per line. */
export function paragraphsXml(text: string): string {
  return text
    .split('\n')
    .map(
      (line) =>
        `<w:p><w:r><w:t xml:space="preserve">${line.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`,
    )
    .join('');
}
