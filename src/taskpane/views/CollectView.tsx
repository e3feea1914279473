// 汇总: every returned sheet in the shared folder — or in a folder or files the user picks (what came by e-mail or
// on a USB stick) — is read and checked, and the summary (who returned, who is missing, totals, ranking within
// each group) goes into the open workbook with a chart (Excel) or is downloaded as an .xlsx (browser); 取消 stops
// the run and nothing is added or downloaded. The targets are the built-in catalog unless the user opens another.
import { useEffect, useId, useRef, useState } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type {
  CollectOutcome,
  CollectProgressView,
  DestinationKind,
  ResultCopiesOutcome,
  TaskpaneOperations,
} from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { PickFolderOrFiles, type PickedFiles } from '../components/FilesPickerButton';
import { ProgressField } from '../components/ProgressField';
import { CatalogLine } from './CatalogSourceField';
import { useCatalogSource } from './use-catalog-source';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: CollectProgressView | null }
  | { kind: 'done'; outcome: CollectOutcome }
  | { kind: 'results'; outcome: ResultCopiesOutcome }
  | { kind: 'failed'; error: unknown };

export function CollectView({ ops }: { ops: TaskpaneOperations }) {
  const { t, i18n } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const folders = ops.folders;
  const [kind, setKind] = useState<DestinationKind | null>(null);
  const { source, catalog, openCatalog } = useCatalogSource(ops);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    folders?.loadDestination().then(
      (s) => setKind(s.kind),
      () => setKind('none'),
    );
  }, [folders]);

  if (!folders) return <Notice intent="info">{t('settings.unavailable')}</Notice>;

  // 汇总 and 回传评分结果 read the same sources, one run at a time, with the same progress and 取消.
  const run = (action: 'collect' | 'results', picked?: PickedFiles) => {
    if (!catalog) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: null });
    const request = {
      catalog,
      lang: i18n.language,
      onProgress: (progress: CollectProgressView) => setState({ kind: 'running', progress }),
      signal: controller.signal,
      ...(picked ? { picked } : {}),
    };
    const failed = (error: unknown) => setState({ kind: 'failed', error });
    if (action === 'collect') folders.collect(request).then((outcome) => setState({ kind: 'done', outcome }), failed);
    else folders.resultCopies(request).then((outcome) => setState({ kind: 'results', outcome }), failed);
  };
  const start = (picked?: PickedFiles) => run('collect', picked);
  const startResults = (picked?: PickedFiles) => run('results', picked);

  const running = state.kind === 'running';
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('collect.heading')}
      </h2>
      <Text>
        {t('collect.intro')} {ops.host.kind === 'excel' ? t('collect.introExcel') : t('collect.introBrowser')}
      </Text>
      <CatalogLine source={source} onOpen={openCatalog} disabled={running} testId="collect-catalog" />
      {kind === 'none' ? (
        <Notice intent="info">{t('publish.needsDestination')}</Notice>
      ) : (
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => start()} disabled={running || !catalog || kind === null}>
            {t('collect.button')}
          </Button>
        </div>
      )}
      <Text>{t('collect.pickIntro')}</Text>
      <div className={styles.row}>
        <PickFolderOrFiles
          folderLabel={t('collect.pickFolder')}
          filesLabel={t('collect.pickFiles')}
          onFiles={start}
          disabled={running || !catalog}
          testId="collect"
        />
      </div>
      <h3 className={styles.subheading}>{t('resultCopies.heading')}</h3>
      <Text>{t('resultCopies.intro')}</Text>
      <div className={styles.row}>
        {kind !== 'none' && (
          <Button onClick={() => startResults()} disabled={running || !catalog || kind === null}>
            {t('resultCopies.button')}
          </Button>
        )}
        <PickFolderOrFiles
          folderLabel={t('resultCopies.pickFolder')}
          filesLabel={t('resultCopies.pickFiles')}
          onFiles={startResults}
          disabled={running || !catalog}
          testId="result-copies"
        />
      </div>
      {running && (
        <div className={styles.row}>
          <Button onClick={() => abort.current?.abort()}>{t('common:cancel')}</Button>
        </div>
      )}
      <div aria-live="polite" data-testid="collect-status">
        {state.kind === 'running' && (
          <ProgressField
            done={state.progress?.done ?? 0}
            total={state.progress?.total ?? 1}
            label={t('collect.progressLabel')}
            message={
              state.progress === null
                ? t('collect.listing')
                : state.progress.file
                  ? t('collect.progress', {
                      done: state.progress.done,
                      total: state.progress.total,
                      file: state.progress.file,
                    })
                  : t('collect.listed', { total: state.progress.total })
            }
          />
        )}
        {/* Worded at render time, so the message follows a switch of the language. */}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
        {state.kind === 'done' && (
          <Notice intent="success">
            <Text block>
              {t('collect.done', {
                files: state.outcome.files,
                units: state.outcome.units,
                valid: state.outcome.valid,
                invalid: state.outcome.invalid,
                missing: state.outcome.missing.length,
              })}
            </Text>
            {state.outcome.output.kind === 'cancelled' ? (
              <Text block>{t('collect.cancelled')}</Text>
            ) : state.outcome.output.kind === 'sheets' ? (
              <Text block>
                {t(state.outcome.output.chart ? 'collect.sheetsWithChart' : 'collect.sheets', {
                  names: state.outcome.output.names.join('、'),
                })}
              </Text>
            ) : (
              <Text block>{t('collect.downloaded', { name: state.outcome.output.fileName })}</Text>
            )}
          </Notice>
        )}
      </div>
      {state.kind === 'results' && (
        <div data-testid="results-status">
          <Notice intent={state.outcome.output.kind === 'download' ? 'success' : 'info'}>
            <Text block>
              {state.outcome.output.kind === 'download'
                ? t('resultCopies.downloaded', { name: state.outcome.output.fileName, count: state.outcome.copies })
                : state.outcome.output.kind === 'none'
                  ? t('resultCopies.none')
                  : t('resultCopies.cancelled')}
            </Text>
          </Notice>
          {state.outcome.output.kind !== 'cancelled' && <ResultsSkipped skipped={state.outcome.skipped} />}
        </div>
      )}
      {state.kind === 'done' && state.outcome.missing.length > 0 && (
        <Text data-testid="collect-missing">{t('collect.missing', { names: state.outcome.missing.join('、') })}</Text>
      )}
    </section>
  );
}

/** The units that got no copy, by reason. */
function ResultsSkipped({ skipped }: { skipped: ResultCopiesOutcome['skipped'] }) {
  const { t } = useTranslation('taskpane');
  const notScored = skipped.filter((s) => s.reason === 'not-scored').map((s) => s.unit);
  const notReturned = skipped.filter((s) => s.reason === 'not-returned').map((s) => s.unit);
  return (
    <>
      {notScored.length > 0 && (
        <Text block data-testid="results-not-scored">
          {t('resultCopies.notScored', { count: notScored.length, names: notScored.join('、') })}
        </Text>
      )}
      {notReturned.length > 0 && (
        <Text block data-testid="results-not-returned">
          {t('resultCopies.notReturned', { count: notReturned.length, names: notReturned.join('、') })}
        </Text>
      )}
    </>
  );
}
