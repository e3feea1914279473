// The targets catalog a view works on (生成, 汇总): the embedded 2019 document at first, or a targets document the
// user opens; one state and one way of loading for every view that needs a catalog.
// A failure stays the error itself and the embedded catalog's label a function of the translator: the views word
// both when they render (describeError, label(t)), so they follow a later switch of the language.
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import type { Catalog } from '../../core/catalog/model';
import type { TaskpaneOperations } from '../operations';

export type CatalogSource =
  | { kind: 'loading' }
  | { kind: 'ready'; catalog: Catalog; label: (t: TFunction) => string }
  | { kind: 'failed'; error: unknown };

export interface CatalogLoader {
  /** Shows 'loading', then the load's catalog or failure — unless a later settle or take came in between. */
  settle(load: Promise<Catalog>, label: (catalog: Catalog) => (t: TFunction) => string): void;
  take(catalog: Catalog, label: string): void;
  /** Results of loads still under way are dropped (the view is gone). */
  cancel(): void;
}

/**
 * The latest request wins: each settle/take gets a number, and a load that finishes after a newer request is
 * ignored (the embedded catalog resolving after the user opened a file must not replace the file's catalog).
 */
export function catalogLoader(setSource: (source: CatalogSource) => void): CatalogLoader {
  let latest = 0;
  return {
    settle(load, label) {
      const request = ++latest;
      setSource({ kind: 'loading' });
      load.then(
        (catalog) => {
          if (request === latest) setSource({ kind: 'ready', catalog, label: label(catalog) });
        },
        (error: unknown) => {
          if (request === latest) setSource({ kind: 'failed', error });
        },
      );
    },
    take(catalog, label) {
      latest++;
      setSource({ kind: 'ready', catalog, label: () => label });
    },
    cancel() {
      latest++;
    },
  };
}

function settleEmbedded(loader: CatalogLoader, ops: TaskpaneOperations): void {
  loader.settle(ops.loadEmbeddedCatalog(), (catalog) => (t) => t('taskpane:generate.embedded', { year: catalog.year }));
}

export function useCatalogSource(ops: TaskpaneOperations): {
  source: CatalogSource;
  catalog: Catalog | null;
  loadEmbedded: () => void;
  openCatalog: (file: File) => void;
  /** A catalog read elsewhere (the 考核目标总表 panel reads one from the open workbook). */
  takeCatalog: (catalog: Catalog, label: string) => void;
} {
  const [source, setSource] = useState<CatalogSource>({ kind: 'loading' });
  // setSource is stable, so one loader (and its request counter) serves the view for its whole life.
  const [loader] = useState(() => catalogLoader(setSource));
  const loadEmbedded = () => settleEmbedded(loader, ops);
  const openCatalog = (file: File) => loader.settle(ops.readCatalogFile(file), () => () => file.name);
  useEffect(() => {
    settleEmbedded(loader, ops);
    return () => loader.cancel();
  }, [loader, ops]);
  const takeCatalog = (catalog: Catalog, label: string) => loader.take(catalog, label);
  return { source, catalog: source.kind === 'ready' ? source.catalog : null, loadEmbedded, openCatalog, takeCatalog };
}
