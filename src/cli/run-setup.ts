// What the commands that read a catalog and stamp their output begin with (collect, review, archive, register,
// survey): the run's time (--created-at / SOURCE_DATE_EPOCH) and the catalog (--catalog or the embedded 2019
// document), each refusal worded once, as a message the command prints before exiting.
import { catalogSourceMessage, CatalogSourceError } from '../app/catalog-source';
import type { Catalog } from '../core/catalog/model';
import type { TFunction } from '../i18n';
import { createdAtMessage, CreatedAtError, resolveCreatedAt } from './created-at';
import { loadCatalog } from './load-catalog';

export type RunSetup = { createdAt: string; catalog: Catalog } | { message: string };

export async function runSetup(t: TFunction, options: { createdAt?: string; catalog?: string }): Promise<RunSetup> {
  let createdAt: string;
  try {
    createdAt = resolveCreatedAt(options.createdAt);
  } catch (error) {
    if (error instanceof CreatedAtError) return { message: createdAtMessage(t, error) };
    throw error;
  }
  try {
    return { createdAt, catalog: await loadCatalog(options.catalog) };
  } catch (error) {
    if (error instanceof CatalogSourceError)
      return { message: t('collect:cli.catalogFailed', { reason: catalogSourceMessage(t, error) }) };
    throw error;
  }
}
