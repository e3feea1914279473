// Catalog loading for the pane (async chunk): the embedded 2019 document, or a targets file the user opens, read
// by the application layer's one rule (src/app/catalog-source.ts) — the same reader, and for a file that cannot be
// read the same words, as the CLI.
import {
  CatalogSourceError,
  catalogSourceMessage,
  loadCatalogFile,
  loadEmbeddedCatalog as embeddedCatalog,
} from '../../app/catalog-source';
import type { Catalog } from '../../core/catalog/model';
import { addAllNamespaces } from '../i18n';
import { PaneError } from '../operations';
import { readFileBytes } from './download';

export async function loadEmbeddedCatalog(): Promise<Catalog> {
  await addAllNamespaces();
  return embeddedCatalog();
}

export async function readCatalogFile(file: File): Promise<Catalog> {
  await addAllNamespaces();
  try {
    return await loadCatalogFile({ name: file.name, bytes: await readFileBytes(file) });
  } catch (error) {
    // Worded when shown (the language of that moment), by the CLI's own wording function.
    if (error instanceof CatalogSourceError)
      throw new PaneError('catalogSource', { name: file.name, reason: error.code }, (t) =>
        catalogSourceMessage(t, error),
      );
    throw error;
  }
}
