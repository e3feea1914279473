// A validation result, presented: summary line, block totals, and the problems list with a jump per cell.
import { useId } from 'react';
import { Button, makeStyles, tokens, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { PaneIssue, PaneReport, ScoringUnitView } from '../operations';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'baseline',
    padding: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  error: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  warning: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
  },
  info: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  cell: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  table: {
    borderCollapse: 'collapse',
    '& th, & td': { textAlign: 'left', padding: `2px ${tokens.spacingHorizontalS}` },
  },
  ok: { color: tokens.colorPaletteGreenForeground1, fontWeight: tokens.fontWeightSemibold },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const fmt = (n: number) => String(Math.round(n * 100) / 100);

export function ReportSummary({ report }: { report: PaneReport }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const errors = report.issues.filter((i) => i.severity === 'error').length;
  return (
    <div className={styles.root}>
      <Text className={report.valid ? styles.ok : styles.bad} data-testid="report-status">
        {report.valid
          ? t('report.valid')
          : report.status === 'unreadable'
            ? t('report.unreadable')
            : t('report.invalid', { count: errors })}
      </Text>
      {report.unitName && <Text>{t(report.scoring ? 'report.scorer' : 'report.unit', { name: report.unitName })}</Text>}
      {report.filled && (
        <Text data-testid="report-filled">
          {t(report.scoring ? 'report.scoredItems' : 'report.filled', {
            done: report.filled.done,
            total: report.filled.total,
          })}
        </Text>
      )}
      {report.scoring && <ScoringUnits units={report.scoring.units} />}
      {!report.scoring && (report.blocks.length > 0 || report.total) && (
        <table className={styles.table} aria-label={t('report.totalsLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('report.block')}</th>
              <th scope="col">{t('report.weight')}</th>
              <th scope="col">{t('report.self')}</th>
            </tr>
          </thead>
          <tbody>
            {report.blocks.map((b) => (
              <tr key={b.block}>
                <th scope="row">{t(`glossary:blocks.${b.block}`)}</th>
                <td>{fmt(b.weight)}</td>
                <td>{fmt(b.self)}</td>
              </tr>
            ))}
            {report.total && (
              <tr>
                <th scope="row">{t('report.total')}</th>
                <td>{fmt(report.total.weight)}</td>
                <td>{t('report.outOf100', { score: fmt(report.total.self) })}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A scoring workbook's units: rows scored of the unit's rows, its 分值 and its 考核得分 so far. */
function ScoringUnits({ units }: { units: ScoringUnitView[] }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  return (
    <table className={styles.table} aria-label={t('report.unitsLabel')} data-testid="scoring-units">
      <thead>
        <tr>
          <th scope="col">{t('report.unitName')}</th>
          <th scope="col">{t('report.scored')}</th>
          <th scope="col">{t('report.weight')}</th>
          <th scope="col">{t('report.assessed')}</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.name}>
            <th scope="row">{u.name}</th>
            <td>{t('report.scoredOf', { done: u.scored, total: u.items })}</td>
            <td>{fmt(u.weight)}</td>
            <td>{u.assessed === null ? '—' : fmt(u.assessed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IssueList({ issues, onJump }: { issues: PaneIssue[]; onJump?: (issue: PaneIssue) => void }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('issues.heading', { count: issues.length })}
      </h2>
      {issues.length === 0 ? (
        <Text>{t('issues.none')}</Text>
      ) : (
        <ul className={styles.list} aria-labelledby={headingId} data-testid="issue-list">
          {issues.map((issue, index) => {
            const message = issue.message(t);
            const where = issue.cell ?? t('issues.noCell');
            return (
              <li key={`${issue.code}-${issue.cell ?? ''}-${index}`} className={styles.item} data-code={issue.code}>
                <span className={styles[issue.severity]}>{t(`severity.${issue.severity}`)}</span>
                {issue.cell && onJump && issue.sheet ? (
                  <Button
                    size="small"
                    appearance="secondary"
                    className={styles.cell}
                    aria-label={t('issues.jump', { cell: issue.cell, message })}
                    onClick={() => onJump(issue)}
                  >
                    {issue.cell}
                  </Button>
                ) : (
                  <span className={styles.cell}>{where}</span>
                )}
                <span>{message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
