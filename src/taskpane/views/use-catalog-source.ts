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

export function useCatalogSource(ops: TaskpaneOperations): {
  source: CatalogSource;
  catalog: Catalog | null;
  loadEmbedded: () => void;
  openCatalog: (file: File) => void;
  /** A catalog read elsewhere (the 目标总表 panel reads one from the open workbook). */
  takeCatalog: (catalog: Catalog, label: string) => void;
} {
  const [source, setSource] = useState<CatalogSource>({ kind: 'loading' });
  const settle = (load: Promise<Catalog>, label: (catalog: Catalog) => (t: TFunction) => string) => {
    setSource({ kind: 'loading' });
    load.then(
      (catalog) => setSource({ kind: 'ready', catalog, label: label(catalog) }),
      (error: unknown) => setSource({ kind: 'failed', error }),
    );
  };
  const loadEmbedded = () => settle(ops.loadEmbeddedCatalog(), (catalog) => (t) => t('taskpane:generate.embedded', { year: catalog.year }));
  const openCatalog = (file: File) => settle(ops.readCatalogFile(file), () => () => file.name);
  useEffect(loadEmbedded, [ops]);
  const takeCatalog = (catalog: Catalog, label: string) => setSource({ kind: 'ready', catalog, label: () => label });
  return { source, catalog: source.kind === 'ready' ? source.catalog : null, loadEmbedded, openCatalog, takeCatalog };
}
