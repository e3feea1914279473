// Retry with exponential backoff and full jitter for transient failures; Retry-After wins when the server sent
// it. Permanent failures (401/403/404/409/412/507, verify mismatch) stop at once.
import { isTransient, isFolderError } from './errors';

export interface RetryPolicy {
  /** Total attempts, including the first. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After we are willing to wait; longer ones are capped to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000 };

export interface RetryEnv {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

export const realRetryEnv: RetryEnv = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function backoffDelay(policy: RetryPolicy, attempt: number, random: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // Half fixed, half jitter: never retries instantly, and clients that failed together spread out.
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}

export interface RetryNotice {
  attempt: number; // the attempt that failed (1-based)
  delayMs: number;
  error: unknown;
}

export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  env: RetryEnv = realRetryEnv,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      const retryAfter = isFolderError(error) ? error.retryAfterMs : undefined;
      const delayMs = backoffDelay(policy, attempt, env.random(), retryAfter);
      onRetry?.({ attempt, delayMs, error });
      await env.sleep(delayMs);
    }
  }
}
