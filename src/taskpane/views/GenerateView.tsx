// 生成: choose the catalog, filter and pick units, put their sheets into the workbook or save them as files; publish
// the chosen units' templates (发布模板) and keep the targets in a master sheet (考核目标总表). Each part is its own
// component; this view holds the state they share (the catalog, the chosen units, whether a run is going on).
import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TaskpaneOperations } from '../operations';
import { CatalogSourceField } from './CatalogSourceField';
import { GenerateControls, GenerateStatus, useGenerateRun } from './GenerateRun';
import { MasterPanel } from './MasterPanel';
import { PublishPanel } from './PublishPanel';
import { UnitChecklist, UnitFilter } from './UnitPicker';
import { useHeldCatalog } from './use-catalog-source';
import { useUnitSelection } from './use-unit-selection';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function GenerateView({ ops }: { ops: TaskpaneOperations }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const { source, catalog, loadEmbedded, openCatalog, takeCatalog } = useHeldCatalog(ops);
  const selection = useUnitSelection(catalog);
  const run = useGenerateRun(ops);

  return (
    <div className={styles.root}>
      <h2 style={{ margin: 0, fontSize: tokens.fontSizeBase400 }}>{t('generate.heading')}</h2>
      <CatalogSourceField
        source={source}
        onOpen={(file) => {
          selection.clear();
          openCatalog(file);
        }}
        onEmbedded={loadEmbedded}
        disabled={run.running}
      />
      {catalog && (
        <>
          <UnitFilter selection={selection} />
          <UnitChecklist selection={selection} disabled={run.running} />
          <GenerateControls ops={ops} run={run} catalog={catalog} units={selection.chosen} />
        </>
      )}
      <GenerateStatus run={run} />
      {catalog && <PublishPanel ops={ops} catalog={catalog} units={selection.chosen} />}
      <MasterPanel
        ops={ops}
        catalog={catalog}
        onCatalog={(c, label) => {
          selection.clear();
          takeCatalog(c, label);
        }}
      />
    </div>
  );
}
