import { PermanentError, ThrottledError } from '../../src/errors.ts';

export interface FetchRetryPolicy {
  /** Tries in all, the first included; 1 means no retry. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429's Retry-After up to this is waited out here; a longer one delays the whole job. */
  maxRetryAfterMs: number;
}

export const NO_RETRIES: FetchRetryPolicy = {
  attempts: 1,
  baseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryAfterMs: 0,
};

export interface RetryDeps {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Tries a request again after network errors, 408, 429 and 5xx, with exponential backoff and
 * full jitter (so many workers do not retry in step), honouring Retry-After. Other 4xx and
 * anything permanent are not retried.
 */
export async function withFetchRetries<T>(
  policy: FetchRetryPolicy,
  attempt: () => Promise<T>,
  deps: RetryDeps = {},
): Promise<T> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof PermanentError || tried >= policy.attempts) throw error;
      if (error instanceof ThrottledError) {
        if (error.retryAfterMs > policy.maxRetryAfterMs) throw error;
        await sleep(error.retryAfterMs);
        continue;
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tried - 1));
      await sleep(Math.round(ceiling * (0.5 + random() / 2)));
    }
  }
}
