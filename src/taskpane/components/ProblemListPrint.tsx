// 问题清单's print view: a file's problem list as a page to print and send back to the unit — unit, file, date, then
// 序号 | 考核项目 | 单元格 | 问题 | 处理办法. It shows in the pane and opens the print dialog; the print stylesheet
// prints only this view (the pane's tabs and buttons do not print), in black on white, the header row on every page.
import { useEffect } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ProblemList } from '../../app/problem-list';

const COLUMNS = ['seq', 'item', 'cell', 'problem', 'action'] as const;

const useStyles = makeStyles({
  root: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    padding: tokens.spacingHorizontalM,
    backgroundColor: '#fff',
    color: '#000',
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  meta: { margin: `${tokens.spacingVerticalS} 0` },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    '& th, & td': { border: '1px solid #000', padding: '2px 4px', textAlign: 'left', verticalAlign: 'top' },
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

// Global rules Griffel's scoped classes cannot express: on paper only the view, on A4.
const PRINT_CSS = `@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body * { visibility: hidden; }
  .ts-problem-print, .ts-problem-print * { visibility: visible; }
  .ts-problem-print { position: absolute; left: 0; top: 0; width: 100%; border: none; }
  .ts-problem-print-actions { display: none !important; }
  .ts-problem-print thead { display: table-header-group; }
  .ts-problem-print tr { break-inside: avoid; }
}`;

/** yyyy-mm-dd of the local date, as forms are dated. */
export function printDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function ProblemListPrint({ list, date, onClose }: { list: ProblemList; date: Date; onClose: () => void }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  // The print dialog opens once the view is on the page.
  useEffect(() => {
    window.print();
  }, []);
  return (
    <section
      className={`${styles.root} ts-problem-print`}
      aria-label={t('problemList.heading')}
      data-testid="problem-print"
    >
      <style>{PRINT_CSS}</style>
      <h2 className={styles.heading}>{t('problemList.heading')}</h2>
      <div className={styles.meta}>
        <div>{t('problemList.unit', { name: list.unit ?? t('problemList.noUnit') })}</div>
        <div>{t('problemList.file', { name: list.file })}</div>
        <div>{t('problemList.date', { date: printDate(date) })}</div>
      </div>
      {list.lines.length === 0 ? (
        <p>{t('problemList.none')}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c}>{t(`validate:problemList.columns.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {list.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.seq ?? ''}</td>
                <td>{l.item ?? ''}</td>
                <td>{l.cell ?? ''}</td>
                <td>{l.problem}</td>
                <td>{l.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className={`${styles.actions} ts-problem-print-actions`}>
        <Button size="small" onClick={() => window.print()}>
          {t('problemList.printAgain')}
        </Button>
        <Button size="small" onClick={onClose}>
          {t('problemList.close')}
        </Button>
      </div>
    </section>
  );
}
