// Where a catalog comes from: the embedded 2019 document, or a targets file — its name and bytes, however the face
// got them (the CLI reads a path, the pane a picked File). One rule for every face: the name's extension picks the
// reader (without one, the contents do: core/catalog/file.ts); a source that cannot be read at all is a
// CatalogSourceError with a stable code, worded by catalogSourceMessage, never an empty catalog. A document that
// can be read but says odd things (a weight missing, a unit's total not 100) is a catalog with diagnostics.
// The readers for .docx, master sheets and JSON are loaded on demand (ExcelJS and zod are heavy for the rest).
import { readCatalogText } from '../core/catalog/build';
import { decodeText } from '../core/catalog/decode';
import {
  catalogFileKind,
  catalogKindOfName,
  extensionOf,
  isEncryptedOfficeFile,
  readCatalogTextBytes,
  UnopenableCatalogFile,
} from '../core/catalog/file';
import { diagnosticMessage } from '../core/catalog/messages';
import type { Catalog } from '../core/catalog/model';
import type { Translate } from '../core/translate';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../seeds/embedded';

export type CatalogSourceErrorCode =
  'missing' | 'directory' | 'unsupported' | 'not-text' | 'invalid-catalog' | 'unreadable' | 'cannot-open';

/** Why a document could not be opened, as its reader says it (a catalog diagnostic's code and params). */
export interface OpenFailure {
  code: string;
  params: Record<string, string | number>;
}

/**
 * The source cannot be read at all (as opposed to a document read with diagnostics). Message key
 * catalog:load.<code>; `cannot-open` carries the reader's reason.
 */
export class CatalogSourceError extends Error {
  constructor(
    readonly code: CatalogSourceErrorCode,
    readonly params: Record<string, string>,
    readonly reason?: OpenFailure,
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'CatalogSourceError';
  }
}

/** What a CatalogSourceError says to the user, in the translator's language: the same words in every face. */
export function catalogSourceMessage(t: Translate, error: CatalogSourceError): string {
  if (!error.reason) return t(`catalog:load.${error.code}`, error.params);
  const reason = diagnosticMessage(t, { severity: 'error', unit: null, line: null, ...error.reason });
  return t(`catalog:load.${error.code}`, { ...error.params, reason });
}

/** A targets file as a face has it. */
export interface CatalogFile {
  /** The file's name (its extension picks the reader; it becomes the catalog's source). */
  name: string;
  bytes: Uint8Array;
  /** How messages name the file (the path the user typed); default the name. */
  path?: string;
}

export function loadEmbeddedCatalog(): Catalog {
  return readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
}

/** The embedded targets document as a file (what an archive keeps when no other catalog was given). */
export function embeddedCatalogFile(): { name: string; bytes: Uint8Array } {
  return { name: EMBEDDED_SOURCE_NAME, bytes: new TextEncoder().encode(EMBEDDED_SOURCE_TEXT) };
}

/** Refuses a name no reader takes; a face checks it before reading the file, so such a file is not read at all. */
export function refuseUnsupportedName(name: string, path = name): void {
  if (catalogKindOfName(name) === 'unsupported')
    throw new CatalogSourceError('unsupported', { path, ext: extensionOf(name) });
}

/** A targets file → Catalog: Word's text export, the .docx, a master sheet, or a catalog saved as JSON. */
export async function loadCatalogFile(file: CatalogFile): Promise<Catalog> {
  const { name, bytes } = file;
  const path = file.path ?? name;
  refuseUnsupportedName(name, path);
  // A password-protected .docx or .xlsx is neither a zip nor text: said as it is, whatever its name claims.
  if (isEncryptedOfficeFile(bytes))
    throw new CatalogSourceError('cannot-open', { path }, { code: 'file-encrypted', params: {} });
  const kind = catalogFileKind(name, bytes);
  try {
    if (kind === 'docx') return (await import('../docx/read-docx')).readCatalogDocx(bytes, { source: name });
    if (kind === 'xlsx') {
      const { readMasterWorkbook } = await import(/* webpackChunkName: "master-xlsx" */ '../xlsx/master');
      return await readMasterWorkbook(bytes, { source: name });
    }
  } catch (error) {
    if (error instanceof UnopenableCatalogFile)
      throw new CatalogSourceError('cannot-open', { path }, { code: error.code, params: error.params });
    throw error;
  }
  if (kind === 'json') return catalogFromJson(bytes, name, path);
  const catalog = readCatalogTextBytes(bytes, { source: name });
  if (catalog === null) throw new CatalogSourceError('not-text', { path });
  return catalog;
}

/** A catalog in its JSON form (e.g. saved from `catalog --json`); `source` may be left out. */
async function catalogFromJson(bytes: Uint8Array, name: string, path: string): Promise<Catalog> {
  const decoded = decodeText(bytes);
  if (decoded === null) throw new CatalogSourceError('not-text', { path });
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (error) {
    throw new CatalogSourceError('invalid-catalog', { path, reason: String((error as Error).message) });
  }
  const { catalogSchema } = await import('../core/catalog/schema');
  const parsed = catalogSchema.extend({ source: catalogSchema.shape.source.optional() }).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new CatalogSourceError('invalid-catalog', { path, reason: `${where}: ${issue?.message ?? ''}` });
  }
  return { ...parsed.data, source: parsed.data.source ?? name };
}
