import type { FetcherOptions } from '../../crawlers/fetcher.ts';
import type { AppConfig } from '../settings/load-config.ts';

export function fetcherOptions(config: AppConfig): FetcherOptions {
  const { fetch } = config.settings;
  return {
    userAgent: fetch.user_agent,
    connectTimeoutMs: fetch.connect_timeout_s * 1000,
    headersTimeoutMs: fetch.headers_timeout_s * 1000,
    bodyTimeoutMs: fetch.body_timeout_s * 1000,
    maxBodyBytes: Math.round(fetch.max_body_mb * 1024 * 1024),
    retry: {
      attempts: fetch.attempts,
      baseDelayMs: fetch.retry_base_ms,
      maxDelayMs: fetch.retry_max_ms,
      maxRetryAfterMs: fetch.max_retry_after_s * 1000,
    },
    circuit: { failureThreshold: fetch.circuit_failures, cooldownMs: fetch.circuit_cooldown_s * 1000 },
  };
}
