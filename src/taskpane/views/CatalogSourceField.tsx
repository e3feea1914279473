// 生成's source: which catalog the view works on (the embedded targets or a document the user opens), a failure
// to read it, and what its reader repaired or could not read (errors and warnings, by line).
import { Button, Field, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { diagnosticSentence } from '../../core/catalog/messages';
import type { CatalogIndex } from '../../app/catalog-index';
import { describeError } from '../errors';
import { useNamespaces } from '../i18n';
import { Notice } from '../components/Notice';
import { CATALOG_FILES } from '../components/file-types';
import { FilePickerButton } from '../components/FilePickerButton';
import type { CatalogSource } from './use-catalog-source';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/** The catalog in one line (its label, year and unit count), that it is being read, or nothing after a failure. */
export function catalogLine(t: TFunction, source: CatalogSource<CatalogIndex>): string {
  if (source.kind === 'ready') {
    return t('generate.catalogSummary', {
      label: source.label(t),
      year: source.catalog.year,
      count: source.catalog.units.length,
    });
  }
  return source.kind === 'loading' ? t('generate.loadingCatalog') : '';
}

/**
 * The catalog a run over returned files works on (汇总, 评分, 结果): its line, 打开目标文档…, and a failure to read
 * the document opened.
 */
export function CatalogLine({
  source,
  onOpen,
  disabled,
  testId,
}: {
  source: CatalogSource<CatalogIndex>;
  onOpen: (file: File) => void;
  disabled: boolean;
  testId: string;
}) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  return (
    <>
      <div className={styles.line}>
        <Text data-testid={testId}>{catalogLine(t, source)}</Text>
        <FilePickerButton
          label={t('generate.openCatalog')}
          accept={CATALOG_FILES}
          onFile={onOpen}
          disabled={disabled}
          size="small"
        />
      </div>
      {source.kind === 'failed' && <Notice intent="error">{describeError(t, source.error)}</Notice>}
    </>
  );
}

export function CatalogSourceField({
  source,
  onOpen,
  onEmbedded,
  disabled,
}: {
  source: CatalogSource<CatalogIndex>;
  onOpen: (file: File) => void;
  onEmbedded: () => void;
  disabled: boolean;
}) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  return (
    <>
      <Field label={t('generate.source')}>
        <div className={styles.row}>
          <Text data-testid="catalog-label">{catalogLine(t, source)}</Text>
          <FilePickerButton
            label={t('generate.openCatalog')}
            accept={CATALOG_FILES}
            onFile={onOpen}
            disabled={disabled}
            testId="catalog-file"
          />
          <Button appearance="subtle" onClick={onEmbedded} disabled={disabled}>
            {t('generate.useEmbedded')}
          </Button>
        </div>
      </Field>
      {source.kind === 'failed' && <Notice intent="error">{describeError(t, source.error)}</Notice>}
      {source.kind === 'ready' && <CatalogDiagnostics catalog={source.catalog} />}
    </>
  );
}

/**
 * The reader's errors and warnings (notes are left out), folded under a one-line count. Their sentences are in the
 * catalog namespace, which the first render does not carry: the list follows when it has loaded.
 */
function CatalogDiagnostics({ catalog }: { catalog: CatalogIndex }) {
  const { t } = useTranslation('taskpane');
  const worded = useNamespaces(['catalog']);
  const errors = catalog.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = catalog.diagnostics.filter((d) => d.severity === 'warning').length;
  if (errors === 0 && warnings === 0) return null;
  return (
    <Notice intent={errors > 0 ? 'error' : 'warning'}>
      <details>
        <summary>{t('generate.diagnostics', { errors, warnings })}</summary>
        {worded && (
          <ul data-testid="catalog-diagnostics">
            {catalog.diagnostics
              .filter((d) => d.severity !== 'info')
              .map((d, i) => (
                <li key={`${d.code}-${i}`}>{diagnosticSentence(t, d)}</li>
              ))}
          </ul>
        )}
      </details>
    </Notice>
  );
}
