// Where the CLI's commands get a catalog from: the embedded 2019 document, or a file the user names. This reads
// the file (Node); which reader it goes to, and every way a source can fail, is src/app/catalog-source.ts's rule,
// the same as the task pane's.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CatalogSourceError, loadCatalogFile, loadEmbeddedCatalog, refuseUnsupportedName } from '../app/catalog-source';
import type { Catalog } from '../core/catalog/model';

/** No source: the embedded 2019 document. A path: any targets file the application layer reads. */
export async function loadCatalog(source?: string): Promise<Catalog> {
  if (source === undefined || source === '') return loadEmbeddedCatalog();
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
  refuseUnsupportedName(name, source);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(source));
  } catch (error) {
    throw new CatalogSourceError('unreadable', { path: source, reason: String((error as Error).message) });
  }
  return loadCatalogFile({ name, bytes, path: source });
}
