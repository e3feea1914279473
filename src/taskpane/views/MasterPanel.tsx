// 考核目标总表 (inside 生成, Excel only): export the current targets into the open workbook as an editable master
// sheet, or read the targets back from it (after staff edited next year's).
import { useId, useState } from 'react';
import { Button, makeStyles, Spinner, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../core/catalog/model';
import type { HeldCatalog } from './use-catalog-source';
import type { TaskpaneOperations } from '../operations';
import { describeError } from '../errors';
import { Notice } from '../components/Notice';
import { panelStyles } from '../components/panel-styles';

const useStyles = makeStyles({
  ...panelStyles,
});

// The outcome is kept as a message key with its params, or the error itself, and worded when rendered: the message
// follows a later switch of the language.
type Done =
  { key: 'master.exported'; params: { name: string } } | { key: 'master.readDone'; params: { count: number } };
type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; done: Done } | { kind: 'failed'; error: unknown };

export function MasterPanel({
  ops,
  catalog,
  onCatalog,
}: {
  ops: TaskpaneOperations;
  catalog: HeldCatalog | null;
  onCatalog: (catalog: Catalog, label: string) => void;
}) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const { readMasterFromWorkbook, exportMasterToWorkbook } = ops;
  if (!readMasterFromWorkbook || !exportMasterToWorkbook) return null;

  const run = (work: () => Promise<Done>) => {
    setState({ kind: 'busy' });
    work().then(
      (done) => setState({ kind: 'done', done }),
      (error: unknown) => setState({ kind: 'failed', error }),
    );
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('master.heading')}
      </h2>
      <Text>{t('master.intro')}</Text>
      <div className={styles.row}>
        <Button
          disabled={!catalog || state.kind === 'busy'}
          onClick={() =>
            catalog &&
            run(async () => ({
              key: 'master.exported',
              params: { name: await exportMasterToWorkbook(await catalog.full()) },
            }))
          }
        >
          {t('master.export')}
        </Button>
        <Button
          disabled={state.kind === 'busy'}
          onClick={() =>
            run(async () => {
              const read = await readMasterFromWorkbook();
              onCatalog(read, read.source);
              return { key: 'master.readDone', params: { count: read.units.length } };
            })
          }
        >
          {t('master.read')}
        </Button>
      </div>
      <div aria-live="polite" data-testid="master-status">
        {state.kind === 'busy' && <Spinner size="tiny" />}
        {state.kind === 'done' && <Notice intent="success">{t(state.done.key, state.done.params)}</Notice>}
        {state.kind === 'failed' && <Notice intent="error">{describeError(t, state.error)}</Notice>}
      </div>
    </section>
  );
}
