// 检查: validate a returned sheet — the open workbook (in Excel) or a file the user opens (everywhere).
import { useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PaneIssue, PaneReport, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { IssueList, ReportSummary } from '../components/Report';
import { WORKBOOK_FILES } from '../components/file-types';
import { FilePickerButton } from '../components/FilePickerButton';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; report: PaneReport }
  // The error itself, worded when rendered: the message follows a later switch of the language.
  | { kind: 'failed'; error: unknown };

export function CheckView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });

  const check = (work: () => Promise<PaneReport>) => {
    setState({ kind: 'checking' });
    work().then(
      (report) => setState({ kind: 'done', report }),
      (error: unknown) => setState({ kind: 'failed', error }),
    );
  };
  const jump =
    ops.selectCell && state.kind === 'done' && state.report.source === null
      ? (issue: PaneIssue) => {
          if (issue.sheet && issue.cell) void ops.selectCell?.(issue.sheet, issue.cell);
        }
      : undefined;

  return (
    <div className={styles.root}>
      <h2 style={{ margin: 0, fontSize: tokens.fontSizeBase400 }}>{t('check.heading')}</h2>
      <Text>{t('check.intro')}</Text>
      <div className={styles.row}>
        {ops.checkWorkbook && (
          <Button appearance="primary" disabled={state.kind === 'checking'} onClick={() => check(ops.checkWorkbook!)}>
            {t('check.workbook')}
          </Button>
        )}
        <FilePickerButton
          label={t('check.openFile')}
          accept={WORKBOOK_FILES}
          onFile={(file) => check(() => ops.checkFile(file))}
          disabled={state.kind === 'checking'}
          appearance={ops.checkWorkbook ? 'secondary' : 'primary'}
          testId="check-file"
        />
      </div>
      <div aria-live="polite" data-testid="check-result">
        {state.kind === 'checking' && <Spinner size="small" label={t('check.checking')} />}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
        {state.kind === 'done' && (
          <Text weight="semibold">
            {state.report.source ? t('check.fileChecked', { name: state.report.source }) : t('check.workbookChecked')}
          </Text>
        )}
      </div>
      {state.kind === 'done' && (
        <>
          <ReportSummary report={state.report} />
          <IssueList issues={state.report.issues} onJump={jump} />
        </>
      )}
    </div>
  );
}
