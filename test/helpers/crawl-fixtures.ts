import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SourceAdapter } from '../../crawlers/adapters/source-adapter.ts';
import { type CrawlPassResult, runCrawlPass } from '../../crawlers/crawl-pass.ts';
import { createFetcher } from '../../crawlers/fetcher.ts';
import type { FetchedPage } from '../../crawlers/page.ts';
import { sourceBaseSchema } from '../../crawlers/source-config.ts';
import type { Post } from '../../src/domain/post.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.ts';

/** A fixture file under test/fixtures/sources/, as bytes (some are GBK). */
export function fixture(path: string): Buffer {
  return readFileSync(new URL(`../fixtures/sources/${path}`, import.meta.url));
}

export interface FixtureResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** What the fixture site saw of one request. */
export interface SeenRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 that answers with fixtures: `route` gets each request and
 * returns what to send (404 when it returns null). Every request is recorded with its body.
 */
export async function startFixtureSite(
  route: (request: SeenRequest) => FixtureResponse | null,
): Promise<LoopbackServer & { seen: SeenRequest[] }> {
  const seen: SeenRequest[] = [];
  const server = await startLoopbackServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: SeenRequest = {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      const answer = route(entry);
      if (!answer) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        return void response.end('not found');
      }
      response.writeHead(answer.status ?? 200, answer.headers ?? {});
      response.end(answer.body);
    });
  });
  return Object.assign(server, { seen });
}

export interface FixturePassOptions<Options> {
  adapter: SourceAdapter<Options>;
  /** Raw options as a source file would give them; checked with the adapter's schema. */
  options: unknown;
  sourceId?: string;
  /** Post ids the source handed on in earlier passes. */
  knownIds?: readonly string[];
  newestSeen?: string | null;
  charset?: string;
  now?: () => Date;
  maxRequests?: number;
}

export interface FixturePass {
  result: CrawlPassResult;
  posts: Post[];
  /** The page each batch of posts came from (null: a detail failed and the list version was kept). */
  pages: (FetchedPage | null)[];
}

/**
 * Runs one real collection pass of an adapter through the real fetcher against a fixture
 * site, exactly as the collect stage would, and returns every post it handed on.
 */
export async function crawlFixtures<Options>(pass: FixturePassOptions<Options>): Promise<FixturePass> {
  const fetcher = createFetcher({
    userAgent: 'wagewatch-test/1.0 (+loopback fixtures)',
    connectTimeoutMs: 2000,
    headersTimeoutMs: 2000,
    bodyTimeoutMs: 2000,
    maxBodyBytes: 5_000_000,
  });
  const known = new Set(pass.knownIds ?? []);
  const posts: Post[] = [];
  const pages: (FetchedPage | null)[] = [];
  const sourceId = pass.sourceId ?? 'fixture';
  try {
    const result = await runCrawlPass({
      adapter: pass.adapter,
      source: {
        ...sourceBaseSchema.parse({
          id: sourceId,
          name: sourceId,
          kind: pass.adapter.kind,
          every_s: 60,
          charset: pass.charset ?? 'utf-8',
          internal: true,
          options: {},
        }),
        options: pass.adapter.optionsSchema.parse(pass.options),
      },
      fetcher,
      policy: { minIntervalMs: 0, charsetFallback: pass.charset ?? 'utf-8', allowPrivateNetwork: true },
      known: async (ids) => ids.map((id) => known.has(id)),
      take: async (taken, page) => {
        posts.push(...taken);
        pages.push(page);
        for (const post of taken) known.add(post.id);
      },
      newestSeen: pass.newestSeen ?? null,
      logger: createSilentLogger(),
      ...(pass.now ? { now: pass.now } : {}),
      ...(pass.maxRequests ? { maxRequests: pass.maxRequests } : {}),
    });
    return { result, posts, pages };
  } finally {
    await fetcher.close();
  }
}
