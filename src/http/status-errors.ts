import { PermanentError, ThrottledError, TransientError } from '../errors.ts';

/**
 * The one mapping from an HTTP answer to retry-or-give-up, shared by the fetcher and the alert
 * channels: 408 and 5xx retry, 429 (and 503 with Retry-After) back off, other 4xx give up.
 */
export function statusError(what: string, status: number, retryAfter: string | null): Error {
  const message = `${what}: HTTP ${status}`;
  if (status === 429 || (status === 503 && retryAfter !== null)) {
    return new ThrottledError(message, parseRetryAfter(retryAfter) ?? 60_000);
  }
  if (status === 408 || status >= 500) return new TransientError(message, { code: `http_${status}` });
  return new PermanentError(message, { code: `http_${status}` });
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Network-level failures (refused, reset, timed out) are worth another try. */
export function networkError(what: string, error: unknown): TransientError {
  const code = (error as { code?: string }).code ?? 'network';
  return new TransientError(`${what}: ${code}: ${(error as Error).message}`, {
    cause: error,
    code: 'network',
  });
}

export function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
