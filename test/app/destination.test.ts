// What 设置 may save: each rule of src/app/destination.ts, field by field, and the pane's 保存 storing nothing
// when anything is refused.
import { checkDestination } from '../../src/app/destination';
import {
  DESTINATION_KEY,
  loadDestination,
  NO_DESTINATION,
  saveCheckedDestination,
} from '../../src/taskpane/engine/settings';

const webdav = (url: string) => ({ kind: 'webdav' as const, url, clientId: '' });

test.each([
  ['', 'url-missing'],
  ['   ', 'url-missing'],
  ['files.example.org/dav', 'url-invalid'],
  ['ftp://files.example.org/dav/', 'url-invalid'],
  ['http://files.example.org/dav/', 'url-insecure'],
])('a WebDAV address %j is refused: %s', (url, code) => {
  expect(checkDestination(webdav(url), 'browser')).toEqual([{ field: 'url', code, params: {} }]);
});

test.each(['https://files.example.org/dav/', 'http://localhost:8080/dav/', 'http://127.0.0.1/dav/'])(
  'a WebDAV address %j is accepted',
  (url) => expect(checkDestination(webdav(url), 'browser')).toEqual([]),
);

test('SharePoint needs Excel to sign in, and a client ID, each refused on its own field', () => {
  const graph = { kind: 'graph' as const, url: '', clientId: '' };
  expect(checkDestination(graph, 'browser').map((r) => [r.field, r.code])).toEqual([
    ['kind', 'graph-needs-excel'],
    ['clientId', 'client-id-missing'],
  ]);
  expect(checkDestination(graph, 'excel').map((r) => r.code)).toEqual(['client-id-missing']);
  expect(checkDestination({ ...graph, clientId: 'a-client-id' }, 'excel')).toEqual([]);
  expect(checkDestination({ kind: 'none', url: '', clientId: '' }, 'browser')).toEqual([]);
});

test('保存 stores nothing when anything is refused, and stores the destination otherwise', () => {
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  const host = { kind: 'browser' as const };
  const refused = saveCheckedDestination(
    { ...NO_DESTINATION, kind: 'webdav', url: 'http://files.example.org/dav/' },
    'secret',
    host,
    storage,
  );
  expect(refused.map((r) => r.code)).toEqual(['url-insecure']);
  expect(items.has(DESTINATION_KEY)).toBe(false);

  const good = { ...NO_DESTINATION, kind: 'webdav' as const, url: 'https://files.example.org/dav/' };
  expect(saveCheckedDestination(good, null, host, storage)).toEqual([]);
  expect(loadDestination(storage)).toMatchObject({ kind: 'webdav', url: 'https://files.example.org/dav/' });
});
