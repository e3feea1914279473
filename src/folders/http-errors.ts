// Turning what fetch-based clients throw into FolderError, for the WebDAV and Graph adapters (browser and Node).
import { FolderError, codeForStatus, parseRetryAfter } from '../core/folders/errors';

interface HeadersLike {
  get(name: string): string | null;
}

// Node's codes for a certificate it does not accept (OpenSSL's verify errors, and a name that does not match).
// Retrying cannot help, so these are not "unreachable". A browser gives no such detail: there it stays unreachable.
const CERTIFICATE_CODES = /^(?:ERR_TLS_CERT_ALTNAME_INVALID|[A-Z_]*CERT[A-Z_]*|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/;

/** An error from fetch itself (no HTTP answer): timeout, refused, reset, DNS, CORS in a browser. */
export function networkError(error: unknown, path: string, timedOut: boolean): FolderError {
  if (timedOut) return new FolderError('timeout', { path, cause: error });
  const e = error as { name?: string; code?: string; cause?: { code?: string }; message?: string };
  const code = e?.code ?? e?.cause?.code;
  if (e?.name === 'AbortError') return new FolderError('timeout', { path, cause: error });
  if (code !== undefined && CERTIFICATE_CODES.test(code))
    return new FolderError('untrusted-certificate', { path, detail: code, cause: error });
  const detail = code ?? (e?.message ? e.message.slice(0, 120) : undefined);
  return new FolderError('folder-unreachable', { path, detail, cause: error });
}

export function statusError(status: number, path: string, headers?: HeadersLike | null, detail?: string): FolderError {
  return new FolderError(codeForStatus(status), {
    status,
    path,
    retryAfterMs: parseRetryAfter(headers?.get('retry-after')),
    detail,
  });
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname.replace(/\.$/, ''));
}

/** Credentials only travel over HTTPS, except to this computer (tests, a local proxy). */
export function checkSecureUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FolderError('invalid-destination', { path: url });
  }
  if (parsed.protocol === 'https:') return parsed;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return parsed;
  if (parsed.protocol === 'http:')
    throw new FolderError('insecure-url', { path: `${parsed.protocol}//${parsed.host}${parsed.pathname}` });
  throw new FolderError('invalid-destination', { path: `${parsed.protocol}//${parsed.host}${parsed.pathname}` });
}

/** Runs `op` with an AbortSignal that fires after `ms`; tells the caller whether the timer fired. */
export async function withTimeout<T>(
  ms: number,
  op: (signal: AbortSignal) => Promise<T>,
  onError: (error: unknown, timedOut: boolean) => never,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  try {
    return await op(controller.signal);
  } catch (error) {
    return onError(error, timedOut);
  } finally {
    clearTimeout(timer);
  }
}
