import { FolderError, isTransient, parseRetryAfter } from '../../../src/core/folders/errors';
import { backoffDelay, withRetry } from '../../../src/core/folders/retry';

const policy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 1000, maxRetryAfterMs: 10000 };

test('timeouts, unreachable servers, 429 and 5xx are transient; 401/403/404/409/412/507 are not', () => {
  expect(isTransient(new FolderError('timeout'))).toBe(true);
  expect(isTransient(new FolderError('folder-unreachable'))).toBe(true);
  expect(isTransient(new FolderError('rate-limited', { status: 429 }))).toBe(true);
  expect(isTransient(new FolderError('http-error', { status: 502 }))).toBe(true);
  for (const [code, status] of [
    ['auth-failed', 401],
    ['forbidden', 403],
    ['not-found', 404],
    ['conflict', 409],
    ['already-exists', 412],
    ['insufficient-storage', 507],
  ] as const) {
    expect(isTransient(new FolderError(code, { status }))).toBe(false);
  }
  expect(isTransient(new Error('anything else'))).toBe(false);
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  expect(parseRetryAfter('7')).toBe(7000);
  expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10000);
  expect(parseRetryAfter('soon')).toBeUndefined();
});

test('backoff doubles up to the cap, with jitter in the upper half', () => {
  expect([1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a, 0))).toEqual([100, 200, 400, 500, 500]);
  expect([1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a, 0.999))).toEqual([200, 400, 800, 1000, 1000]);
  expect(backoffDelay(policy, 1, 0.3, 60000)).toBe(10000);
});

test('gives up after the last attempt with the last error', async () => {
  let calls = 0;
  const error = await withRetry(
    async () => {
      calls++;
      throw new FolderError('timeout', { detail: `try ${calls}` });
    },
    policy,
    { sleep: async () => {}, random: () => 0 },
  ).catch((e: unknown) => e);
  expect(calls).toBe(3);
  expect((error as FolderError).detail).toBe('try 3');
});
