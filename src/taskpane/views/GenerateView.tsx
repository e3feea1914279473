// 生成: choose the catalog, filter and pick units, put their sheets into the workbook or save them as files.
import { useId, useMemo, useRef, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Group } from '../../core/catalog/model';
import { diagnosticMessage } from '../../core/catalog/messages';
import type { GenerateProgress, GenerateResult, GenerateTarget, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { PublishPanel } from './PublishPanel';
import { MasterPanel } from './MasterPanel';
import { CATALOG_FILES } from '../components/file-types';
import { useCatalogSource } from './use-catalog-source';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  units: {
    maxHeight: '240px',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalXS,
    display: 'flex',
    flexDirection: 'column',
  },
  hiddenInput: { display: 'none' },
});

// Listed here rather than imported from model.ts: that module builds zod schemas at load time, and zod is
// not needed for the first render. The type check below keeps the list complete.
const GROUP_FILTERS = ['bureau', 'city', 'department', 'institution'] as const satisfies readonly Group[];
type MissingGroup = Exclude<Group, (typeof GROUP_FILTERS)[number]>;
const groupsComplete: MissingGroup extends never ? true : false = true;
void groupsComplete;

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; progress: GenerateProgress }
  | { kind: 'finished'; result: GenerateResult }
  // The error itself, worded when rendered: the message follows a later switch of the language.
  | { kind: 'failed'; error: unknown };

export function GenerateView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const ids = { source: useId(), units: useId(), progress: useId() };
  const fileInput = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  const { source: catalogState, catalog, loadEmbedded, openCatalog: readCatalog, takeCatalog } = useCatalogSource(ops);
  const [group, setGroup] = useState<Group | 'all'>('all');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [target, setTarget] = useState<GenerateTarget>(ops.generateTargets[0] ?? 'files');
  const [run, setRun] = useState<RunState>({ kind: 'idle' });

  const openCatalog = (file: File) => {
    setSelected(new Set());
    readCatalog(file);
  };

  const visible = useMemo(() => {
    if (!catalog) return [];
    const q = query.replace(/\s+/g, '');
    return catalog.units.filter(
      (u) => (group === 'all' || u.group === group) && (q === '' || u.name.replace(/\s+/g, '').includes(q)),
    );
  }, [catalog, group, query]);

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectVisible = (on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const u of visible) {
        if (on) next.add(u.id);
        else next.delete(u.id);
      }
      return next;
    });

  const chosen = catalog ? catalog.units.filter((u) => selected.has(u.id)) : [];
  const running = run.kind === 'running';

  const start = async () => {
    if (!catalog || chosen.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setRun({ kind: 'running', progress: { done: 0, total: chosen.length, current: null } });
    try {
      const result = await ops.generate({
        catalog,
        units: chosen,
        target,
        signal: controller.signal,
        onProgress: (progress) => setRun({ kind: 'running', progress }),
      });
      setRun({ kind: 'finished', result });
    } catch (error) {
      setRun({ kind: 'failed', error });
    } finally {
      abort.current = null;
    }
  };

  const errors = catalog ? catalog.diagnostics.filter((d) => d.severity === 'error').length : 0;
  const warnings = catalog ? catalog.diagnostics.filter((d) => d.severity === 'warning').length : 0;

  return (
    <div className={styles.root}>
      <h2 style={{ margin: 0, fontSize: tokens.fontSizeBase400 }}>{t('generate.heading')}</h2>
      <Field label={t('generate.source')} id={ids.source}>
        <div className={styles.row}>
          <Text data-testid="catalog-label">
            {catalogState.kind === 'ready'
              ? t('generate.catalogSummary', {
                  label: catalogState.label(t),
                  year: catalogState.catalog.year,
                  count: catalogState.catalog.units.length,
                })
              : catalogState.kind === 'loading'
                ? t('generate.loadingCatalog')
                : ''}
          </Text>
          <Button onClick={() => fileInput.current?.click()} disabled={running}>
            {t('generate.openCatalog')}
          </Button>
          <Button appearance="subtle" onClick={loadEmbedded} disabled={running}>
            {t('generate.useEmbedded')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept={CATALOG_FILES}
            className={styles.hiddenInput}
            aria-label={t('generate.openCatalog')}
            data-testid="catalog-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) openCatalog(file);
              e.target.value = '';
            }}
          />
        </div>
      </Field>
      {catalogState.kind === 'failed' && <Notice intent="error">{describeError(t, catalogState.error)}</Notice>}
      {catalog && (errors > 0 || warnings > 0) && (
        <Notice intent={errors > 0 ? 'error' : 'warning'}>
          <details>
            <summary>{t('generate.diagnostics', { errors, warnings })}</summary>
            <ul data-testid="catalog-diagnostics">
              {catalog.diagnostics
                .filter((d) => d.severity !== 'info')
                .map((d, i) => (
                  <li key={`${d.code}-${i}`}>
                    {d.line !== null ? t('generate.diagnosticLine', { line: d.line }) : ''}
                    {diagnosticMessage(t, d)}
                  </li>
                ))}
            </ul>
          </details>
        </Notice>
      )}

      {catalog && (
        <>
          <div className={styles.row}>
            <Field label={t('generate.group')}>
              <Select value={group} onChange={(_, d) => setGroup(d.value as Group | 'all')} data-testid="group-filter">
                {(['all', ...GROUP_FILTERS] as const).map((g) => (
                  <option key={g} value={g}>
                    {t(`groups.${g}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t('generate.search')}>
              <Input
                value={query}
                onChange={(_, d) => setQuery(d.value)}
                placeholder={t('generate.searchPlaceholder')}
              />
            </Field>
          </div>
          <div className={styles.row}>
            <Button size="small" onClick={() => selectVisible(true)} disabled={running}>
              {t('generate.selectShown', { count: visible.length })}
            </Button>
            <Button size="small" onClick={() => selectVisible(false)} disabled={running}>
              {t('generate.clearShown')}
            </Button>
            <Text aria-live="polite">{t('generate.selectedCount', { count: chosen.length })}</Text>
          </div>
          <div role="group" aria-label={t('generate.unitsLabel')} className={styles.units} data-testid="unit-list">
            {visible.map((u) => (
              <Checkbox
                key={u.id}
                label={u.name}
                checked={selected.has(u.id)}
                disabled={running}
                onChange={(_, d) => toggle(u.id, d.checked === true)}
              />
            ))}
            {visible.length === 0 && <Text>{t('generate.noMatch')}</Text>}
          </div>
          {ops.generateTargets.length > 1 && (
            <Field label={t('generate.target')}>
              <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as GenerateTarget)}>
                {ops.generateTargets.map((tg) => (
                  <Radio key={tg} value={tg} label={t(`generate.targets.${tg}`)} />
                ))}
              </RadioGroup>
            </Field>
          )}
          <div className={styles.row}>
            <Button appearance="primary" onClick={() => void start()} disabled={running || chosen.length === 0}>
              {target === 'workbook'
                ? t('generate.insert', { count: chosen.length })
                : t('generate.download', { count: chosen.length })}
            </Button>
            {running && <Button onClick={() => abort.current?.abort()}>{t('generate.cancel')}</Button>}
          </div>
        </>
      )}

      <div aria-live="polite" id={ids.progress} data-testid="generate-status">
        {run.kind === 'running' && (
          <Field
            validationState="none"
            validationMessage={
              run.progress.current
                ? t('generate.progress', { ...run.progress, current: run.progress.current })
                : t('generate.progressStarting', { total: run.progress.total })
            }
          >
            <ProgressBar value={run.progress.done} max={run.progress.total} aria-label={t('generate.progressLabel')} />
          </Field>
        )}
        {run.kind === 'finished' && (
          <Notice intent={run.result.cancelled ? 'warning' : 'success'}>
            {run.result.cancelled
              ? t(target === 'workbook' ? 'generate.cancelledWorkbook' : 'generate.cancelledFiles', {
                  done: run.result.done,
                })
              : t(target === 'workbook' ? 'generate.doneWorkbook' : 'generate.doneFiles', {
                  count: run.result.done,
                  names: run.result.outputs.join('、'),
                })}
          </Notice>
        )}
        {run.kind === 'failed' && <Notice intent="error">{describeError(t, run.error)}</Notice>}
      </div>
      {catalog && <PublishPanel ops={ops} catalog={catalog} units={chosen} />}
      <MasterPanel
        ops={ops}
        catalog={catalog}
        onCatalog={(c, label) => {
          setSelected(new Set());
          takeCatalog(c, label);
        }}
      />
    </div>
  );
}
