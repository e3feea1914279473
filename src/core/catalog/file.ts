// Which reader a targets file goes to, and the text export's bytes → Catalog: one rule for the CLI (a path) and
// the task pane (a picked file). The name's extension decides; a name without one is recognised by its contents
// (a zip holding xl/workbook.xml is a master sheet, any other zip a Word document, anything else a text export).
import { readCatalogText } from './build';
import { decodeText } from './decode';
import type { Catalog } from './model';

/** text: Word's text export; docx: the Word document; xlsx: a master sheet; json: a catalog saved as JSON. */
export type CatalogFileKind = 'text' | 'docx' | 'xlsx' | 'json' | 'unsupported';

const BY_EXTENSION: Record<string, CatalogFileKind> = {
  '.txt': 'text',
  '.text': 'text',
  '.docx': 'docx',
  '.xlsx': 'xlsx',
  '.json': 'json',
};

/** The name's extension, lower case, with its dot ('' when there is none). */
export function extensionOf(name: string): string {
  return /\.[^./\\]*$/.exec(name)?.[0].toLowerCase() ?? '';
}

/** The kind a name says, or undefined when it has no extension (then the contents decide). */
export function catalogKindOfName(name: string): CatalogFileKind | undefined {
  const ext = extensionOf(name);
  if (ext === '') return undefined;
  return BY_EXTENSION[ext] ?? 'unsupported';
}

const WORKBOOK_PART = new TextEncoder().encode('xl/workbook.xml');

function contains(bytes: Uint8Array, marker: Uint8Array): boolean {
  outer: for (let i = 0; i + marker.length <= bytes.length; i++) {
    for (let j = 0; j < marker.length; j++) if (bytes[i + j] !== marker[j]) continue outer;
    return true;
  }
  return false;
}

export function catalogFileKind(name: string, bytes: Uint8Array): CatalogFileKind {
  const byName = catalogKindOfName(name);
  if (byName !== undefined) return byName;
  // Zip entry names are stored uncompressed, so a workbook's own part name can be found in the bytes.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return contains(bytes, WORKBOOK_PART) ? 'xlsx' : 'docx';
  return 'text';
}

/**
 * A text export's bytes → Catalog (UTF-8, UTF-16 with a BOM, or GB18030, which is noted as an info diagnostic
 * since it was a guess); null when the bytes are no text in any of them.
 */
export function readCatalogTextBytes(bytes: Uint8Array, options: { source: string }): Catalog | null {
  const decoded = decodeText(bytes);
  if (decoded === null) return null;
  const catalog = readCatalogText(decoded.text, options);
  if (decoded.encoding === 'gb18030') {
    catalog.diagnostics.unshift({
      severity: 'info',
      code: 'source-decoded-gb18030',
      unit: null,
      line: null,
      params: {},
    });
  }
  return catalog;
}

/**
 * A catalog file that cannot be opened at all (not a zip, no document part, not a workbook…), as its reader says
 * it: the reader's code and params, worded by the catalog locale's diagnostics.<code>. Thrown by the .docx and
 * master-sheet readers; the application layer makes it an unreadable source (src/app/catalog-source.ts).
 */
export class UnopenableCatalogFile extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'UnopenableCatalogFile';
  }
}

const COMPOUND_FILE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A stream name as a compound file's directory stores it: UTF-16LE. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i);
  return bytes;
}

const ENCRYPTED_PACKAGE = utf16le('EncryptedPackage');

/**
 * An Office document with a password to open: Word and Excel save it as an OLE compound file (not a zip) holding
 * the streams EncryptionInfo and EncryptedPackage. The signature alone would also match a legacy .doc or .xls,
 * so the EncryptedPackage stream's name must be in the file's directory too.
 */
export function isEncryptedOfficeFile(bytes: Uint8Array): boolean {
  if (bytes.length < COMPOUND_FILE_SIGNATURE.length) return false;
  if (COMPOUND_FILE_SIGNATURE.some((b, i) => bytes[i] !== b)) return false;
  return contains(bytes, ENCRYPTED_PACKAGE);
}
