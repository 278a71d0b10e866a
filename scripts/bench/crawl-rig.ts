import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { tiebaAdapter } from '../../crawlers/adapters/tieba.ts';
import { createRedisHostGate } from '../../crawlers/fetch/redis-host-gate.ts';
import { createFetcher, type FetchPolicy } from '../../crawlers/fetcher.ts';
import type { PageRequest } from '../../crawlers/page.ts';
import { createRedisSeenPosts } from '../../crawlers/seen-posts.ts';
import { buildSegmenter, lazySegmenter } from '../../src/app/build-classifier.ts';
import { fetcherOptions } from '../../src/app/fetcher-options.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { createSearchTokenizers } from '../../src/store/search-tokens.ts';

/** Requests in flight, the same on every side of the comparison. */
export const CONCURRENCY = 8;

/** The loopback site's result page `n` (the real 贴吧 fixture, served by fixture-server.ts). */
export const pageUrl = (port: number, n: number) =>
  `http://127.0.0.1:${port}/f/search/res?ie=utf-8&qw=%E6%AC%A0%E8%96%AA&rn=10&pn=${n}&sm=1&only_thread=0`;

/**
 * What a collect worker does per page, built as runtime.ts builds it: the fetcher with Redis
 * politeness and retries armed, the adapter's parse, seen-post bookkeeping in Redis, and the
 * page kept as evidence in the embedded store (from its writer thread, as a dedicated collect
 * worker does). jieba stays unloaded, as in a collect worker.
 */
export function createCrawlRig(config: AppConfig, options: { port: number; redisUrl: string; dir: string }) {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const tokenizers = createSearchTokenizers(lazySegmenter(() => buildSegmenter(config)));
  const store = createEmbeddedStore({
    file: join(options.dir, 'bench.sqlite'),
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
    evidenceThread: true,
  });
  const fetcher = createFetcher({
    ...fetcherOptions(config),
    hostGate: createRedisHostGate(redis, { prefix: 'bench', leaseMs: 60_000 }),
  });
  const seen = createRedisSeenPosts(redis, { prefix: 'bench', retentionDays: 30 });
  const adapterOptions = tiebaAdapter.optionsSchema.parse({
    mode: 'search',
    keywords: ['欠薪'],
    base_url: `http://127.0.0.1:${options.port}`,
    fetch_threads: false,
  });
  // The adapter's own first request (with its paging context), aimed at other page numbers.
  const template = tiebaAdapter.start({
    sourceId: 'bench',
    options: adapterOptions,
    now: new Date(),
    newestSeen: null,
  })[0] as PageRequest;
  const policy: FetchPolicy = {
    minIntervalMs: 0,
    concurrency: CONCURRENCY,
    charsetFallback: 'utf-8',
    allowPrivateNetwork: true,
    respectRobots: true,
  };
  const fetchAndParse = async (n: number) => {
    const page = await fetcher.fetch({ ...template, url: pageUrl(options.port, n) }, policy);
    return { page, parsed: tiebaAdapter.parse(page, { sourceId: 'bench', options: adapterOptions }) };
  };
  return {
    fetchAndParse: async (n: number) => void (await fetchAndParse(n)),
    async collectStep(n: number): Promise<void> {
      const { page, parsed } = await fetchAndParse(n);
      const posts = parsed.posts.map((post) => ({ ...post, id: `${post.id}-${n}` }));
      const fresh = await seen.unseen('bench', posts);
      const body = Buffer.from(page.bytes as Uint8Array);
      const sha256 = createHash('sha256').update(body).digest('hex');
      await store.putEvidence(
        fresh.map((post) => ({
          post_id: post.id,
          url: page.url,
          fetched_at: toShanghaiIso(page.fetchedAt),
          content_type: page.contentType,
          sha256,
          body,
        })),
      );
      await seen.remember('bench', fresh);
    },
    async close(): Promise<void> {
      await fetcher.close();
      await store.close();
      await redis.quit();
    },
  };
}

/** Pages per second for `work` over `pages` pages, `CONCURRENCY` at a time. */
export async function pagesPerSecond(work: (n: number) => Promise<void>, pages: number, offset: number) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < pages) await work(offset + next++);
    }),
  );
  return pages / ((performance.now() - started) / 1000);
}
