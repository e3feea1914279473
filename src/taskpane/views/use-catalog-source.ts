// The targets catalog a view works on (生成, 汇总): the embedded 2019 document at first, or a targets document the
// user opens; one state and one way of loading for every view that needs a catalog. 生成 holds the catalog in hand
// (useHeldCatalog): the embedded catalog's index at first, so that its units show without reading the document,
// and the full catalog read when a use case needs the targets (生成, 发布模板, 考核目标总表).
// A failure stays the error itself and the embedded catalog's label a function of the translator: the views word
// both when they render (describeError, label(t)), so they follow a later switch of the language.
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { embeddedCatalogIndex, type CatalogIndex } from '../../app/catalog-index';
import type { Catalog } from '../../core/catalog/model';
import type { TaskpaneOperations } from '../operations';

export type CatalogSource<C extends CatalogIndex = Catalog> =
  | { kind: 'loading' }
  | { kind: 'ready'; catalog: C; label: (t: TFunction) => string }
  | { kind: 'failed'; error: unknown };

export interface CatalogLoader<C extends CatalogIndex = Catalog> {
  /** Shows 'loading', then the load's catalog or failure — unless a later settle or take came in between. */
  settle(load: Promise<C>, label: (catalog: C) => (t: TFunction) => string): void;
  take(catalog: C, label: string): void;
  /** Results of loads still under way are dropped (the view is gone). */
  cancel(): void;
}

/**
 * The latest request wins: each settle/take gets a number, and a load that finishes after a newer request is
 * ignored (the embedded catalog resolving after the user opened a file must not replace the file's catalog).
 */
export function catalogLoader<C extends CatalogIndex = Catalog>(
  setSource: (source: CatalogSource<C>) => void,
): CatalogLoader<C> {
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

/** A catalog's index in hand, and the full catalog when the targets are needed (read once). */
export type HeldCatalog = CatalogIndex & { full: () => Promise<Catalog> };

function held(catalog: Catalog): HeldCatalog {
  return { ...catalog, full: () => Promise.resolve(catalog) };
}

/** The embedded catalog's index; its document is read on the first call of full(). */
function heldEmbedded(ops: TaskpaneOperations): HeldCatalog {
  let full: Promise<Catalog> | null = null;
  return {
    ...embeddedCatalogIndex(),
    full: () => {
      full ??= ops.loadEmbeddedCatalog();
      // A failed read is tried again next time (the chunk may have failed to load).
      full.catch(() => (full = null));
      return full;
    },
  };
}

/** 生成's catalog: as useCatalogSource, but the embedded catalog starts as its index (nothing to read or load). */
export function useHeldCatalog(ops: TaskpaneOperations): {
  source: CatalogSource<HeldCatalog>;
  catalog: HeldCatalog | null;
  loadEmbedded: () => void;
  openCatalog: (file: File) => void;
  takeCatalog: (catalog: Catalog, label: string) => void;
} {
  const embeddedLabel = (catalog: CatalogIndex) => (t: TFunction) =>
    t('taskpane:generate.embedded', { year: catalog.year });
  const [source, setSource] = useState<CatalogSource<HeldCatalog>>(() => {
    const catalog = heldEmbedded(ops);
    return { kind: 'ready', catalog, label: embeddedLabel(catalog) };
  });
  const [loader] = useState(() => catalogLoader<HeldCatalog>(setSource));
  useEffect(() => () => loader.cancel(), [loader]);
  return {
    source,
    catalog: source.kind === 'ready' ? source.catalog : null,
    loadEmbedded: () => loader.settle(Promise.resolve(heldEmbedded(ops)), embeddedLabel),
    openCatalog: (file) => loader.settle(ops.readCatalogFile(file).then(held), () => () => file.name),
    takeCatalog: (catalog, label) => loader.take(held(catalog), label),
  };
}
