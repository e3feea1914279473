// 提交 (inside 填报): check the sheet, send it to the shared folder, show the receipt. In Excel the open workbook is
// sent; in a plain browser the user picks the returned file. Errors block; warnings need a "仍然提交". A push that
// failed for a passing reason waits in the queue (localStorage) with a 重试 button, also after the pane closes.
import { useCallback, useEffect, useId, useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type {
  DestinationKind,
  FolderOperations,
  PaneIssue,
  QueuedSubmission,
  RetryOutcome,
  SubmitOutcome,
  SubmitStep,
  TaskpaneOperations,
} from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { IssueList } from '../components/Report';
import { panelStyles } from '../components/panel-styles';
import { WORKBOOK_FILES } from '../components/file-types';
import { FilePickerButton } from '../components/FilePickerButton';

const useStyles = makeStyles({
  ...panelStyles,
  receipt: { margin: 0, paddingLeft: tokens.spacingHorizontalL, wordBreak: 'break-all' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type State =
  | { kind: 'idle' }
  | { kind: 'working'; step: SubmitStep }
  | { kind: 'confirm'; warnings: PaneIssue[]; answer: (yes: boolean) => void }
  | { kind: 'done'; outcome: SubmitOutcome }
  | { kind: 'failed'; error: unknown };

export function SubmitPanel({ ops }: { ops: TaskpaneOperations }) {
  const folders = ops.folders;
  if (!folders) return null;
  return <Submit folders={folders} inExcel={ops.host.kind === 'excel'} />;
}

function Submit({ folders, inExcel }: { folders: FolderOperations; inExcel: boolean }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [kind, setKind] = useState<DestinationKind | null>(null);
  const [queue, setQueue] = useState<QueuedSubmission[]>([]);
  // Errors are kept as values and worded at render time, so a message follows a switch of the language.
  const [retry, setRetry] = useState<{
    running: boolean;
    outcome: RetryOutcome | null;
    failure: { error: unknown } | null;
  }>({
    running: false,
    outcome: null,
    failure: null,
  });

  const refreshQueue = useCallback(() => {
    folders.listQueue().then(setQueue, () => setQueue([]));
  }, [folders]);

  useEffect(() => {
    folders.loadDestination().then(
      (s) => setKind(s.kind),
      () => setKind('none'),
    );
    refreshQueue();
  }, [folders, refreshQueue]);

  const submit = (file?: File) => {
    setState({ kind: 'working', step: 'check' });
    folders
      .submit({
        file,
        onStep: (step) => setState({ kind: 'working', step }),
        confirmWarnings: (warnings) =>
          new Promise<boolean>((resolve) => {
            setState({
              kind: 'confirm',
              warnings,
              answer: (yes) => {
                setState({ kind: 'working', step: 'check' });
                resolve(yes);
              },
            });
          }),
      })
      .then(
        (outcome) => {
          setState({ kind: 'done', outcome });
          refreshQueue();
        },
        (error: unknown) => setState({ kind: 'failed', error }),
      );
  };

  const retryQueue = () => {
    setRetry({ running: true, outcome: null, failure: null });
    folders.retryQueue().then(
      (outcome) => {
        setRetry({ running: false, outcome, failure: null });
        refreshQueue();
      },
      (error: unknown) => {
        setRetry({ running: false, outcome: null, failure: { error } });
        refreshQueue();
      },
    );
  };

  const busy = state.kind === 'working' || state.kind === 'confirm';
  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="submit-panel">
      <h2 id={headingId} className={styles.heading}>
        {t('submit.heading')}
      </h2>
      <Text>{t('submit.intro')}</Text>
      {kind === 'none' && <Notice intent="info">{t('submit.noDestination')}</Notice>}
      <div className={styles.row}>
        {inExcel ? (
          <Button appearance="primary" disabled={busy} onClick={() => submit()}>
            {t('submit.button')}
          </Button>
        ) : (
          <FilePickerButton
            label={t('submit.pickFile')}
            accept={WORKBOOK_FILES}
            onFile={(file) => submit(file)}
            disabled={busy}
            appearance="primary"
            testId="submit-file"
          />
        )}
      </div>
      <div aria-live="polite" data-testid="submit-status">
        {state.kind === 'working' && <Spinner size="small" label={t(`submit.steps.${state.step}`)} />}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
        {state.kind === 'done' && <OutcomeView outcome={state.outcome} />}
      </div>
      {state.kind === 'confirm' && (
        <div
          role="alertdialog"
          aria-label={t('submit.confirm', { count: state.warnings.length })}
          data-testid="submit-confirm"
        >
          <Notice intent="warning">{t('submit.confirm', { count: state.warnings.length })}</Notice>
          <IssueList issues={state.warnings} />
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => state.answer(true)}>
              {t('submit.confirmYes')}
            </Button>
            <Button onClick={() => state.answer(false)}>{t('submit.confirmNo')}</Button>
          </div>
        </div>
      )}
      {state.kind === 'done' && state.outcome.kind === 'blocked' && <IssueList issues={state.outcome.report.issues} />}
      {queue.length > 0 && (
        <div data-testid="submit-queue">
          <h3 className={styles.heading}>{t('submit.queue.heading', { count: queue.length })}</h3>
          <ul>
            {queue.map((q) => (
              <li key={q.id}>
                <Text>
                  {q.fileName} → {q.target}
                </Text>{' '}
                <Text size={200}>
                  {t('submit.queue.attempts', { count: q.attempts })}
                  {q.lastError ? ` — ${q.lastError(t)}` : ''}
                </Text>
              </li>
            ))}
          </ul>
          <Button disabled={retry.running} onClick={retryQueue}>
            {t('submit.queue.retry')}
          </Button>
        </div>
      )}
      <div aria-live="polite" data-testid="submit-queue-status">
        {retry.running && <Spinner size="tiny" label={t('submit.queue.retrying')} />}
        {retry.outcome && (
          <Notice intent={retry.outcome.failed > 0 ? 'warning' : 'success'}>
            {t('submit.queue.result', { sent: retry.outcome.sent, failed: retry.outcome.failed })}
            {retry.outcome.skipped > 0 && ` ${t('submit.queue.skipped', { count: retry.outcome.skipped })}`}
          </Notice>
        )}
        {retry.failure && <Notice intent="error">{describeError(t, retry.failure.error)}</Notice>}
      </div>
    </section>
  );
}

function OutcomeView({ outcome }: { outcome: SubmitOutcome }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  switch (outcome.kind) {
    case 'sent':
      return (
        <Notice intent="success">
          <Text weight="semibold">{t('submit.sent')}</Text>
          <ul className={styles.receipt} data-testid="submit-receipt" aria-label={t('submit.receipt')}>
            <li>{t('submit.receiptLocation', { location: outcome.receipt.location })}</li>
            <li>{t('submit.receiptSize', { size: outcome.receipt.size })}</li>
            <li>
              SHA-256:{' '}
              <span className={styles.mono} data-testid="submit-sha256">
                {outcome.receipt.sha256}
              </span>
            </li>
            <li>{t('submit.receiptTime', { time: outcome.receipt.pushedAt })}</li>
            <li>{t(`submit.verifiedBy.${outcome.receipt.verifiedBy}`)}</li>
          </ul>
        </Notice>
      );
    case 'downloaded':
      return <Notice intent="info">{t('submit.downloaded', { name: outcome.fileName })}</Notice>;
    case 'blocked':
      return (
        <Notice intent="error">
          {t('submit.blocked', { count: outcome.report.issues.filter((i) => i.severity === 'error').length })}
        </Notice>
      );
    case 'cancelled':
      return <Notice intent="info">{t('submit.cancelled')}</Notice>;
    case 'queued':
      return <Notice intent="warning">{t('submit.queued', { message: outcome.message(t) })}</Notice>;
    case 'failed':
      return <Notice intent="error">{t('submit.failed', { message: outcome.message(t) })}</Notice>;
  }
}
