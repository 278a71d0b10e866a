import { isRetryable, retryAfterMs, toProjectError } from './es-errors.ts';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends a request again on 429/502/503/504, a refused connection or a timeout, waiting twice
 * as long each time (capped), or as long as the cluster asked. The client's own retries are off:
 * it retries at once, which only adds load to a struggling cluster.
 */
export async function withRetry<T>(what: string, policy: RetryPolicy, request: () => Promise<T>): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.attempts) throw toProjectError(what, error);
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.min(policy.maxDelayMs, retryAfterMs(error) ?? backoff));
    }
  }
}
