// Task pane entry: detect the host (Excel or a plain browser), pick the operations for it, render the app.
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { detectHost } from './host';
import { createPaneI18n } from './i18n';
import { createOperations } from './create-operations';
import type { TaskpaneOperations } from './operations';
import { loadGenerateView } from './views/load';

async function main(): Promise<void> {
  void loadGenerateView();
  const i18n = createPaneI18n();
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing from taskpane.html');
  const root = createRoot(container);
  const render = (ops: TaskpaneOperations | null) =>
    root.render(
      <FluentProvider theme={webLightTheme}>
        <I18nextProvider i18n={i18n}>
          <App ops={ops} />
        </I18nextProvider>
      </FluentProvider>,
    );
  // The shell (heading, tabs, language) renders before Office.onReady answers; the views follow with the host.
  render(null);
  const host = await detectHost();
  render(createOperations(host));
}

void main();
