// 设置's Graph destination as the pane opens it (engine/folders.ts openDestination): the chosen cloud decides which
// Graph the folder talks to. Nothing is sent here; the label says where requests would go.
import { openDestination } from '../../src/taskpane/engine/folders';
import { NO_DESTINATION } from '../../src/taskpane/engine/settings';

const excel = { kind: 'excel', platform: 'OfficeOnline' } as const;

beforeAll(() => {
  // The sign-in dialog's page is found beside the pane's own page.
  (globalThis as { location?: unknown }).location = new URL('https://addin.example.org/pane/taskpane.html');
});
afterAll(() => {
  delete (globalThis as { location?: unknown }).location;
});

test.each([
  ['global', 'https://graph.microsoft.com/v1.0/sites/contoso.sharepoint.com,1,2/drive/root:/考核'],
  ['china', 'https://microsoftgraph.chinacloudapi.cn/v1.0/sites/contoso.sharepoint.com,1,2/drive/root:/考核'],
] as const)('a Graph destination in the %s cloud talks to that cloud’s Graph', async (cloud, label) => {
  const folder = await openDestination(
    {
      ...NO_DESTINATION,
      kind: 'graph',
      drive: '/sites/contoso.sharepoint.com,1,2/drive',
      root: '考核',
      clientId: 'app',
      cloud,
    },
    null,
    excel,
  );
  expect(folder.label).toBe(label);
});
