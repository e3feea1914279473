// 填报: the live panel on a unit's sheet — items filled, totals per block and out of 100, problems with jumps.
// Re-validated by the Office adapter after each edit (pastes and fills included, which Excel's own data
// validation never sees).
import { useEffect, useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PaneIssue, PaneReport, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { IssueList, ReportSummary } from '../components/Report';
import { SubmitPanel } from './SubmitPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

type State =
  | { kind: 'starting' }
  | { kind: 'live'; report: PaneReport | null }
  // The error itself, worded when rendered: the message follows a later switch of the language.
  | { kind: 'failed'; error: unknown };

export function FillView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'starting' });
  // The live panel follows the unit that is active when it starts; "follow this sheet" restarts it.
  const [session, setSession] = useState(0);
  const startLive = ops.startLive;

  useEffect(() => {
    if (!startLive) return;
    let stop: (() => Promise<void>) | null = null;
    let disposed = false;
    startLive(
      (report) => {
        if (!disposed) setState({ kind: 'live', report });
      },
      (error) => {
        if (!disposed) setState({ kind: 'failed', error });
      },
    ).then(
      (s) => {
        if (disposed) void s();
        else {
          stop = s;
          setState((prev) => (prev.kind === 'starting' ? { kind: 'live', report: null } : prev));
        }
      },
      (error: unknown) => {
        if (!disposed) setState({ kind: 'failed', error });
      },
    );
    return () => {
      disposed = true;
      if (stop) void stop();
    };
  }, [startLive, session]);

  if (!startLive) {
    return (
      <div className={styles.root}>
        <h2 style={{ margin: 0, fontSize: tokens.fontSizeBase400 }}>{t('fill.heading')}</h2>
        <Notice intent="info">{t('fill.excelOnly')}</Notice>
        <SubmitPanel ops={ops} />
      </div>
    );
  }

  const jump = (issue: PaneIssue) => {
    if (issue.sheet && issue.cell) void ops.selectCell?.(issue.sheet, issue.cell);
  };

  return (
    <div className={styles.root}>
      <h2 style={{ margin: 0, fontSize: tokens.fontSizeBase400 }}>{t('fill.heading')}</h2>
      <div>
        <Button
          size="small"
          onClick={() => {
            setState({ kind: 'starting' });
            setSession((n) => n + 1);
          }}
        >
          {t('fill.followActive')}
        </Button>
      </div>
      <div aria-live="polite" aria-atomic="false" data-testid="fill-status">
        {state.kind === 'starting' && <Spinner size="small" label={t('fill.starting')} />}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
        {state.kind === 'live' && state.report === null && <Text>{t('fill.waiting')}</Text>}
        {state.kind === 'live' && state.report && <ReportSummary report={state.report} />}
      </div>
      {state.kind === 'live' && state.report && <IssueList issues={state.report.issues} onJump={jump} />}
      <SubmitPanel ops={ops} />
    </div>
  );
}
