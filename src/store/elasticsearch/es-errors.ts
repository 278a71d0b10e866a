import { errors } from '@elastic/elasticsearch';
import {
  ConflictError,
  PermanentError,
  ThrottledError,
  TransientError,
  WagewatchError,
} from '../../errors.ts';

/** Statuses worth asking again: the cluster is busy or a node is briefly away. */
export const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export function statusOf(error: unknown): number | null {
  return error instanceof errors.ResponseError ? (error.meta.statusCode ?? null) : null;
}

/** Whether a failed request may succeed if sent again. */
export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== null) return RETRYABLE_STATUS.has(status);
  return error instanceof errors.ConnectionError || error instanceof errors.TimeoutError;
}

/** The milliseconds a 429/503 asked us to wait, when it said. */
export function retryAfterMs(error: unknown): number | null {
  if (!(error instanceof errors.ResponseError)) return null;
  const header = error.meta.headers?.['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return null;
  return Number(value) * 1000;
}

/** Maps a client error to the project's few: conflict, throttled, permanent or transient. */
export function toProjectError(what: string, error: unknown): Error {
  if (error instanceof WagewatchError) return error;
  const status = statusOf(error);
  const reason = reasonOf(error);
  if (status === 409) return new ConflictError(`${what}: ${reason}`, { cause: error });
  if (status === 429)
    return new ThrottledError(`${what}: ${reason}`, retryAfterMs(error) ?? 5000, { cause: error });
  if (isRetryable(error))
    return new TransientError(`${what}: ${reason}`, { cause: error, code: 'es_unavailable' });
  if (status !== null && status >= 400 && status < 500)
    return new PermanentError(`${what}: ${reason}`, { cause: error, code: `es_${status}` });
  return new TransientError(`${what}: ${reason}`, { cause: error, code: 'es_error' });
}

export function reasonOf(error: unknown): string {
  if (error instanceof errors.ResponseError) {
    const body = error.meta.body as { error?: { type?: string; reason?: string } } | undefined;
    const detail = body?.error?.reason ?? body?.error?.type;
    return `HTTP ${error.meta.statusCode}${detail ? ` ${detail}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
