// 生成's run: where the sheets go (the open workbook or files), the button that starts it and the one that cancels
// it, and its progress and outcome. useGenerateRun holds the run; the view places the controls and the status.
import { useRef, useState } from 'react';
import { Button, Field, Input, makeStyles, Radio, RadioGroup, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { unitsWithWarnings } from '../../core/catalog/messages';
import { unitsOf, type UnitEntry } from '../../app/catalog-index';
import type { HeldCatalog } from './use-catalog-source';
import type { GenerateProgress, GenerateResult, GenerateTarget, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { ProgressField } from '../components/ProgressField';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: GenerateProgress }
  // `warned`: the units generated whose sheets carry a problem of the catalog (the sheet shows it).
  | { kind: 'finished'; result: GenerateResult; warned: string[] }
  // The error itself, worded when rendered: the message follows a later switch of the language.
  | { kind: 'failed'; error: unknown };

export interface GenerateRun {
  state: RunState;
  running: boolean;
  target: GenerateTarget;
  setTarget: (target: GenerateTarget) => void;
  /** The deadline said in every 填报说明 (yyyy-mm-dd, as a date field gives it); '' for none. */
  deadline: string;
  setDeadline: (deadline: string) => void;
  start: (catalog: HeldCatalog, units: UnitEntry[]) => Promise<void>;
  cancel: () => void;
}

export function useGenerateRun(ops: TaskpaneOperations): GenerateRun {
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const [target, setTarget] = useState<GenerateTarget>(ops.generateTargets[0] ?? 'files');
  const [deadline, setDeadline] = useState('');
  const abort = useRef<AbortController | null>(null);

  const start = async (held: HeldCatalog, entries: UnitEntry[]) => {
    if (entries.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'running', progress: { done: 0, total: entries.length, current: null } });
    try {
      // The targets are read now (the view started from the embedded catalog's index).
      const catalog = await held.full();
      const units = unitsOf(catalog, entries);
      const result = await ops.generate({
        catalog,
        units,
        target,
        ...(deadline !== '' ? { deadline } : {}),
        signal: controller.signal,
        onProgress: (progress) => setState({ kind: 'running', progress }),
      });
      setState({ kind: 'finished', result, warned: unitsWithWarnings(catalog, units).map((u) => u.name) });
    } catch (error) {
      setState({ kind: 'failed', error });
    } finally {
      abort.current = null;
    }
  };

  return {
    state,
    running: state.kind === 'running',
    target,
    setTarget,
    deadline,
    setDeadline,
    start,
    cancel: () => abort.current?.abort(),
  };
}

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
});

/** The destination choice (where the host offers more than one), then 生成 and, while it runs, 取消. */
export function GenerateControls({
  ops,
  run,
  catalog,
  units,
}: {
  ops: TaskpaneOperations;
  run: GenerateRun;
  catalog: HeldCatalog;
  units: UnitEntry[];
}) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  return (
    <>
      {ops.generateTargets.length > 1 && (
        <Field label={t('generate.target')}>
          <RadioGroup value={run.target} onChange={(_, d) => run.setTarget(d.value as GenerateTarget)}>
            {ops.generateTargets.map((tg) => (
              <Radio key={tg} value={tg} label={t(`generate.targets.${tg}`)} />
            ))}
          </RadioGroup>
        </Field>
      )}
      <Field label={t('generate.deadline')} hint={t('generate.deadlineHint')}>
        <Input type="date" value={run.deadline} onChange={(_, d) => run.setDeadline(d.value)} disabled={run.running} />
      </Field>
      <div className={styles.row}>
        <Button
          appearance="primary"
          onClick={() => void run.start(catalog, units)}
          disabled={run.running || units.length === 0}
        >
          {run.target === 'workbook'
            ? t('generate.insert', { count: units.length })
            : t('generate.download', { count: units.length })}
        </Button>
        {run.running && <Button onClick={run.cancel}>{t('generate.cancel')}</Button>}
      </div>
    </>
  );
}

/** Progress while running, then what was made (or how far a cancelled run got), or the failure. */
export function GenerateStatus({ run }: { run: GenerateRun }) {
  const { t } = useTranslation('taskpane');
  const { state, target } = run;
  return (
    <div aria-live="polite" data-testid="generate-status">
      {state.kind === 'running' && (
        <ProgressField
          done={state.progress.done}
          total={state.progress.total}
          label={t('generate.progressLabel')}
          message={
            state.progress.current
              ? t('generate.progress', { ...state.progress, current: state.progress.current })
              : t('generate.progressStarting', { total: state.progress.total })
          }
        />
      )}
      {state.kind === 'finished' && (
        <Notice intent={state.result.cancelled ? 'warning' : 'success'}>
          {state.result.cancelled
            ? t(target === 'workbook' ? 'generate.cancelledWorkbook' : 'generate.cancelledFiles', {
                done: state.result.done,
              })
            : t(target === 'workbook' ? 'generate.doneWorkbook' : 'generate.doneFiles', {
                count: state.result.done,
                names: state.result.outputs.join('、'),
              })}
          {!state.result.cancelled && state.warned.length > 0 && (
            <div data-testid="generate-warned">
              {t('generate.warnedUnits', { count: state.warned.length, units: state.warned.join('、') })}
            </div>
          )}
        </Notice>
      )}
      {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
    </div>
  );
}
