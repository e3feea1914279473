// 发布模板 (inside 生成): the chosen units' templates go into the shared folder's <year>/templates/, one file per
// unit, with progress and cancel. A file already there is listed as such and never replaced.
import { useEffect, useId, useRef, useState } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { unitsOf, type UnitEntry } from '../../app/catalog-index';
import type { HeldCatalog } from './use-catalog-source';
import type { DestinationKind, PublishProgress, PublishResult, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { panelStyles } from '../components/panel-styles';
import { ProgressField } from '../components/ProgressField';

const useStyles = makeStyles({
  ...panelStyles,
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: '200px',
    overflowY: 'auto',
    wordBreak: 'break-all',
  },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: PublishProgress }
  | { kind: 'finished'; result: PublishResult }
  | { kind: 'failed'; error: unknown };

export function PublishPanel({
  ops,
  catalog,
  units,
}: {
  ops: TaskpaneOperations;
  catalog: HeldCatalog;
  units: UnitEntry[];
}) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const abort = useRef<AbortController | null>(null);
  const folders = ops.folders;
  const [kind, setKind] = useState<DestinationKind | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });

  useEffect(() => {
    folders?.loadDestination().then(
      (s) => setKind(s.kind),
      () => setKind('none'),
    );
  }, [folders]);

  if (!folders) return null;

  const start = () => {
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: { done: 0, total: units.length, current: null } });
    catalog
      .full()
      .then((full) =>
        folders.publishTemplates({
          catalog: full,
          units: unitsOf(full, units),
          signal: controller.signal,
          onProgress: (progress) => setState({ kind: 'running', progress }),
        }),
      )
      .then(
        (result) => setState({ kind: 'finished', result }),
        (error: unknown) => setState({ kind: 'failed', error }),
      );
  };

  const running = state.kind === 'running';
  const count = (status: string) =>
    state.kind === 'finished' ? state.result.files.filter((f) => f.status === status).length : 0;
  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="publish-panel">
      <h2 id={headingId} className={styles.heading}>
        {t('publish.heading')}
      </h2>
      <Text>{t('publish.intro', { year: catalog.year })}</Text>
      {kind === 'none' ? (
        <Notice intent="info">{t('publish.needsDestination')}</Notice>
      ) : (
        <div className={styles.row}>
          <Button appearance="primary" disabled={running || units.length === 0 || kind === null} onClick={start}>
            {t('publish.button', { count: units.length })}
          </Button>
          {running && <Button onClick={() => abort.current?.abort()}>{t('publish.cancel')}</Button>}
        </div>
      )}
      <div aria-live="polite" data-testid="publish-status">
        {state.kind === 'running' && (
          <ProgressField
            done={state.progress.done}
            total={state.progress.total}
            label={t('publish.progressLabel')}
            message={
              state.progress.current
                ? t('publish.progress', {
                    done: state.progress.done,
                    total: state.progress.total,
                    current: state.progress.current,
                  })
                : t('publish.progressStarting', { total: state.progress.total })
            }
          />
        )}
        {state.kind === 'finished' && (
          <Notice intent={count('failed') > 0 || state.result.cancelled ? 'warning' : 'success'}>
            {state.result.cancelled && `${t('publish.cancelled', { done: state.result.files.length })} `}
            {t('publish.done', { sent: count('sent'), exists: count('exists'), failed: count('failed') })}
          </Notice>
        )}
        {/* Worded at render time, so the message follows a switch of the language. */}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
      </div>
      {state.kind === 'finished' && state.result.files.length > 0 && (
        <ul className={styles.list} data-testid="publish-files">
          {state.result.files.map((f) => (
            <li key={f.path} data-status={f.status}>
              <Text>
                {t(`publish.status.${f.status}`)}：{f.path}
              </Text>
              {f.receipt && (
                <Text size={200}>
                  {' '}
                  ({f.receipt.size} B, SHA-256 {f.receipt.sha256.slice(0, 12)}…)
                </Text>
              )}
              {f.message && <Text size={200}> — {f.message(t)}</Text>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
