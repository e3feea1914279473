// Turning what fetch-based clients throw into FolderError, for the WebDAV and Graph adapters (browser and Node).
import { FolderError, codeForStatus, parseRetryAfter } from '../core/folders/errors';
import { checkFolderUrl } from '../core/folders/url';

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

export { isLoopbackHost } from '../core/folders/url';

/** Credentials only travel over HTTPS, except to this computer (tests, a local proxy): the core's one rule. */
export function checkSecureUrl(url: string): URL {
  const checked = checkFolderUrl(url);
  if (checked.ok) return checked.url;
  throw new FolderError(checked.problem === 'insecure' ? 'insecure-url' : 'invalid-destination', {
    path: checked.shown,
  });
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
