// Reads the department's Word document (.docx) straight from its OOXML: body paragraphs become title blocks and
// tables become table blocks of a TargetsDocument, in reading order — the same model the text-export reader
// produces, so one builder (core/catalog/build.ts) turns either into the same catalog.
//
// Conventions, chosen to match Word's own "plain text" export of the same document:
// - a cell's paragraphs are trimmed and joined with '\n', empty ones left out (as the text reader does with the
//   blank lines of a wrapped cell);
// - a horizontally merged cell (w:gridSpan) is one cell;
// - a vertically merged cell (w:vMerge) is written once, in its first row; every continued cell below it is an
//   empty cell (the text export shows it as a TAB-only line);
// - deleted text of tracked changes, field instructions, drawings and text boxes are not document text.
// `line` is the 1-based position of the block in reading order, counting each body paragraph and each table
// row once (a .docx has no lines).
import { unzipSync } from 'fflate';
import { buildCatalog } from '../core/catalog/build';
import type { DocumentBlock, TableRow, TargetsDocument } from '../core/catalog/document';
import { UnopenableCatalogFile } from '../core/catalog/file';
import type { Catalog } from '../core/catalog/model';
import { childElements, firstChild, parseXml, XmlError, type XmlElement } from './xml';

export const MAX_DOCX_BYTES = 32 * 1024 * 1024;
export const MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024;

export type DocxErrorCode =
  'docx-too-large' | 'docx-not-zip' | 'docx-no-document' | 'docx-xml-malformed' | 'docx-xml-doctype';

export type ReadDocxResult =
  { ok: true; document: TargetsDocument } | { ok: false; code: DocxErrorCode; params: Record<string, string | number> };

const DEFAULT_MAIN_PART = 'word/document.xml';
const OFFICE_DOCUMENT_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

function fail(code: DocxErrorCode, params: Record<string, string | number> = {}): ReadDocxResult {
  return { ok: false, code, params };
}

function unzipParts(bytes: Uint8Array, names: readonly string[]): Record<string, Uint8Array> | 'too-large' | 'not-zip' {
  let tooLarge = false;
  try {
    const parts = unzipSync(bytes, {
      filter: (file) => {
        if (!names.includes(file.name)) return false;
        // The declared size is checked before inflating anything, so a zip bomb is refused unread.
        if (file.originalSize > MAX_DOCUMENT_XML_BYTES) {
          tooLarge = true;
          return false;
        }
        return true;
      },
    });
    if (tooLarge) return 'too-large';
    for (const part of Object.values(parts)) if (part.length > MAX_DOCUMENT_XML_BYTES) return 'too-large';
    return parts;
  } catch {
    return tooLarge ? 'too-large' : 'not-zip';
  }
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

/** The main document part named by _rels/.rels, or word/document.xml when the package does not say. */
function mainPartName(rels: Uint8Array | undefined): string {
  if (!rels) return DEFAULT_MAIN_PART;
  const text = decodeUtf8(rels);
  if (text === null) return DEFAULT_MAIN_PART;
  try {
    const root = parseXml(text);
    for (const rel of childElements(root, 'Relationship')) {
      if (rel.attributes['Type'] === OFFICE_DOCUMENT_REL && rel.attributes['TargetMode'] !== 'External') {
        const target = (rel.attributes['Target'] ?? '').replace(/^\//, '');
        if (target !== '') return target;
      }
    }
  } catch {
    // A broken relationships part does not hide a document at the conventional place.
  }
  return DEFAULT_MAIN_PART;
}

/** Elements that only wrap content (content controls, custom XML, tracked insertions, hyperlinks…). */
const TRANSPARENT = new Set([
  'w:sdt',
  'w:sdtContent',
  'w:customXml',
  'w:smartTag',
  'w:ins',
  'w:moveTo',
  'w:hyperlink',
  'w:fldSimple',
  'w:dir',
  'w:bdo',
]);
/** Elements whose text is not the document's text. */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:instrText',
  'w:delInstrText',
  'w:drawing',
  'w:pict',
  'w:object',
  'mc:AlternateContent',
  'w:rPr',
  'w:pPr',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:footnoteReference',
  'w:endnoteReference',
  'w:commentReference',
]);

function paragraphText(paragraph: XmlElement): string {
  let text = '';
  const walk = (element: XmlElement): void => {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (SKIPPED.has(child.name)) continue;
      switch (child.name) {
        case 'w:t':
          for (const part of child.children) if (typeof part === 'string') text += part;
          break;
        case 'w:tab':
        case 'w:ptab':
          text += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          text += '\n';
          break;
        case 'w:noBreakHyphen':
          text += '-';
          break;
        default:
          walk(child);
      }
    }
  };
  walk(paragraph);
  return text;
}

/** Paragraph texts of a cell, nested tables included (their paragraphs, row by row). */
function cellLines(cell: XmlElement): string[] {
  const lines: string[] = [];
  const walk = (element: XmlElement): void => {
    for (const child of element.children) {
      if (typeof child === 'string' || SKIPPED.has(child.name) || child.name === 'w:tcPr') continue;
      if (child.name === 'w:p') lines.push(paragraphText(child));
      else walk(child);
    }
  };
  walk(cell);
  return lines;
}

/** Children of `element` named `name`, looking through transparent wrappers (e.g. a row inside a content control). */
function contentChildren(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of childElements(element)) {
    if (child.name === name) out.push(child);
    else if (TRANSPARENT.has(child.name)) out.push(...contentChildren(child, name));
  }
  return out;
}

function isContinuedMerge(cell: XmlElement): boolean {
  const properties = firstChild(cell, 'w:tcPr');
  const vMerge = properties ? firstChild(properties, 'w:vMerge') : undefined;
  if (!vMerge) return false;
  const value = vMerge.attributes['w:val'];
  return value === undefined || value === 'continue';
}

function tableRows(table: XmlElement, nextLine: () => number): TableRow[] {
  return contentChildren(table, 'w:tr').map((row) => {
    const line = nextLine();
    const cells = contentChildren(row, 'w:tc').map((cell) =>
      isContinuedMerge(cell)
        ? ''
        : cellLines(cell)
            .map((text) => text.trim())
            .filter((text) => text !== '')
            .join('\n'),
    );
    return { line, cells };
  });
}

/** The body's paragraphs and tables, in reading order. */
function bodyBlocks(body: XmlElement): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  let line = 0;
  const nextLine = (): number => {
    line += 1;
    return line;
  };
  const walk = (element: XmlElement): void => {
    for (const child of childElements(element)) {
      if (child.name === 'w:p') {
        const at = nextLine();
        const text = paragraphText(child).trim();
        if (text !== '') blocks.push({ kind: 'title', text, line: at });
      } else if (child.name === 'w:tbl') {
        const rows = tableRows(child, nextLine);
        if (rows.length > 0) blocks.push({ kind: 'table', rows });
      } else if (TRANSPARENT.has(child.name)) {
        walk(child);
      }
    }
  };
  walk(body);
  return blocks;
}

/** .docx bytes → the document's title and table blocks, or an error value with a stable code. */
export function readDocx(bytes: Uint8Array): ReadDocxResult {
  if (bytes.length > MAX_DOCX_BYTES) return fail('docx-too-large', { bytes: bytes.length, limit: MAX_DOCX_BYTES });
  const head = unzipParts(bytes, ['_rels/.rels']);
  if (head === 'not-zip') return fail('docx-not-zip');
  if (head === 'too-large') return fail('docx-too-large', { bytes: bytes.length, limit: MAX_DOCUMENT_XML_BYTES });
  const partName = mainPartName(head['_rels/.rels']);
  const parts = unzipParts(bytes, [partName]);
  if (parts === 'not-zip') return fail('docx-not-zip');
  if (parts === 'too-large') return fail('docx-too-large', { bytes: bytes.length, limit: MAX_DOCUMENT_XML_BYTES });
  const part = parts[partName];
  if (!part) return fail('docx-no-document', { part: partName });
  const xml = decodeUtf8(part);
  if (xml === null) return fail('docx-xml-malformed', { part: partName, offset: 0 });
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) {
      return fail(error.code === 'xml-doctype' ? 'docx-xml-doctype' : 'docx-xml-malformed', {
        part: partName,
        offset: error.offset,
      });
    }
    throw error;
  }
  const body = root.name === 'w:document' ? firstChild(root, 'w:body') : undefined;
  if (!body) return fail('docx-no-document', { part: partName });
  return { ok: true, document: { blocks: bodyBlocks(body) } };
}

export interface DocxCatalogOptions {
  /** A name for the file, e.g. "2019-targets.docx" (never a full path). */
  source: string;
  /** Year to use when no title states one. */
  fallbackYear?: number;
}

/**
 * .docx bytes → Catalog, through the same builder as the text export. A file that cannot be read as a Word
 * document is not a catalog: it throws UnopenableCatalogFile with the reader's code.
 */
export function readCatalogDocx(bytes: Uint8Array, options: DocxCatalogOptions): Catalog {
  const result = readDocx(bytes);
  if (!result.ok) throw new UnopenableCatalogFile(result.code, result.params);
  return buildCatalog(result.document, options);
}
