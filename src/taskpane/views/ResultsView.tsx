// 结果: the final result of the year. The register (加减分台账) and the survey (民主测评) the user picks, the rules
// saved in 设置 › 考核设置, and every returned sheet of the shared folder (or of a picked folder or files, as 汇总)
// give, per group in rank order, 名次 单位 综合 最终得分 等次 (the other figures in a details row), the decisions
// for the committee, why a unit is 待定, and every register or survey row left out, by cell. Excel: the summary
// with 考核结果 goes into the open workbook; browser: it is downloaded. 归档 writes the archive into the shared
// folder. Every figure is the core's (through the engine); nothing is computed here.
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  ArchiveRunOutcome,
  DestinationKind,
  ResultRowView,
  ResultsOperations,
  ResultsOutcome,
  ResultsProgressView,
  TaskpaneOperations,
} from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { WORKBOOK_FILES } from '../components/file-types';
import { FilePickerButton } from '../components/FilePickerButton';
import { FilesPickerButton, PickFolderOrFiles, type PickedFiles } from '../components/FilesPickerButton';
import { ProgressField } from '../components/ProgressField';
import { CatalogLine } from './CatalogSourceField';
import { useCatalogSource } from './use-catalog-source';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  table: { borderCollapse: 'collapse', width: '100%', fontSize: tokens.fontSizeBase200 },
  cell: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: 'left',
  },
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  details: { color: tokens.colorNeutralForeground3 },
});

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: ResultsProgressView | null }
  | { kind: 'done'; outcome: ResultsOutcome }
  | { kind: 'failed'; error: unknown };

type ArchiveState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; outcome: ArchiveRunOutcome }
  | { kind: 'failed'; error: unknown };

const figure = (value: number | null): string => (value === null ? '—' : value.toFixed(2));

function gradeText(t: TFunction, row: ResultRowView): string {
  return row.grade ?? (row.pending ? t('results:grade.pending') : '—');
}

export function ResultsView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  if (!ops.results) return <Notice intent="info">{t('settings.unavailable')}</Notice>;
  return <ResultsPanel ops={ops} results={ops.results} />;
}

function ResultsPanel({ ops, results }: { ops: TaskpaneOperations; results: ResultsOperations }) {
  const { t, i18n } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const { source, catalog, openCatalog } = useCatalogSource(ops);
  const [catalogFile, setCatalogFile] = useState<File | undefined>(undefined);
  const [kind, setKind] = useState<DestinationKind | null>(null);
  const [register, setRegister] = useState<File | undefined>(undefined);
  const [survey, setSurvey] = useState<File | undefined>(undefined);
  const [rulesSaved, setRulesSaved] = useState<boolean | null>(null);
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const [archive, setArchive] = useState<ArchiveState>({ kind: 'idle' });
  const [notice, setNotice] = useState<{ name: string } | { error: unknown } | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    ops.folders?.loadDestination().then(
      (s) => setKind(s.kind),
      () => setKind('none'),
    );
  }, [ops.folders]);
  useEffect(() => {
    if (!catalog) return;
    results.loadRules(catalog.year).then(
      (r) => setRulesSaved(r.saved),
      () => setRulesSaved(false),
    );
  }, [results, catalog]);

  const running = state.kind === 'running' || archive.kind === 'running';

  const start = (picked?: PickedFiles) => {
    if (!catalog) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: null });
    setOpen(new Set());
    results
      .run({
        catalog,
        lang: i18n.language,
        ...(register ? { register } : {}),
        ...(survey ? { survey } : {}),
        ...(picked ? { picked } : {}),
        signal: controller.signal,
        onProgress: (progress) => setState({ kind: 'running', progress }),
      })
      .then(
        (outcome) => setState({ kind: 'done', outcome }),
        (error: unknown) => setState({ kind: 'failed', error }),
      );
  };

  const startArchive = (picked?: PickedFiles) => {
    if (!catalog) return;
    setArchive({ kind: 'running', done: 0, total: 1 });
    results
      .archive({
        catalog,
        ...(catalogFile ? { catalogFile } : {}),
        lang: i18n.language,
        ...(register ? { register } : {}),
        ...(survey ? { survey } : {}),
        ...(picked ? { picked } : {}),
        onProgress: (done, total) => setArchive({ kind: 'running', done, total }),
      })
      .then(
        (outcome) => setArchive({ kind: 'done', outcome }),
        (error: unknown) => setArchive({ kind: 'failed', error }),
      );
  };

  const downloadEmpty = (which: 'register' | 'survey') => {
    if (!catalog) return;
    results.downloadEmptyInput(which, catalog, i18n.language).then(
      (name) => setNotice({ name }),
      (error: unknown) => setNotice({ error }),
    );
  };

  const toggle = (key: string) => {
    const next = new Set(open);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };

  const inputPicker = (which: 'register' | 'survey', file: File | undefined, set: (f: File | undefined) => void) => (
    <div className={styles.row}>
      <Text data-testid={`results-${which}-name`}>
        {t('results.inputLine', { label: t(`results.${which}`), name: file ? file.name : t('results.none') })}
      </Text>
      <FilePickerButton
        label={t(which === 'register' ? 'results.pickRegister' : 'results.pickSurvey')}
        accept={WORKBOOK_FILES}
        onFile={set}
        disabled={running}
        size="small"
        testId={`results-${which}`}
      />
      {file && (
        <Button size="small" onClick={() => set(undefined)} disabled={running}>
          {t('results.clear')}
        </Button>
      )}
      <Button
        size="small"
        appearance="subtle"
        onClick={() => downloadEmpty(which)}
        disabled={!catalog}
        data-testid={`results-empty-${which}`}
      >
        {t(which === 'register' ? 'results.emptyRegister' : 'results.emptySurvey')}
      </Button>
    </div>
  );

  const outcome = state.kind === 'done' ? state.outcome : null;
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('results.heading')}
      </h2>
      <Text>
        {t('results.intro')} {ops.host.kind === 'excel' ? t('results.introExcel') : t('results.introBrowser')}
      </Text>
      <CatalogLine
        source={source}
        onOpen={(file) => {
          setCatalogFile(file);
          openCatalog(file);
        }}
        disabled={running}
        testId="results-catalog"
      />
      {catalog && rulesSaved !== null && (
        <Text data-testid="results-rules">
          {rulesSaved ? t('results.rulesSaved', { year: catalog.year }) : t('results.rulesDefault')}
        </Text>
      )}
      {inputPicker('register', register, setRegister)}
      {inputPicker('survey', survey, setSurvey)}
      {notice &&
        ('name' in notice ? (
          <Text>{t('results.emptyDownloaded', { name: notice.name })}</Text>
        ) : (
          <Notice intent="error">{describeError(t, notice.error)}</Notice>
        ))}
      {kind !== 'none' && (
        <div className={styles.row}>
          <Button
            appearance="primary"
            onClick={() => start()}
            disabled={running || !catalog || kind === null}
            data-testid="results-run"
          >
            {t('results.run')}
          </Button>
        </div>
      )}
      <Text>{t('results.pickIntro')}</Text>
      <div className={styles.row}>
        <PickFolderOrFiles
          folderLabel={t('results.pickFolder')}
          filesLabel={t('results.pickFiles')}
          onFiles={start}
          disabled={running || !catalog}
          testId="results"
        />
        {state.kind === 'running' && <Button onClick={() => abort.current?.abort()}>{t('common:cancel')}</Button>}
      </div>
      <div aria-live="polite" data-testid="results-status">
        {state.kind === 'running' && (
          <ProgressField
            done={state.progress?.done ?? 0}
            total={state.progress?.total ?? 1}
            label={t('results.progressLabel')}
            message={
              state.progress === null
                ? t('results.listing')
                : state.progress.file
                  ? t('results.progress', {
                      done: state.progress.done,
                      total: state.progress.total,
                      file: state.progress.file,
                    })
                  : t('results.listed', { total: state.progress.total })
            }
          />
        )}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
        {outcome?.kind === 'cancelled' && <Notice intent="info">{t('results.cancelled')}</Notice>}
        {outcome?.kind === 'refused' && (
          <Notice intent="error">
            <Text block>
              {t('results.refused', {
                source: t(`results:cli.sources.${outcome.refusal.source}`),
                file: outcome.refusal.file,
              })}
            </Text>
            {outcome.refusal.reasons(t).map((line, k) => (
              <Text block key={k}>
                {line}
              </Text>
            ))}
          </Notice>
        )}
        {outcome?.kind === 'done' && (
          <Notice intent="success">
            <Text block>
              {t('results.done', {
                files: outcome.files,
                units: outcome.groups.reduce((n, g) => n + g.rows.length, 0),
              })}
            </Text>
            <Text block>
              {outcome.output.kind === 'sheets'
                ? t('results.sheets', { names: outcome.output.names.join('、') })
                : t('results.downloaded', { name: outcome.output.fileName })}
            </Text>
          </Notice>
        )}
      </div>
      {outcome?.kind === 'done' && (
        <>
          {outcome.groups.map((g) => (
            <table key={g.group} className={styles.table} data-testid="results-table" data-group={g.group}>
              <caption className={styles.cell}>
                {t('results.table', { group: t(`glossary:groups.${g.group}`) })}
              </caption>
              <thead>
                <tr>
                  <th className={styles.cell}>{t('results.columns.rank')}</th>
                  <th className={styles.cell}>{t('results.columns.unit')}</th>
                  <th className={styles.cell}>{t('results.columns.composite')}</th>
                  <th className={styles.cell}>{t('results.columns.final')}</th>
                  <th className={styles.cell}>{t('results.columns.grade')}</th>
                  <th className={styles.cell}>{t('results.columns.details')}</th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => {
                  const key = `${g.group}/${r.name}`;
                  const shown = open.has(key);
                  return (
                    <Fragment key={key}>
                      <tr
                        data-testid="results-row"
                        data-unit={r.name}
                        data-rank={r.rank ?? ''}
                        data-final={r.final ?? ''}
                        data-grade={r.grade ?? ''}
                      >
                        <td className={`${styles.cell} ${styles.number}`}>{r.rank ?? '—'}</td>
                        <td className={styles.cell}>{r.name}</td>
                        <td className={`${styles.cell} ${styles.number}`}>{figure(r.composite)}</td>
                        <td className={`${styles.cell} ${styles.number}`}>{figure(r.final)}</td>
                        <td className={styles.cell}>{gradeText(t, r)}</td>
                        <td className={styles.cell}>
                          <Button size="small" appearance="subtle" onClick={() => toggle(key)} aria-expanded={shown}>
                            {shown ? t('results.hideDetails') : t('results.showDetails')}
                          </Button>
                        </td>
                      </tr>
                      {(shown || r.pending || r.veto) && (
                        <tr data-testid="results-details" data-unit={r.name}>
                          <td className={`${styles.cell} ${styles.details}`} colSpan={6}>
                            {shown && (
                              <Text block size={200}>
                                {t('results.details', {
                                  self: figure(r.self),
                                  assessed: figure(r.assessed),
                                  survey: figure(r.survey),
                                  bonus: figure(r.bonus),
                                  deduction: figure(r.deduction),
                                })}
                              </Text>
                            )}
                            {r.missingText && (
                              <Text block size={200}>
                                {t('results.pendingWhy', { components: r.missingText(t) })}
                              </Text>
                            )}
                            {r.veto && (
                              <Text block size={200}>
                                {t('results.veto')}
                              </Text>
                            )}
                            {shown && r.quota && r.quota !== 'kept' && (
                              <Text block size={200}>
                                {t(`results.quota.${r.quota}`)}
                              </Text>
                            )}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          ))}
          {outcome.decisions.length > 0 && (
            <Notice intent="warning">
              <Text block weight="semibold">
                {t('results.decisions', { count: outcome.decisions.length })}
              </Text>
              {outcome.decisions.map((d, k) => (
                <Text block key={k} data-testid="results-decision">
                  {t('results.decisionLine', { group: t(`glossary:groups.${d.group}`), reason: d.message(t) })}
                </Text>
              ))}
            </Notice>
          )}
          {outcome.inputIssues.length > 0 && (
            <Notice intent="warning">
              <Text block weight="semibold">
                {t('results.inputIssues', { count: outcome.inputIssues.length })}
              </Text>
              {outcome.inputIssues.map((issue, k) => (
                <Text block key={k} data-testid="results-input-issue" data-cell={issue.cell ?? ''}>
                  {t('results.issueLine', {
                    source: t(`results:cli.sources.${issue.source}`),
                    file: issue.file,
                    message: issue.message(t),
                  })}
                </Text>
              ))}
            </Notice>
          )}
        </>
      )}
      <h2 className={styles.heading}>{t('results.archiveHeading')}</h2>
      {catalog && <Text>{t('results.archiveIntro', { year: catalog.year })}</Text>}
      {kind === 'none' ? (
        <Notice intent="info">{t('results.archiveNeedsFolder')}</Notice>
      ) : (
        <div className={styles.row}>
          <Button
            onClick={() => startArchive()}
            disabled={running || !catalog || kind === null}
            data-testid="results-archive"
          >
            {t('results.archive')}
          </Button>
        </div>
      )}
      <Text>{t('results.archiveZipIntro')}</Text>
      <div className={styles.row}>
        <FilesPickerButton
          label={t('results.archiveZip')}
          directory
          onFiles={startArchive}
          disabled={running || !catalog}
          testId="results-archive-folder"
        />
      </div>
      <div aria-live="polite" data-testid="results-archive-status">
        {archive.kind === 'running' && (
          <ProgressField
            done={archive.done}
            total={archive.total}
            label={t('results.archiveHeading')}
            message={t('results.archiveProgress', { done: archive.done, total: archive.total })}
          />
        )}
        {archive.kind === 'failed' && <Notice intent="error">{describeError(t, archive.error)}</Notice>}
        {archive.kind === 'done' && archive.outcome.kind === 'archived' && (
          <Notice intent="success">
            {t('results.archived', {
              location: archive.outcome.location,
              files: archive.outcome.files,
              sha256: archive.outcome.manifestSha256,
            })}
          </Notice>
        )}
        {archive.kind === 'done' && archive.outcome.kind === 'downloaded' && (
          <Notice intent="success">
            {t('results.archiveDownloaded', {
              name: archive.outcome.fileName,
              files: archive.outcome.files,
              sha256: archive.outcome.manifestSha256,
            })}
          </Notice>
        )}
        {archive.kind === 'done' && archive.outcome.kind === 'exists' && (
          <Notice intent="error">{t('results.archiveExists', { location: archive.outcome.location })}</Notice>
        )}
        {archive.kind === 'done' && archive.outcome.kind === 'refused' && (
          <Notice intent="error">
            <Text block>
              {t('results.refused', {
                source: t(`results:cli.sources.${archive.outcome.refusal.source}`),
                file: archive.outcome.refusal.file,
              })}
            </Text>
            {archive.outcome.refusal.reasons(t).map((line, k) => (
              <Text block key={k}>
                {line}
              </Text>
            ))}
          </Notice>
        )}
      </div>
    </section>
  );
}
