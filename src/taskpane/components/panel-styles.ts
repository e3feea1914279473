// The look shared by the sections that sit under a view (提交, 发布模板, 考核目标): a rule above, a heading, rows of
// controls. Spread into each panel's own makeStyles so that Griffel still sees one static style object per panel.
import { tokens } from '@fluentui/react-components';

export const panelStyles = {
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
} as const;
