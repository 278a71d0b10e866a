import type { Secret } from '../src/settings/secret.ts';
import type { FetchPolicy } from './fetcher.ts';
import type { SourceConfig } from './source-config.ts';

export interface SourceAccess {
  headers: ReadonlyMap<string, Secret>;
  proxy: Secret | null;
}

/** How the fetcher treats one source: its politeness, charset, network allowance and credentials. */
export function fetchPolicyFor(
  source: SourceConfig,
  access: SourceAccess | undefined,
  defaultMinIntervalMs: number,
): FetchPolicy {
  return {
    minIntervalMs: source.min_interval_ms ?? defaultMinIntervalMs,
    concurrency: source.concurrency,
    charsetFallback: source.charset,
    allowPrivateNetwork: source.internal,
    respectRobots: source.respect_robots,
    headers: Object.fromEntries(
      [...(access?.headers ?? [])].map(([name, secret]) => [name, secret.reveal()]),
    ),
    ...(access?.proxy ? { proxyUrl: access.proxy.reveal() } : {}),
  };
}
