import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, type Dispatcher, interceptors, errors as undiciErrors } from 'undici';
import { PermanentError } from '../src/errors.ts';
import { headerValue, networkError, statusError } from '../src/http/status-errors.ts';
import { decodeBody, detectCharset } from './charset.ts';
import { createHostGate } from './host-gate.ts';
import type { FetchedPage, PageRequest } from './page.ts';

export interface FetcherOptions {
  userAgent: string;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Cap on the decoded body; also what stops a compression bomb. */
  maxBodyBytes: number;
  maxRedirections?: number;
}

/** How one source wants to be fetched. */
export interface FetchPolicy {
  minIntervalMs: number;
  charsetFallback: string;
  /** Headers every request to this source carries: cookies and tokens read from env vars. */
  headers?: Readonly<Record<string, string>>;
  /** A source marked internal may be on a private or loopback address (tests, intranet sites). */
  allowPrivateNetwork?: boolean;
}

export interface Fetcher {
  fetch(request: PageRequest, policy: FetchPolicy): Promise<FetchedPage>;
  close(): Promise<void>;
}

/** The one place that talks HTTP to sources: keep-alive, timeouts, size cap, politeness, charsets. */
export function createFetcher(options: FetcherOptions): Fetcher {
  const agent = new Agent({
    connect: { timeout: options.connectTimeoutMs },
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    keepAliveTimeout: 10_000,
  });
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: options.maxRedirections ?? 5 }));
  const gate = createHostGate();
  return {
    fetch: (request, policy) =>
      gate.run(new URL(request.url).host, policy.minIntervalMs, () =>
        fetchOnce(dispatcher, options, request, policy),
      ),
    close: () => agent.close(),
  };
}

async function fetchOnce(
  dispatcher: Dispatcher,
  options: FetcherOptions,
  request: PageRequest,
  policy: FetchPolicy,
): Promise<FetchedPage> {
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: new URL(request.url).origin,
      path: pathOf(request.url),
      method: request.method ?? 'GET',
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'zh-CN,zh;q=0.9',
        ...lowerCaseKeys(request.headers),
        ...lowerCaseKeys(policy.headers),
      },
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
  } catch (error) {
    throw fetchError(request.url, error);
  }
  const { statusCode, headers } = response;
  if (statusCode >= 300) {
    await response.body.dump().catch(() => undefined);
    throw statusError(request.url, statusCode, headerValue(headers['retry-after']));
  }
  const encoding = headerValue(headers['content-encoding']);
  const bytes = await readCapped(decoded(response.body, encoding), options.maxBodyBytes, request.url);
  const contentType = headerValue(headers['content-type']);
  const charset = detectCharset(bytes, contentType, policy.charsetFallback);
  return {
    request,
    url: request.url,
    status: statusCode,
    contentType,
    charset,
    body: decodeBody(bytes, charset),
    bytes,
    fetchedAt: new Date(),
  };
}

/** Undoes Content-Encoding with node:zlib; the size cap then applies to what comes out. */
function decoded(body: Readable, encoding: string | null): Readable {
  const name = encoding?.trim().toLowerCase();
  const decoder =
    name === 'gzip' || name === 'x-gzip'
      ? createGunzip()
      : name === 'deflate'
        ? createInflate()
        : name === 'br'
          ? createBrotliDecompress()
          : null;
  if (!decoder) return body;
  body.on('error', (error) => decoder.destroy(error));
  return body.pipe(decoder);
}

async function readCapped(body: Readable, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        body.destroy();
        throw new PermanentError(`${url}: body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB`, {
          code: 'too_large',
        });
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof PermanentError) throw error;
    throw fetchError(url, error);
  }
  return Buffer.concat(chunks);
}

function fetchError(url: string, error: unknown): Error {
  if (error instanceof undiciErrors.InvalidArgumentError) {
    return new PermanentError(`${url}: ${error.message}`, { cause: error });
  }
  if (error instanceof Error && /redirect/i.test(error.message)) {
    return new PermanentError(`${url}: ${error.message}`, { cause: error, code: 'redirects' });
  }
  return networkError(url, error);
}

function lowerCaseKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
