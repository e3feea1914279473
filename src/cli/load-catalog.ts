// Where the CLI's commands get a catalog from: the embedded 2019 document, or a file the user names.
// Every way a source can fail to load is a CatalogSourceError with a stable code and a locale message.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readCatalogText } from '../core/catalog/build';
import type { Catalog } from '../core/catalog/model';
import type { TFunction } from '../i18n';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../seeds/embedded';
import { decodeText } from '../core/catalog/decode';

export { decodeText, type DecodedText } from '../core/catalog/decode';

export type CatalogSourceErrorCode = 'missing' | 'directory' | 'unsupported' | 'not-text' | 'invalid-catalog' | 'unreadable';

/** The source cannot be read at all (as opposed to a document read with diagnostics). Message key: catalog:load.<code>. */
export class CatalogSourceError extends Error {
  constructor(
    readonly code: CatalogSourceErrorCode,
    readonly params: Record<string, string>,
  ) {
    super(`${code}: ${JSON.stringify(params)}`);
    this.name = 'CatalogSourceError';
  }
}

/** What a CatalogSourceError says to the user, in the CLI's language (message key catalog:load.<code>). */
export function catalogSourceMessage(t: TFunction, error: CatalogSourceError): string {
  return t(`catalog:load.${error.code}`, error.params);
}

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '']);
/** The Word document itself, and a master sheet (one row per target). */
const OFFICE_EXTENSIONS = new Set(['.docx', '.xlsx']);


/**
 * No source: the embedded 2019 document. A path: a .txt export of the Word document (UTF-8, UTF-16 or
 * GB18030), or a catalog saved as JSON. Other formats are refused with `unsupported`.
 */
export async function loadCatalog(source?: string): Promise<Catalog> {
  if (source === undefined || source === '') {
    return readCatalogText(EMBEDDED_SOURCE_TEXT, { source: EMBEDDED_SOURCE_NAME });
  }
  const name = path.basename(source);
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CatalogSourceError('missing', { path: source });
    throw new CatalogSourceError('unreadable', { path: source, reason: String((error as Error).message) });
  }
  if (info.isDirectory()) throw new CatalogSourceError('directory', { path: source });
  const ext = path.extname(name).toLowerCase();
  if (!TEXT_EXTENSIONS.has(ext) && ext !== '.json' && !OFFICE_EXTENSIONS.has(ext)) throw new CatalogSourceError('unsupported', { path: source, ext });

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(source));
  } catch (error) {
    throw new CatalogSourceError('unreadable', { path: source, reason: String((error as Error).message) });
  }
  // A Word document read directly, or a master sheet (loaded on demand: ExcelJS is heavy for the other commands).
  if (ext === '.docx') return (await import('../docx/read-docx')).readCatalogDocx(bytes, { source: name });
  if (ext === '.xlsx') return (await import('../xlsx/master')).readMasterWorkbook(bytes, { source: name });
  const decoded = decodeText(bytes);
  if (decoded === null) throw new CatalogSourceError('not-text', { path: source });

  if (ext === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(decoded.text);
    } catch (error) {
      throw new CatalogSourceError('invalid-catalog', { path: source, reason: String((error as Error).message) });
    }
    // A catalog in its JSON form (e.g. saved from `catalog --json`); `source` may be left out. zod is loaded here
    // only: the embedded document and text files do not need it.
    const { catalogSchema } = await import('../core/catalog/schema');
    const parsed = catalogSchema.extend({ source: catalogSchema.shape.source.optional() }).safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.join('.') : '';
      throw new CatalogSourceError('invalid-catalog', { path: source, reason: `${where}: ${issue?.message ?? ''}` });
    }
    return { ...parsed.data, source: parsed.data.source ?? name };
  }

  const catalog = readCatalogText(decoded.text, { source: name });
  if (decoded.encoding === 'gb18030') {
    catalog.diagnostics.unshift({ severity: 'info', code: 'source-decoded-gb18030', unit: null, line: null, params: {} });
  }
  return catalog;
}
