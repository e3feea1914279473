// The targets catalog a view works on (生成, 汇总): the embedded 2019 document at first, or a targets document the
// user opens; one state and one way of loading for every view that needs a catalog.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/model';
import { describeError } from '../errors';
import type { TaskpaneOperations } from '../operations';

export type CatalogSource =
  | { kind: 'loading' }
  | { kind: 'ready'; catalog: Catalog; label: string }
  | { kind: 'failed'; message: string };

export function useCatalogSource(ops: TaskpaneOperations): {
  source: CatalogSource;
  catalog: Catalog | null;
  loadEmbedded: () => void;
  openCatalog: (file: File) => void;
  /** A catalog read elsewhere (the 目标总表 panel reads one from the open workbook). */
  takeCatalog: (catalog: Catalog, label: string) => void;
} {
  const { t } = useTranslation('taskpane');
  const [source, setSource] = useState<CatalogSource>({ kind: 'loading' });
  const settle = (load: Promise<Catalog>, label: (catalog: Catalog) => string) => {
    setSource({ kind: 'loading' });
    load.then(
      (catalog) => setSource({ kind: 'ready', catalog, label: label(catalog) }),
      (error: unknown) => setSource({ kind: 'failed', message: describeError(t, error) }),
    );
  };
  const loadEmbedded = () => settle(ops.loadEmbeddedCatalog(), (catalog) => t('generate.embedded', { year: catalog.year }));
  const openCatalog = (file: File) => settle(ops.readCatalogFile(file), () => file.name);
  useEffect(loadEmbedded, [ops]);
  const takeCatalog = (catalog: Catalog, label: string) => setSource({ kind: 'ready', catalog, label });
  return { source, catalog: source.kind === 'ready' ? source.catalog : null, loadEmbedded, openCatalog, takeCatalog };
}
