// 检查: validate a returned sheet — the open workbook (in Excel) or files the user opens (everywhere): one file
// shows its report; several files, or a picked folder with its subfolders, are checked one at a time (progress,
// 取消) into a list — file, unit, 通过 / 未通过 / 无法识别, 自评总分 — and opening a line shows that file's problems.
// In Excel, after 检查 of the open workbook, 在表中标出问题 fills the problem cells of the unit's sheet and 清除标记
// gives them their own fill back (the pane remembers the marks while it is open, whatever tab is shown).
import { useEffect, useRef, useState } from 'react';
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { CellMarks, PaneIssue, PaneReport, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { IssueList, ReportSummary } from '../components/Report';
import { WORKBOOK_FILES } from '../components/file-types';
import { FilePickerButton } from '../components/FilePickerButton';
import { FilesPickerButton } from '../components/FilesPickerButton';
import { ProblemListPrint } from '../components/ProblemListPrint';
import type { ProblemList } from '../../app/problem-list';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '2px 4px' } },
  name: { wordBreak: 'break-all' },
});

/** One file of a many-file check: its report, or the error that kept it from being checked. */
interface Checked {
  name: string;
  file: File;
  report: PaneReport | null;
  error?: unknown;
}

/** Returned sheets in a picked folder: workbooks, not Office's lock files nor hidden files. */
const isWorkbookFile = (file: File) =>
  /\.xls[xm]$/i.test(file.name) && !file.name.startsWith('~$') && !file.name.startsWith('.');

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; report: PaneReport; file?: File }
  // Several files: checked so far (in order), how many there are, and the line opened (null: the list).
  | { kind: 'many'; checked: Checked[]; total: number; running: boolean; open: number | null }
  // The error itself, worded when rendered: the message follows a later switch of the language.
  | { kind: 'failed'; error: unknown };

export function CheckView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const stop = useRef<AbortController | null>(null);

  const check = (work: () => Promise<PaneReport>, file?: File) => {
    setState({ kind: 'checking' });
    work().then(
      (report) => setState({ kind: 'done', report, ...(file ? { file } : {}) }),
      (error: unknown) => setState({ kind: 'failed', error }),
    );
  };
  // One file at a time: a folder of hundreds of sheets never holds more than one file's bytes.
  const checkMany = async (files: File[]) => {
    if (files.length === 1) return check(() => ops.checkFile(files[0]!), files[0]);
    const controller = new AbortController();
    stop.current = controller;
    const checked: Checked[] = [];
    setState({ kind: 'many', checked: [], total: files.length, running: true, open: null });
    for (const file of files) {
      if (controller.signal.aborted) break;
      const name = file.webkitRelativePath || file.name;
      try {
        checked.push({ name, file, report: await ops.checkFile(file) });
      } catch (error) {
        checked.push({ name, file, report: null, error });
      }
      setState({ kind: 'many', checked: [...checked], total: files.length, running: true, open: null });
    }
    setState({ kind: 'many', checked: [...checked], total: files.length, running: false, open: null });
  };
  const busy = state.kind === 'checking' || (state.kind === 'many' && state.running);

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
          onFile={(file) => check(() => ops.checkFile(file), file)}
          multiple
          onFiles={(files) => void checkMany(files)}
          disabled={busy}
          appearance={ops.checkWorkbook ? 'secondary' : 'primary'}
          testId="check-file"
        />
        <FilesPickerButton
          label={t('check.pickFolder')}
          directory
          onFiles={(_, files) => void checkMany(files.filter(isWorkbookFile))}
          disabled={busy}
          testId="check-folder"
        />
        {state.kind === 'many' && state.running && (
          <Button onClick={() => stop.current?.abort()}>{t('common:cancel')}</Button>
        )}
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
      {ops.markProblems && (
        <MarksPanel
          ops={ops}
          markable={
            state.kind === 'done' &&
            state.report.source === null &&
            !state.report.scoring &&
            state.report.issues.some((issue) => issue.cell !== null)
          }
        />
      )}
      {state.kind === 'done' && (
        <>
          <ReportSummary report={state.report} />
          {state.file && <ProblemListButton ops={ops} file={state.file} report={state.report} />}
          <IssueList issues={state.report.issues} onJump={jump} />
        </>
      )}
      {state.kind === 'many' && <ManyFiles ops={ops} state={state} onOpen={(open) => setState({ ...state, open })} />}
    </div>
  );
}

type MarksState =
  | { kind: 'none' }
  | { kind: 'busy'; clearing: boolean }
  | { kind: 'on'; marks: CellMarks }
  | { kind: 'cleared' }
  | { kind: 'nothing' }
  // What is still marked after the failure (a refused 清除标记 leaves the marks on): 清除标记 stays offered.
  | { kind: 'failed'; error: unknown; marks: CellMarks | null };

/**
 * 在表中标出问题 / 清除标记 (Excel): offered after 检查 of the open workbook found problems at cells; 清除标记 as long
 * as marks are in the workbook, even after another check or a tab switch (the marks live in the engine).
 */
function MarksPanel({ ops, markable }: { ops: TaskpaneOperations; markable: boolean }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const [marks, setMarks] = useState<MarksState>({ kind: 'none' });
  useEffect(() => {
    let live = true;
    void ops.currentMarks?.().then((current) => {
      if (live && current) setMarks({ kind: 'on', marks: current });
    });
    return () => {
      live = false;
    };
  }, [ops]);
  const failed = (error: unknown) =>
    void (ops.currentMarks?.() ?? Promise.resolve(null)).then(
      (marks) => setMarks({ kind: 'failed', error, marks }),
      () => setMarks({ kind: 'failed', error, marks: null }),
    );
  const mark = () => {
    setMarks({ kind: 'busy', clearing: false });
    ops.markProblems!().then((done) => setMarks(done ? { kind: 'on', marks: done } : { kind: 'nothing' }), failed);
  };
  const clear = () => {
    setMarks({ kind: 'busy', clearing: true });
    ops.clearMarks!().then(() => setMarks({ kind: 'cleared' }), failed);
  };
  const on = marks.kind === 'on' || (marks.kind === 'failed' && marks.marks !== null);
  if (!markable && !on && marks.kind !== 'busy' && marks.kind !== 'failed') return null;
  return (
    <div className={styles.root} data-testid="check-marks">
      <div className={styles.row}>
        {markable && (
          <Button size="small" disabled={marks.kind === 'busy'} onClick={mark}>
            {t('check.marks.mark')}
          </Button>
        )}
        {on && (
          <Button size="small" onClick={clear}>
            {t('check.marks.clear')}
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {marks.kind === 'busy' && (
          <Spinner size="tiny" label={marks.clearing ? t('check.marks.clearing') : t('check.marks.marking')} />
        )}
        {marks.kind === 'on' && (
          <Text>{t('check.marks.marked', { sheet: marks.marks.sheet, count: marks.marks.count })}</Text>
        )}
        {marks.kind === 'cleared' && <Text>{t('check.marks.cleared')}</Text>}
        {marks.kind === 'nothing' && <Text>{t('check.marks.none')}</Text>}
        {marks.kind === 'failed' && <Notice intent="error">{describeError(t, marks.error)}</Notice>}
      </div>
    </div>
  );
}

function ManyFiles({
  ops,
  state,
  onOpen,
}: {
  ops: TaskpaneOperations;
  state: Extract<State, { kind: 'many' }>;
  onOpen: (index: number | null) => void;
}) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const count = (status: PaneReport['status']) => state.checked.filter((c) => c.report?.status === status).length;
  const opened = state.open === null ? undefined : state.checked[state.open];
  if (opened) {
    return (
      <div className={styles.root} data-testid="check-opened">
        <div className={styles.row}>
          <Button size="small" onClick={() => onOpen(null)}>
            {t('check.back')}
          </Button>
          <Text weight="semibold">{t('check.fileChecked', { name: opened.name })}</Text>
        </div>
        {opened.report ? (
          <>
            <ReportSummary report={opened.report} />
            <ProblemListButton ops={ops} file={opened.file} report={opened.report} />
            <IssueList issues={opened.report.issues} />
          </>
        ) : (
          <Notice intent="error">{describeError(t, opened.error)}</Notice>
        )}
      </div>
    );
  }
  const last = state.checked[state.checked.length - 1];
  return (
    <div className={styles.root}>
      <Text aria-live="polite" data-testid="check-many-status">
        {state.running
          ? t('check.checkingMany', { done: state.checked.length, total: state.total, file: last?.name ?? '' })
          : t('check.manyChecked', {
              count: state.checked.length,
              valid: count('valid'),
              invalid: count('invalid'),
              unreadable: state.checked.length - count('valid') - count('invalid'),
            })}
      </Text>
      <table className={styles.table} aria-label={t('check.listLabel')} data-testid="check-list">
        <thead>
          <tr>
            <th>{t('check.file')}</th>
            <th>{t('check.unit')}</th>
            <th>{t('check.status')}</th>
            <th>{t('check.self')}</th>
          </tr>
        </thead>
        <tbody>
          {state.checked.map((c, index) => (
            <tr key={c.name}>
              <td className={styles.name}>
                <Button appearance="transparent" size="small" onClick={() => onOpen(index)}>
                  {c.name}
                </Button>
              </td>
              <td>{c.report?.unitName ?? ''}</td>
              <td>{t(`check.statuses.${c.report?.status ?? 'unreadable'}`)}</td>
              <td>{c.report?.total ? String(Math.round(c.report.total.self * 100) / 100) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 下载问题清单: the file's problems as an .xlsx named for the unit, to send back (src/app/problem-list.ts); 打印问题清单:
 * the same lines as a print view, with the print dialog.
 */
function ProblemListButton({ ops, file, report }: { ops: TaskpaneOperations; file: File; report: PaneReport }) {
  const { t, i18n } = useTranslation('taskpane');
  const styles = useStyles();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'done'; name: string }
    | { kind: 'print'; list: ProblemList; date: Date }
    | { kind: 'failed'; error: unknown }
  >({ kind: 'idle' });
  // A 问题清单 is a unit's sheet's lines (序号, 考核项目): a scoring workbook or a result copy shows its problems in the
  // list only.
  if (!ops.downloadProblemList || report.issues.length === 0 || report.scoring || report.resultCopy) return null;
  const download = ops.downloadProblemList;
  const list = ops.problemList;
  const failed = (error: unknown) => setState({ kind: 'failed', error });
  return (
    <>
      <div className={styles.row}>
        <Button
          size="small"
          onClick={() => download(file, i18n.language).then((name) => setState({ kind: 'done', name }), failed)}
        >
          {t('check.problemList')}
        </Button>
        {list && (
          <Button
            size="small"
            onClick={() =>
              list(file, i18n.language).then(
                (lines) => setState({ kind: 'print', list: lines, date: new Date() }),
                failed,
              )
            }
          >
            {t('problemList.print')}
          </Button>
        )}
        {state.kind === 'done' && (
          <Text data-testid="problem-list-status">{t('collect.downloaded', { name: state.name })}</Text>
        )}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
      </div>
      {state.kind === 'print' && (
        <ProblemListPrint list={state.list} date={state.date} onClose={() => setState({ kind: 'idle' })} />
      )}
    </>
  );
}
