// 评分: the scoring workbooks (评分表) of the assessment round, one per scorer — each item's owner and the 考核组 —
// from the shared folder's returned sheets or from a folder or files the user picks. The scorers are listed first,
// with what each scores, and the ticked ones are made; the result is one zip download (in Excel too: the workbooks
// are files for the scorers), and the pane shows what the CLI prints: per workbook its scorer, units and rows, and
// the units whose rows say 未提交. 取消 stops the run and nothing is downloaded.
import { useEffect, useId, useRef, useState } from 'react';
import { Button, Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DestinationKind, ReviewOutcome, ReviewProgressView, ScorerView, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { PickFolderOrFiles, type PickedFiles } from '../components/FilesPickerButton';
import { ProgressField } from '../components/ProgressField';
import { CatalogLine } from './CatalogSourceField';
import { useCatalogSource } from './use-catalog-source';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  scorers: { display: 'flex', flexDirection: 'column', margin: 0, padding: 0, border: 'none' },
  table: {
    borderCollapse: 'collapse',
    '& th, & td': { textAlign: 'left', padding: `2px ${tokens.spacingHorizontalS}`, wordBreak: 'break-all' },
  },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ReviewProgressView | null }
  | { kind: 'done'; outcome: ReviewOutcome }
  | { kind: 'failed'; error: unknown };

export function ReviewView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const scorersId = useId();
  const folders = ops.folders;
  const [kind, setKind] = useState<DestinationKind | null>(null);
  const { source, catalog, openCatalog } = useCatalogSource(ops);
  const [scorers, setScorers] = useState<ScorerView[]>([]);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    folders?.loadDestination().then(
      (s) => setKind(s.kind),
      () => setKind('none'),
    );
  }, [folders]);

  useEffect(() => {
    if (!catalog) return;
    let live = true;
    ops.listScorers(catalog).then(
      (list) => {
        if (!live) return;
        setScorers(list);
        // A new catalog: every scorer ticked, as a run without choosing makes them all.
        setTicked(new Set(list.map((s) => s.key)));
      },
      (error: unknown) => live && setState({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [ops, catalog]);

  const start = (picked?: PickedFiles) => {
    if (!catalog || ticked.size === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: null });
    const all = ticked.size === scorers.length;
    ops
      .review({
        catalog,
        signal: controller.signal,
        onProgress: (progress) => setState({ kind: 'running', progress }),
        ...(all ? {} : { scorers: scorers.filter((s) => ticked.has(s.key)).map((s) => s.key) }),
        ...(picked ? { picked } : {}),
      })
      .then(
        (outcome) => setState({ kind: 'done', outcome }),
        (error: unknown) => setState({ kind: 'failed', error }),
      );
  };

  const scorerName = (s: ScorerView) =>
    s.name === null ? t('glossary:assessmentTeam') : s.resolved ? s.name : t('review.unresolved', { name: s.name });
  const toggle = (key: string, on: boolean) =>
    setTicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const running = state.kind === 'running';
  const cannot = running || !catalog || ticked.size === 0;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('review.heading')}
      </h2>
      <Text>
        {t('review.intro')} {t('review.output')}
      </Text>
      <CatalogLine source={source} onOpen={openCatalog} disabled={running} testId="review-catalog" />
      {scorers.length > 0 && (
        <fieldset className={styles.scorers} aria-labelledby={scorersId} data-testid="review-scorers">
          <legend id={scorersId} className={styles.subheading}>
            {t('review.scorersHeading', { count: scorers.length })}
          </legend>
          <div className={styles.row}>
            <Button size="small" disabled={running} onClick={() => setTicked(new Set(scorers.map((s) => s.key)))}>
              {t('review.selectAll')}
            </Button>
            <Button size="small" disabled={running} onClick={() => setTicked(new Set())}>
              {t('review.selectNone')}
            </Button>
          </div>
          {scorers.map((s) => (
            <Checkbox
              key={s.key}
              checked={ticked.has(s.key)}
              disabled={running}
              onChange={(_, data) => toggle(s.key, data.checked === true)}
              label={t('review.scorerLine', { name: scorerName(s), units: s.units, items: s.items, pairs: s.pairs })}
            />
          ))}
          {ticked.size === 0 && <Text>{t('review.noneTicked')}</Text>}
        </fieldset>
      )}
      {!folders ? null : kind === 'none' ? (
        <Notice intent="info">{t('publish.needsDestination')}</Notice>
      ) : (
        <div className={styles.row}>
          <Button appearance="primary" onClick={() => start()} disabled={cannot || kind === null}>
            {t('review.button')}
          </Button>
        </div>
      )}
      <Text>{t('review.pickIntro')}</Text>
      <div className={styles.row}>
        <PickFolderOrFiles
          folderLabel={t('review.pickFolder')}
          filesLabel={t('review.pickFiles')}
          onFiles={start}
          disabled={cannot}
          testId="review"
        />
        {running && <Button onClick={() => abort.current?.abort()}>{t('common:cancel')}</Button>}
      </div>
      <div aria-live="polite" data-testid="review-status">
        {state.kind === 'running' && (
          <ProgressField
            done={state.progress?.done ?? 0}
            total={state.progress?.total ?? 1}
            label={t('review.progressLabel')}
            message={progressMessage(t, state.progress)}
          />
        )}
        {/* Worded at render time, so the message follows a switch of the language. */}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
        {state.kind === 'done' && (
          <Notice intent="success">
            <Text block>
              {t('review.done', {
                files: state.outcome.files,
                units: state.outcome.units,
                returned: state.outcome.returned,
              })}
            </Text>
            <Text block>
              {state.outcome.output.kind === 'cancelled'
                ? t('review.cancelled')
                : t('review.downloaded', {
                    name: state.outcome.output.fileName,
                    count: state.outcome.workbooks.length,
                  })}
            </Text>
          </Notice>
        )}
      </div>
      {state.kind === 'done' && state.outcome.output.kind === 'download' && (
        <table className={styles.table} aria-label={t('review.workbooksLabel')} data-testid="review-workbooks">
          <thead>
            <tr>
              <th scope="col">{t('review.scorer')}</th>
              <th scope="col">{t('review.file')}</th>
              <th scope="col">{t('review.units')}</th>
              <th scope="col">{t('review.items')}</th>
            </tr>
          </thead>
          <tbody>
            {state.outcome.workbooks.map((w) => (
              <tr key={w.name}>
                <th scope="row">{w.scorer}</th>
                <td>{w.name}</td>
                <td>{w.units}</td>
                <td>{w.items}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.kind === 'done' && state.outcome.notReturned.length > 0 && (
        <Text data-testid="review-not-returned">
          {t('review.notReturned', {
            count: state.outcome.notReturned.length,
            names: state.outcome.notReturned.join('、'),
          })}
        </Text>
      )}
    </section>
  );
}

function progressMessage(t: (key: string, params?: Record<string, unknown>) => string, p: ReviewProgressView | null) {
  if (p === null) return t('review.listing');
  if (p.phase === 'writing') return t('review.writing', { done: p.done, total: p.total, scorer: p.current ?? '' });
  return p.current
    ? t('review.reading', { done: p.done, total: p.total, file: p.current })
    : t('review.listed', { total: p.total });
}
