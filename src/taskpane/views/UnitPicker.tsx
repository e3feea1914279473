// 生成's units: the filter (group, name) and the list of units to tick, with "choose all shown" / "none".
import { Button, Checkbox, Field, Input, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { GROUPS } from '../../core/catalog/model';
import type { GroupFilter, UnitSelection } from './use-unit-selection';

const useStyles = makeStyles({
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
});

export function UnitFilter({ selection }: { selection: UnitSelection }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  return (
    <div className={styles.row}>
      <Field label={t('generate.group')}>
        <Select
          value={selection.group}
          onChange={(_, d) => selection.setGroup(d.value as GroupFilter)}
          data-testid="group-filter"
        >
          {(['all', ...GROUPS] as const).map((g) => (
            <option key={g} value={g}>
              {g === 'all' ? t('generate.allGroups') : t(`glossary:groups.${g}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('generate.search')}>
        <Input
          value={selection.query}
          onChange={(_, d) => selection.setQuery(d.value)}
          placeholder={t('generate.searchPlaceholder')}
        />
      </Field>
    </div>
  );
}

export function UnitChecklist({ selection, disabled }: { selection: UnitSelection; disabled: boolean }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const { visible } = selection;
  return (
    <>
      <div className={styles.row}>
        <Button size="small" onClick={() => selection.chooseVisible(true)} disabled={disabled}>
          {t('generate.selectShown', { count: visible.length })}
        </Button>
        <Button size="small" onClick={() => selection.chooseVisible(false)} disabled={disabled}>
          {t('generate.clearShown')}
        </Button>
        <Text aria-live="polite">{t('generate.selectedCount', { count: selection.chosen.length })}</Text>
      </div>
      {selection.hiddenChosen > 0 && (
        <Text data-testid="hidden-chosen">{t('generate.hiddenChosen', { count: selection.hiddenChosen })}</Text>
      )}
      <div role="group" aria-label={t('generate.unitsLabel')} className={styles.units} data-testid="unit-list">
        {visible.map((u) => (
          <Checkbox
            key={u.id}
            label={u.name}
            checked={selection.isChosen(u.id)}
            disabled={disabled}
            onChange={(_, d) => selection.toggle(u.id, d.checked === true)}
          />
        ))}
        {visible.length === 0 && <Text>{t('generate.noMatch')}</Text>}
      </div>
    </>
  );
}
