// 设置: what is kept where. The destination lives in localStorage; the WebDAV password only in memory.
import {
  DESTINATION_KEY,
  getSessionPassword,
  loadDestination,
  NO_DESTINATION,
  saveDestination,
  setSessionPassword,
} from '../../src/taskpane/engine/settings';
import { MemoryStorage } from './support/sheets';

afterEach(() => setSessionPassword(null));

test('a saved WebDAV destination comes back after the pane is reopened, and its password never reaches storage', () => {
  const storage = new MemoryStorage();
  saveDestination(
    { ...NO_DESTINATION, kind: 'webdav', url: ' https://files.example.org/dav/考核/ ', user: 'kh' },
    'pässwörd-密码',
    storage,
  );
  expect(storage.dump()).not.toContain('pässwörd-密码');
  expect(storage.dump()).not.toMatch(/password/i);
  expect(getSessionPassword()).toBe('pässwörd-密码');
  expect(loadDestination(storage)).toEqual({
    ...NO_DESTINATION,
    kind: 'webdav',
    url: 'https://files.example.org/dav/考核/',
    user: 'kh',
  });
});

test('extra fields a caller passes (a password, a token) are not written to storage', () => {
  const storage = new MemoryStorage();
  const sneaky = {
    ...NO_DESTINATION,
    kind: 'webdav' as const,
    url: 'https://x.example/',
    user: 'u',
    password: 'p4ss',
    token: 'eyJ',
  };
  saveDestination(sneaky, null, storage);
  expect(JSON.parse(storage.getItem(DESTINATION_KEY)!)).toEqual({
    kind: 'webdav',
    url: 'https://x.example/',
    user: 'u',
    drive: '/me/drive',
    root: '',
    clientId: '',
    cloud: 'global',
  });
});

test('a Graph destination keeps its cloud; one saved before the cloud was a choice is the global cloud', () => {
  const storage = new MemoryStorage();
  saveDestination({ ...NO_DESTINATION, kind: 'graph', clientId: 'app', cloud: 'china' }, null, storage);
  expect(loadDestination(storage)).toMatchObject({ kind: 'graph', clientId: 'app', cloud: 'china' });
  storage.setItem(
    DESTINATION_KEY,
    JSON.stringify({ kind: 'graph', url: '', user: '', drive: '/me/drive', root: '考核', clientId: 'app' }),
  );
  expect(loadDestination(storage)).toMatchObject({ kind: 'graph', root: '考核', cloud: 'global' });
  // A cloud this version does not know is not guessed at: the stored value is refused as a whole.
  storage.setItem(DESTINATION_KEY, JSON.stringify({ kind: 'graph', clientId: 'app', cloud: 'usgov' }));
  expect(loadDestination(storage).kind).toBe('none');
});

test('saving an empty password keeps the one typed earlier in the session; switching away from WebDAV forgets it', () => {
  const storage = new MemoryStorage();
  saveDestination({ ...NO_DESTINATION, kind: 'webdav', url: 'https://x.example/', user: 'u' }, 'first', storage);
  saveDestination({ ...NO_DESTINATION, kind: 'webdav', url: 'https://x.example/', user: 'u' }, null, storage);
  expect(getSessionPassword()).toBe('first');
  saveDestination({ ...NO_DESTINATION, kind: 'graph', clientId: 'c' }, null, storage);
  expect(getSessionPassword()).toBeNull();
});

test('a damaged or foreign stored value reads as “no destination” instead of breaking the pane', () => {
  for (const bad of [
    '{not json',
    '{"kind":"ftp","url":"x"}',
    '[]',
    'null',
    '"webdav"',
    `{"kind":"webdav","url":"${'x'.repeat(2001)}"}`,
    '{"kind":"webdav","url":42}',
    '{"kind":"graph","cloud":"moon"}',
  ]) {
    const storage = new MemoryStorage();
    storage.setItem(DESTINATION_KEY, bad);
    expect(loadDestination(storage).kind).toBe('none');
  }
});
