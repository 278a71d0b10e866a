import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher, ProxyAgent, errors as undiciErrors } from 'undici';
import { PermanentError, TransientError, WagewatchError } from '../src/errors.ts';
import { headerValue, networkError, statusError } from '../src/http/status-errors.ts';
import { decodeBody, decodePage } from './charset.ts';
import { type CircuitBreakers, createCircuitBreakers } from './fetch/circuit-breaker.ts';
import { decoded, readCapped } from './fetch/read-body.ts';
import { type FetchRetryPolicy, NO_RETRIES, type RetryDeps, withFetchRetries } from './fetch/retry.ts';
import { createRobotsRules, type RobotsFetch } from './fetch/robots.ts';
import { createUrlGuard, type Resolver } from './fetch/url-guard.ts';
import { createValidatorCache } from './fetch/validators.ts';
import { createHostGate, type HostGate } from './host-gate.ts';
import type { FetchedPage, PageRequest } from './page.ts';

export interface FetcherOptions {
  userAgent: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /**
   * The longest pause between body chunks; and, with `headersTimeoutMs`, the whole answer's
   * deadline, so a server trickling a byte at a time (a slow loris) cannot hold a worker for ever.
   */
  bodyTimeoutMs: number;
  /** Cap on the decoded body; also what stops a compression bomb. */
  maxBodyBytes: number;
  maxRedirections?: number;
  retry?: FetchRetryPolicy;
  retryDeps?: RetryDeps;
  /** Consecutive failures that open a host's circuit, and how long it stays open. */
  circuit?: { failureThreshold: number; cooldownMs: number };
  /** Politeness across processes (Redis); by default only within this process. */
  hostGate?: HostGate;
  /** Resolves names for the outbound-URL guard; tests inject one. */
  resolver?: Resolver;
  /** Where connections really go; tests point every name at loopback. */
  connectLookup?: LookupFunction;
  now?: () => number;
}

/** How one source wants to be fetched. */
export interface FetchPolicy {
  minIntervalMs: number;
  /** Requests to one host at once (default 1). */
  concurrency?: number;
  charsetFallback: string;
  /** Headers every request to this source carries: cookies and tokens read from env vars. */
  headers?: Readonly<Record<string, string>>;
  /** A source marked internal may be on a private or loopback address (tests, intranet sites). */
  allowPrivateNetwork?: boolean;
  /** Honour the site's robots.txt (sources do, unless their config says they need not). */
  respectRobots?: boolean;
  /** An HTTP proxy for this source. */
  proxyUrl?: string;
}

export interface Fetcher {
  fetch(request: PageRequest, policy: FetchPolicy): Promise<FetchedPage>;
  close(): Promise<void>;
}

interface RawResponse {
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Uint8Array;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The one place that talks HTTP to sources: outbound-URL guard, robots.txt, per-host politeness
 * and circuit breaker, retries with backoff, redirects checked hop by hop, timeouts, a decoded
 * size cap, conditional GETs for list pages, and charset detection.
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const connect = {
    timeout: options.connectTimeoutMs,
    ...(options.connectLookup ? { lookup: options.connectLookup } : {}),
  };
  const agentOptions = {
    connect,
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    keepAliveTimeout: 10_000,
  };
  const agent = new Agent(agentOptions);
  const proxies = new Map<string, ProxyAgent>();
  const dispatcherFor = (policy: FetchPolicy): Dispatcher => {
    if (!policy.proxyUrl) return agent;
    let proxy = proxies.get(policy.proxyUrl);
    if (!proxy) {
      proxy = new ProxyAgent({ uri: policy.proxyUrl, ...agentOptions });
      proxies.set(policy.proxyUrl, proxy);
    }
    return proxy;
  };
  const gate = options.hostGate ?? createHostGate();
  const guard = createUrlGuard(options.resolver);
  const breakers: CircuitBreakers = createCircuitBreakers({
    failureThreshold: options.circuit?.failureThreshold ?? 5,
    cooldownMs: options.circuit?.cooldownMs ?? 60_000,
    ...(options.now ? { now: options.now } : {}),
  });
  const validators = createValidatorCache();
  const maxRedirections = options.maxRedirections ?? 5;

  /** One request and its redirects, each hop checked by the guard; no politeness, no retries. */
  async function requestOnce(
    request: PageRequest,
    policy: FetchPolicy,
    extraHeaders: Record<string, string>,
    maxBytes: number,
  ): Promise<RawResponse> {
    const visited = new Set<string>();
    let url = new URL(request.url);
    let method = request.method ?? 'GET';
    let body = request.body;
    for (let hop = 0; ; hop++) {
      await guard(url, policy.allowPrivateNetwork ?? false);
      visited.add(url.href);
      const deadlineMs = options.headersTimeoutMs + options.bodyTimeoutMs;
      const deadline = AbortSignal.timeout(deadlineMs);
      const stalled = () =>
        new TransientError(
          `${url.href}: no complete answer within ${deadlineMs / 1000} s (the server stalls or trickles)`,
          { code: 'timeout' },
        );
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatcherFor(policy).request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method,
          headers: {
            'user-agent': options.userAgent,
            accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
            'accept-encoding': 'gzip, deflate, br',
            'accept-language': 'zh-CN,zh;q=0.9',
            ...lowerCaseKeys(request.headers),
            ...lowerCaseKeys(policy.headers),
            ...extraHeaders,
          },
          ...(body !== undefined ? { body } : {}),
          signal: deadline,
        });
      } catch (error) {
        throw deadline.aborted ? stalled() : fetchError(url.href, error);
      }
      const { statusCode, headers } = response;
      const location = headerValue(headers.location);
      if (REDIRECTS.has(statusCode) && location) {
        await response.body.dump().catch(() => undefined);
        const target = new URL(location, url);
        if (visited.has(target.href))
          throw new PermanentError(`${request.url}: redirect loop at ${target.href}`, { code: 'redirects' });
        if (hop + 1 > maxRedirections)
          throw new PermanentError(`${request.url}: more than ${maxRedirections} redirects`, {
            code: 'redirects',
          });
        if (statusCode === 303 || ((statusCode === 301 || statusCode === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        url = target;
        continue;
      }
      if (statusCode >= 300 && statusCode !== 304) {
        await response.body.dump().catch(() => undefined);
        throw statusError(request.url, statusCode, headerValue(headers['retry-after']));
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(
          decoded(response.body, headerValue(headers['content-encoding'])),
          maxBytes,
          url.href,
        );
      } catch (error) {
        if (error instanceof WagewatchError) throw error;
        throw deadline.aborted ? stalled() : fetchError(url.href, error);
      }
      return { url: url.href, status: statusCode, headers, bytes };
    }
  }

  const robots = createRobotsRules({
    userAgent: options.userAgent,
    ...(options.now ? { now: options.now } : {}),
    async fetchRobots(origin): Promise<RobotsFetch> {
      try {
        const raw = await requestOnce(
          { url: `${origin}/robots.txt`, purpose: 'list', page: 1 },
          { minIntervalMs: 0, charsetFallback: 'utf-8', allowPrivateNetwork: true },
          {},
          512 * 1024, // RFC 9309: parse at least 500 KiB
        );
        return { kind: 'found', body: decodeBody(raw.bytes, 'utf-8') };
      } catch (error) {
        const code = (error as WagewatchError).code ?? '';
        if (/^http_4\d\d$/.test(code)) return { kind: 'absent' };
        return { kind: 'unreachable', reason: (error as Error).message };
      }
    },
  });

  return {
    async fetch(request, policy) {
      const url = new URL(request.url);
      if (policy.respectRobots) await robots.check(url);
      const conditional = request.purpose === 'list' && (request.method ?? 'GET') === 'GET';
      const attempt = () =>
        gate.run(
          url.host,
          { minIntervalMs: policy.minIntervalMs, concurrency: policy.concurrency ?? 1 },
          async () => {
            breakers.admit(url.host);
            try {
              const raw = await requestOnce(
                request,
                policy,
                conditional ? validators.headersFor(request.url) : {},
                options.maxBodyBytes,
              );
              breakers.succeeded(url.host);
              return raw;
            } catch (error) {
              if (!(error instanceof PermanentError)) breakers.failed(url.host);
              else breakers.succeeded(url.host);
              throw error;
            }
          },
        );
      const raw = await withFetchRetries(options.retry ?? NO_RETRIES, attempt, options.retryDeps);
      if (conditional) {
        validators.set(request.url, {
          etag: headerValue(raw.headers.etag),
          lastModified: headerValue(raw.headers['last-modified']),
        });
      }
      const contentType = headerValue(raw.headers['content-type']);
      const { charset, text } = decodePage(raw.bytes, contentType, policy.charsetFallback);
      return {
        request,
        url: raw.url,
        status: raw.status,
        contentType,
        charset,
        body: text,
        bytes: raw.bytes,
        notModified: raw.status === 304,
        fetchedAt: new Date(options.now?.() ?? Date.now()),
      };
    },
    async close() {
      await Promise.all([agent.close(), ...[...proxies.values()].map((proxy) => proxy.close())]);
    },
  };
}

function fetchError(url: string, error: unknown): Error {
  if (error instanceof undiciErrors.InvalidArgumentError) {
    return new PermanentError(`${url}: ${error.message}`, { cause: error });
  }
  return networkError(url, error);
}

function lowerCaseKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
