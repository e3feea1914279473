// 设置 › 考核设置: the year's rules of the final result — weights 自评/考核/测评, grade bands (name, min), the quota
// (grade, share) and the bonus cap — saved per year in the pane's storage. 保存 sends the form to the core's check
// (the one `collect --settings` runs) and saves nothing when it refuses; each refusal is shown at its field, in the
// core's words. Rules can also be read from a settings file (JSON or .xlsx) or, in Excel, from the open workbook's
// 考核设置 sheet: they fill the form, to be saved.
import { useEffect, useId, useState } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ResultIssue, Settings } from '../../core/results/model';
import type { InputRefusalView, ResultsOperations, RulesForm, RulesRead, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { CATALOG_FILES } from '../components/file-types';
import { FilePickerButton } from '../components/FilePickerButton';
import { catalogLine } from './CatalogSourceField';
import { useCatalogSource } from './use-catalog-source';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'end' },
  narrow: { width: '7em' },
});

/** The form of settings (the inverse of the engine's rulesInput for sound settings). */
function formOf(settings: Settings): RulesForm {
  const w = settings.weights;
  return {
    weighted: w !== null,
    weights: {
      self: w ? String(w.self) : '',
      assessed: w ? String(w.assessed) : '',
      survey: w ? String(w.survey) : '',
    },
    grades: settings.grades.map((g) => ({ name: g.name, min: String(g.min) })),
    quota: settings.quota
      ? { enabled: true, grade: settings.quota.grade, share: String(settings.quota.share) }
      : { enabled: false, grade: settings.grades[0]?.name ?? '', share: '' },
    bonusCap: settings.bonusCap === null ? '' : String(settings.bonusCap),
  };
}

const DEFAULT_FORM: RulesForm = {
  weighted: false,
  weights: { self: '', assessed: '', survey: '' },
  grades: [],
  quota: { enabled: false, grade: '', share: '' },
  bonusCap: '',
};

type Status =
  | { kind: 'idle' }
  | { kind: 'saved'; year: number }
  | { kind: 'refused'; issues: ResultIssue[] }
  | { kind: 'read'; file: string }
  | { kind: 'fileRefused'; refusal: InputRefusalView }
  | { kind: 'failed'; error: unknown };

export function RulesPanel({ ops, results }: { ops: TaskpaneOperations; results: ResultsOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const { source, catalog, openCatalog } = useCatalogSource(ops);
  const year = catalog?.year ?? null;
  const [form, setForm] = useState<RulesForm | null>(null);
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    if (year === null) return;
    let live = true;
    results.loadRules(year).then(
      (r) => {
        if (!live) return;
        setForm(formOf(r.settings));
        setSaved(r.saved);
      },
      (error: unknown) => live && setStatus({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [results, year]);

  if (year === null || form === null)
    return (
      <section className={styles.root} aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.heading}>
          {t('settings.rules.heading')}
        </h2>
        <Text>{catalogLine(t, source)}</Text>
      </section>
    );

  const edit = (patch: Partial<RulesForm>) => {
    setForm({ ...form, ...patch });
    setStatus({ kind: 'idle' });
  };
  const issuesAt = (field: string) => (status.kind === 'refused' ? status.issues.filter((i) => i.field === field) : []);
  // A field's refusal in the core's words, shown beside it.
  const at = (field: string) => {
    const found = issuesAt(field);
    return found.length > 0
      ? {
          validationState: 'error' as const,
          validationMessage: found.map((i) => t(`results:codes.${i.code}`, i.params)).join(' '),
        }
      : {};
  };
  const shown = new Set<string>([
    'weights.self',
    'weights.assessed',
    'weights.survey',
    'weights',
    'quota.grade',
    'quota.share',
    'bonusCap',
  ]);
  form.grades.forEach((_, i) => {
    shown.add(`grades[${i}].name`);
    shown.add(`grades[${i}].min`);
  });
  const others = status.kind === 'refused' ? status.issues.filter((i) => i.field === null || !shown.has(i.field)) : [];

  const save = async () => {
    try {
      const issues = await results.saveRules(year, form);
      if (issues.length > 0) setStatus({ kind: 'refused', issues });
      else {
        setSaved(true);
        setStatus({ kind: 'saved', year });
      }
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };
  const take = (file: string) => (read: RulesRead) => {
    if (read.ok) {
      setForm(formOf(read.settings));
      setStatus({ kind: 'read', file });
    } else setStatus({ kind: 'fileRefused', refusal: read.refusal });
  };
  const fail = (error: unknown) => setStatus({ kind: 'failed', error });
  const setWeight = (key: keyof RulesForm['weights'], value: string) =>
    edit({ weights: { ...form.weights, [key]: value } });
  const setGrade = (index: number, patch: Partial<RulesForm['grades'][number]>) =>
    edit({ grades: form.grades.map((g, i) => (i === index ? { ...g, ...patch } : g)) });

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="rules-panel">
      <h2 id={headingId} className={styles.heading}>
        {t('settings.rules.heading')}
      </h2>
      <Text>{t('settings.rules.intro')}</Text>
      <div className={styles.row}>
        <Text data-testid="rules-catalog">{catalogLine(t, source)}</Text>
        <FilePickerButton label={t('generate.openCatalog')} accept={CATALOG_FILES} onFile={openCatalog} size="small" />
      </div>
      <Text data-testid="rules-state">{saved ? t('settings.rules.savedState') : t('settings.rules.defaultState')}</Text>
      <Checkbox
        checked={form.weighted}
        onChange={(_, d) => edit({ weighted: d.checked === true })}
        label={t('settings.rules.weighted')}
        data-testid="rules-weighted"
      />
      {form.weighted && (
        <Field hint={t('settings.rules.weightsHint')} {...at('weights')}>
          <div className={styles.row}>
            {(['self', 'assessed', 'survey'] as const).map((key) => (
              <Field
                key={key}
                label={t(
                  `settings.rules.weight${key === 'self' ? 'Self' : key === 'assessed' ? 'Assessed' : 'Survey'}`,
                )}
                {...at(`weights.${key}`)}
              >
                <Input
                  className={styles.narrow}
                  value={form.weights[key]}
                  onChange={(_, d) => setWeight(key, d.value)}
                  data-testid={`rules-weight-${key}`}
                />
              </Field>
            ))}
          </div>
        </Field>
      )}
      <Text weight="semibold">{t('settings.rules.grades')}</Text>
      {form.grades.map((g, i) => (
        <div className={styles.row} key={i} data-testid="rules-grade">
          <Field label={t('settings.rules.gradeName')} {...at(`grades[${i}].name`)}>
            <Input
              className={styles.narrow}
              value={g.name}
              onChange={(_, d) => setGrade(i, { name: d.value })}
              data-testid={`rules-grade-name-${i}`}
            />
          </Field>
          <Field label={t('settings.rules.gradeMin')} {...at(`grades[${i}].min`)}>
            <Input
              className={styles.narrow}
              value={g.min}
              onChange={(_, d) => setGrade(i, { min: d.value })}
              data-testid={`rules-grade-min-${i}`}
            />
          </Field>
          <Button size="small" onClick={() => edit({ grades: form.grades.filter((_, j) => j !== i) })}>
            {t('settings.rules.removeGrade')}
          </Button>
        </div>
      ))}
      <div className={styles.row}>
        <Button
          size="small"
          onClick={() => edit({ grades: [...form.grades, { name: '', min: '' }] })}
          data-testid="rules-add-grade"
        >
          {t('settings.rules.addGrade')}
        </Button>
      </div>
      <Checkbox
        checked={form.quota.enabled}
        onChange={(_, d) => edit({ quota: { ...form.quota, enabled: d.checked === true } })}
        label={t('settings.rules.quota')}
        data-testid="rules-quota"
      />
      {form.quota.enabled && (
        <div className={styles.row}>
          <Field label={t('settings.rules.quotaGrade')} {...at('quota.grade')}>
            <Input
              className={styles.narrow}
              value={form.quota.grade}
              onChange={(_, d) => edit({ quota: { ...form.quota, grade: d.value } })}
              data-testid="rules-quota-grade"
            />
          </Field>
          <Field label={t('settings.rules.quotaShare')} {...at('quota.share')}>
            <Input
              className={styles.narrow}
              value={form.quota.share}
              onChange={(_, d) => edit({ quota: { ...form.quota, share: d.value } })}
              data-testid="rules-quota-share"
            />
          </Field>
        </div>
      )}
      <Field label={t('settings.rules.bonusCap')} {...at('bonusCap')}>
        <Input
          className={styles.narrow}
          value={form.bonusCap}
          onChange={(_, d) => edit({ bonusCap: d.value })}
          data-testid="rules-bonus-cap"
        />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void save()} data-testid="rules-save">
          {t('settings.rules.save')}
        </Button>
        <Button onClick={() => edit(DEFAULT_FORM)}>{t('settings.rules.reset')}</Button>
        <FilePickerButton
          label={t('settings.rules.readFile')}
          accept=".json,.xlsx,application/json"
          onFile={(file) => results.readRulesFile(file).then(take(file.name), fail)}
          testId="rules-file"
        />
        {results.readRulesFromWorkbook && (
          <Button onClick={() => results.readRulesFromWorkbook!().then(take(t('settings.rules.heading')), fail)}>
            {t('settings.rules.readWorkbook')}
          </Button>
        )}
      </div>
      <div aria-live="polite" data-testid="rules-status">
        {status.kind === 'saved' && (
          <Notice intent="success">{t('settings.rules.saved', { year: status.year })}</Notice>
        )}
        {status.kind === 'read' && <Notice intent="info">{t('settings.rules.readDone', { file: status.file })}</Notice>}
        {status.kind === 'refused' && (
          <Notice intent="error">
            <Text block>{t('settings.rules.notSaved', { count: status.issues.length })}</Text>
            {others.map((i, k) => (
              <Text block key={k}>
                {i.field
                  ? t('results:cli.issueAt', { where: i.field, message: t(`results:codes.${i.code}`, i.params) })
                  : t(`results:codes.${i.code}`, i.params)}
              </Text>
            ))}
          </Notice>
        )}
        {status.kind === 'fileRefused' && (
          <Notice intent="error">
            <Text block>{t('settings.rules.fileRefused', { file: status.refusal.file })}</Text>
            {status.refusal.reasons(t).map((line, k) => (
              <Text block key={k}>
                {line}
              </Text>
            ))}
          </Notice>
        )}
        {status.kind === 'failed' && <Notice intent="error">{describeError(t, status.error)}</Notice>}
      </div>
    </section>
  );
}
