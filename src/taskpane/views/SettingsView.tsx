// 设置: the shared folder that 提交, 发布模板 and 汇总 use — none (提交 downloads), a WebDAV folder (URL, user;
// the password is typed once per session and kept in memory only), or SharePoint / OneDrive through Microsoft
// Graph (sign-in through Office, no password here) — and the year's 考核设置 (./RulesPanel.tsx).
import { useEffect, useId, useState } from 'react';
import { Button, Field, Input, makeStyles, Radio, RadioGroup, Spinner, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { GRAPH_CLOUDS, type GraphCloud } from '../../folders/graph-cloud';
import type { DestinationKind, DestinationRefusal, DestinationSettings, TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { RulesPanel } from './RulesPanel';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

const KINDS: DestinationKind[] = ['none', 'webdav', 'graph'];

// Messages are kept as a key with its params, errors as the error itself, and worded when rendered: a shown
// message follows a later switch of the language.
type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; label: 'settings.testing' }
  | { kind: 'ok'; message: { key: 'settings.saved' } | { key: 'settings.testOk'; params: { count: number } } }
  // 保存 refused: each refusal is shown beside its field, and this line says nothing was saved.
  | { kind: 'refused'; refusals: DestinationRefusal[] }
  | { kind: 'failed'; error: unknown };

function DestinationPanel({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const folders = ops.folders;
  const [settings, setSettings] = useState<DestinationSettings | null>(null);
  const [password, setPassword] = useState('');
  const [hasPassword, setHasPassword] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    if (!folders) return;
    folders.loadDestination().then(setSettings, (error: unknown) => setStatus({ kind: 'failed', error }));
    folders.hasSessionPassword().then(setHasPassword, () => setHasPassword(false));
  }, [folders]);

  if (!folders) return <Notice intent="info">{t('settings.unavailable')}</Notice>;
  if (!settings) return <Spinner size="small" label={t('settings.loading')} />;

  const set = (patch: Partial<DestinationSettings>) => {
    setSettings({ ...settings, ...patch });
    setStatus({ kind: 'idle' });
  };

  // A field's refusal, worded when rendered (so it follows a switch of the language), or nothing.
  const refusal = (field: DestinationRefusal['field']) => {
    const found = status.kind === 'refused' ? status.refusals.find((r) => r.field === field) : undefined;
    return found
      ? { validationState: 'error' as const, validationMessage: t(`settings.refusals.${found.code}`, found.params) }
      : {};
  };

  const save = async (): Promise<boolean> => {
    try {
      const refusals = await folders.saveDestination(
        settings,
        settings.kind === 'webdav' && password !== '' ? password : null,
      );
      if (refusals.length > 0) {
        setStatus({ kind: 'refused', refusals });
        return false;
      }
      if (password !== '') setHasPassword(true);
      setPassword('');
      return true;
    } catch (error) {
      setStatus({ kind: 'failed', error });
      return false;
    }
  };

  const onSave = async () => {
    if (await save()) setStatus({ kind: 'ok', message: { key: 'settings.saved' } });
  };

  const onTest = async () => {
    if (!(await save())) return;
    setStatus({ kind: 'busy', label: 'settings.testing' });
    try {
      const count = await folders.testDestination();
      setStatus({ kind: 'ok', message: { key: 'settings.testOk', params: { count } } });
    } catch (error) {
      setStatus({ kind: 'failed', error });
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('settings.heading')}
      </h2>
      <Text>{t('settings.intro')}</Text>
      <Field label={t('settings.kind')} {...refusal('kind')}>
        <RadioGroup value={settings.kind} onChange={(_, data) => set({ kind: data.value as DestinationKind })}>
          {KINDS.map((kind) => (
            <Radio key={kind} value={kind} label={t(`settings.kinds.${kind}`)} />
          ))}
        </RadioGroup>
      </Field>
      {settings.kind === 'webdav' && (
        <>
          <Field label={t('settings.url')} hint={t('settings.urlHint')} {...refusal('url')}>
            <Input
              type="url"
              value={settings.url}
              onChange={(_, d) => set({ url: d.value })}
              data-testid="settings-url"
            />
          </Field>
          <Field label={t('settings.user')}>
            <Input
              value={settings.user}
              autoComplete="username"
              onChange={(_, d) => set({ user: d.value })}
              data-testid="settings-user"
            />
          </Field>
          <Field
            label={t('settings.password')}
            hint={hasPassword ? t('settings.passwordKept') : t('settings.passwordHint')}
          >
            <Input
              type="password"
              value={password}
              autoComplete="current-password"
              onChange={(_, d) => setPassword(d.value)}
              data-testid="settings-password"
            />
          </Field>
        </>
      )}
      {settings.kind === 'graph' && (
        <>
          <Field label={t('settings.drive')} hint={t('settings.driveHint')}>
            <Input value={settings.drive} onChange={(_, d) => set({ drive: d.value })} />
          </Field>
          <Field label={t('settings.root')}>
            <Input value={settings.root} onChange={(_, d) => set({ root: d.value })} />
          </Field>
          <Field label={t('settings.clientId')} {...refusal('clientId')}>
            <Input
              value={settings.clientId}
              onChange={(_, d) => set({ clientId: d.value })}
              data-testid="settings-client-id"
            />
          </Field>
          <Field label={t('settings.cloud')} hint={t('settings.cloudHint')}>
            <RadioGroup
              value={settings.cloud}
              onChange={(_, data) => set({ cloud: data.value as GraphCloud })}
              data-testid="settings-cloud"
            >
              {GRAPH_CLOUDS.map((cloud) => (
                <Radio key={cloud} value={cloud} label={t(`settings.clouds.${cloud}`)} />
              ))}
            </RadioGroup>
          </Field>
          {ops.host.kind !== 'excel' && <Notice intent="info">{t('errors.graphNeedsExcel')}</Notice>}
        </>
      )}
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => void onSave()} disabled={status.kind === 'busy'}>
          {t('settings.save')}
        </Button>
        {settings.kind !== 'none' && (
          <Button onClick={() => void onTest()} disabled={status.kind === 'busy'}>
            {t('settings.test')}
          </Button>
        )}
      </div>
      <div aria-live="polite" data-testid="settings-status">
        {/* Worded at render time, so the message follows a switch of the language. */}
        {status.kind === 'busy' && <Spinner size="tiny" label={t(status.label)} />}
        {status.kind === 'ok' && (
          <Notice intent="success">
            {'params' in status.message ? t(status.message.key, status.message.params) : t(status.message.key)}
          </Notice>
        )}
        {status.kind === 'refused' && (
          <Notice intent="error">{t('settings.notSaved', { count: status.refusals.length })}</Notice>
        )}
        {status.kind === 'failed' && <Notice intent="error">{describeError(t, status.error)}</Notice>}
      </div>
    </section>
  );
}

export function SettingsView({ ops }: { ops: TaskpaneOperations }) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <DestinationPanel ops={ops} />
      {ops.results && <RulesPanel ops={ops} results={ops.results} />}
    </div>
  );
}
