// Where the CLI's commands get a catalog from: the embedded 2019 document, or a file the user names.
// Every way a source can fail to load is a CatalogSourceError with a stable code and a locale message.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readCatalogText } from '../core/catalog/build';
import { catalogFileKind, catalogKindOfName, extensionOf, readCatalogTextBytes } from '../core/catalog/file';
import type { Catalog } from '../core/catalog/model';
import type { TFunction } from '../i18n';
import { EMBEDDED_SOURCE_NAME, EMBEDDED_SOURCE_TEXT } from '../seeds/embedded';
import { decodeText } from '../core/catalog/decode';

export { decodeText, type DecodedText } from '../core/catalog/decode';

export type CatalogSourceErrorCode =
  'missing' | 'directory' | 'unsupported' | 'not-text' | 'invalid-catalog' | 'unreadable';

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
  // The name's extension is checked before the file is read: an unsupported file is not read at all.
  if (catalogKindOfName(name) === 'unsupported')
    throw new CatalogSourceError('unsupported', { path: source, ext: extensionOf(name) });

  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(source));
  } catch (error) {
    throw new CatalogSourceError('unreadable', { path: source, reason: String((error as Error).message) });
  }
  const kind = catalogFileKind(name, bytes);
  // A Word document read directly, or a master sheet (loaded on demand: ExcelJS is heavy for the other commands).
  if (kind === 'docx') return (await import('../docx/read-docx')).readCatalogDocx(bytes, { source: name });
  if (kind === 'xlsx') return (await import('../xlsx/master')).readMasterWorkbook(bytes, { source: name });
  if (kind === 'json') {
    const decoded = decodeText(bytes);
    if (decoded === null) throw new CatalogSourceError('not-text', { path: source });
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

  const catalog = readCatalogTextBytes(bytes, { source: name });
  if (catalog === null) throw new CatalogSourceError('not-text', { path: source });
  return catalog;
}
