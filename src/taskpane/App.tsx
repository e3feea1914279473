// The pane: a heading, a language switch and seven tabs (生成 / 填报 / 检查 / 汇总 / 评分 / 结果 / 设置). Operations come in
// as props.
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { makeStyles, tokens, Tab, TabList, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TaskpaneOperations } from './operations';
import { LanguageSwitch } from './components/LanguageSwitch';
import { loadGenerateView } from './views/load';

// The views are async chunks: the first render (heading, tabs, language) waits for none of them. 生成 is
// requested at start-up (index.tsx), 填报 and 检查 when their tab is first opened.
const GenerateView = lazy(loadGenerateView);
const FillView = lazy(() =>
  import(/* webpackChunkName: "view-fill" */ './views/FillView').then((m) => ({ default: m.FillView })),
);
const CheckView = lazy(() =>
  import(/* webpackChunkName: "view-check" */ './views/CheckView').then((m) => ({ default: m.CheckView })),
);
const CollectView = lazy(() =>
  import(/* webpackChunkName: "view-collect" */ './views/CollectView').then((m) => ({ default: m.CollectView })),
);
const ReviewView = lazy(() =>
  import(/* webpackChunkName: "view-review" */ './views/ReviewView').then((m) => ({ default: m.ReviewView })),
);
const ResultsView = lazy(() =>
  import(/* webpackChunkName: "view-results" */ './views/ResultsView').then((m) => ({ default: m.ResultsView })),
);
const SettingsView = lazy(() =>
  import(/* webpackChunkName: "view-settings" */ './views/SettingsView').then((m) => ({ default: m.SettingsView })),
);

export const FIRST_RENDER_MARK = 'taskpane-first-render';

const TABS = ['generate', 'fill', 'check', 'collect', 'review', 'results', 'settings'] as const;
type TabKey = (typeof TABS)[number];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalM },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  // Balanced lines (a block: text-wrap applies to blocks): at 320 px the subtitle otherwise leaves its last
  // character (查) alone on a line.
  mode: { display: 'block', color: tokens.colorNeutralForeground3, textWrap: 'balance' },
  // The tabs in English are wider than a 320 px pane: they wrap rather than push the pane sideways.
  tabs: { flexWrap: 'wrap' },
});

/**
 * `ops` is null while the host is still being detected (Office.onReady can take a moment): the heading, tabs and
 * language switch render at once; the views wait for the host.
 */
export function App({ ops }: { ops: TaskpaneOperations | null }) {
  const { t } = useTranslation('taskpane');
  const styles = useStyles();
  const [tab, setTab] = useState<TabKey>('generate');
  const idBase = useId();

  useEffect(() => {
    // The bench's "first render": React has committed the heading and tabs.
    performance.mark(FIRST_RENDER_MARK);
  }, []);

  const tabId = (key: TabKey) => `${idBase}-tab-${key}`;
  const panelId = (key: TabKey) => `${idBase}-panel-${key}`;

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>{t('title')}</h1>
          <Text size={200} className={styles.mode} data-testid="pane-mode">
            {ops === null ? t('common:loading') : ops.host.kind === 'excel' ? t('mode.excel') : t('mode.browser')}
          </Text>
        </div>
        <LanguageSwitch />
      </header>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, data) => setTab(data.value as TabKey)}
        aria-label={t('tabs.label')}
      >
        {TABS.map((key) => (
          <Tab key={key} value={key} id={tabId(key)} aria-controls={key === tab ? panelId(key) : undefined}>
            {t(`tabs.${key}`)}
          </Tab>
        ))}
      </TabList>
      <section role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {ops === null ? (
          <Text role="status">{t('common:loading')}</Text>
        ) : (
          <Suspense fallback={<Text role="status">{t('common:loading')}</Text>}>
            {tab === 'generate' && <GenerateView ops={ops} />}
            {tab === 'fill' && <FillView ops={ops} />}
            {tab === 'check' && <CheckView ops={ops} />}
            {tab === 'collect' && <CollectView ops={ops} />}
            {tab === 'review' && <ReviewView ops={ops} />}
            {tab === 'results' && <ResultsView ops={ops} />}
            {tab === 'settings' && <SettingsView ops={ops} />}
          </Suspense>
        )}
      </section>
    </main>
  );
}
