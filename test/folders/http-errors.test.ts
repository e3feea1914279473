import { isTransient } from '../../src/core/folders/errors';
import { checkSecureUrl, isLoopbackHost, networkError } from '../../src/folders/http-errors';
import { createWebDavFolder } from '../../src/folders/webdav';

test('credentials travel over https, or plain http only to this computer', () => {
  for (const url of [
    'https://files.example.org/dav/',
    'http://127.0.0.1:8080/',
    'http://127.1.2.3/',
    'http://localhost/dav/',
    'http://[::1]:9000/',
  ]) {
    expect(() => checkSecureUrl(url)).not.toThrow();
  }
  for (const url of [
    'http://files.example.org/dav/',
    'http://127.0.0.1.evil.example/',
    'http://10.0.0.5/',
    'http://localhost.example.org/',
  ]) {
    expect(() => checkSecureUrl(url)).toThrow(expect.objectContaining({ code: 'insecure-url' }));
  }
  expect(() => checkSecureUrl('ftp://files.example.org/')).toThrow(
    expect.objectContaining({ code: 'invalid-destination' }),
  );
  expect(() => checkSecureUrl('not a url')).toThrow(expect.objectContaining({ code: 'invalid-destination' }));
  expect(isLoopbackHost('LOCALHOST')).toBe(true);
});

test('a WebDAV folder never shows credentials from its URL in its label', () => {
  const folder = createWebDavFolder({
    url: 'https://kh:s3cret@files.example.org/dav/考核?token=x',
    username: 'kh',
    password: 's3cret',
  });
  expect(folder.label).toBe('https://files.example.org/dav/考核/');
  expect(folder.label).not.toContain('s3cret');
});

test('a certificate Node refuses is untrusted-certificate, not a passing network fault; other failures stay unreachable', () => {
  for (const code of [
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ]) {
    const error = networkError(Object.assign(new Error('fetch failed'), { code }), '2019', false);
    expect(error).toMatchObject({ code: 'untrusted-certificate', detail: code });
    expect(isTransient(error)).toBe(false);
  }
  for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND']) {
    const error = networkError({ cause: { code } }, '2019', false);
    expect(error).toMatchObject({ code: 'folder-unreachable', detail: code });
    expect(isTransient(error)).toBe(true);
  }
});
