// A plain notice box. Fluent's MessageBar brings its motion library and icon set into the first-render bundle;
// this needs neither. Errors are announced at once (role="alert"), everything else politely (role="status").
import type { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

export type NoticeIntent = 'info' | 'success' | 'warning' | 'error';

const useStyles = makeStyles({
  base: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  info: {},
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    border: `1px solid ${tokens.colorPaletteGreenBorder1}`,
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    border: `1px solid ${tokens.colorPaletteYellowBorder1}`,
  },
  error: { backgroundColor: tokens.colorPaletteRedBackground1, border: `1px solid ${tokens.colorPaletteRedBorder1}` },
});

export function Notice({ intent, children }: { intent: NoticeIntent; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div
      role={intent === 'error' ? 'alert' : 'status'}
      data-intent={intent}
      className={mergeClasses(styles.base, styles[intent])}
    >
      {children}
    </div>
  );
}
