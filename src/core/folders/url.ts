// The one rule for a shared folder's address (a WebDAV URL): https, or plain http only to this computer, since the
// password travels with every request. The WebDAV adapter refuses such an address before it sends anything, and
// 设置 refuses to save it; both ask this.
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname.replace(/\.$/, ''));
}

export type FolderUrlCheck =
  | { ok: true; url: URL }
  /** Not an address at all, or another scheme than http(s); `shown` is what can be said of it without credentials. */
  | { ok: false; problem: 'invalid' | 'insecure'; shown: string };

export function checkFolderUrl(text: string): FolderUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, problem: 'invalid', shown: text };
  }
  // Never the user info of an address: it may hold a password.
  const shown = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  if (parsed.protocol === 'https:') return { ok: true, url: parsed };
  if (parsed.protocol === 'http:') {
    return isLoopbackHost(parsed.hostname) ? { ok: true, url: parsed } : { ok: false, problem: 'insecure', shown };
  }
  return { ok: false, problem: 'invalid', shown };
}
