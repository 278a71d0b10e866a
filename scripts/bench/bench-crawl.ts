import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import { tiebaAdapter } from '../../crawlers/adapters/tieba.ts';
import { createRedisHostGate } from '../../crawlers/fetch/redis-host-gate.ts';
import { createFetcher } from '../../crawlers/fetcher.ts';
import type { PageRequest } from '../../crawlers/page.ts';
import { createRedisSeenPosts } from '../../crawlers/seen-posts.ts';
import { buildSegmenter, lazySegmenter } from '../../src/app/build-classifier.ts';
import { fetcherOptions } from '../../src/app/runtime.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startPrivateRedis } from '../../src/redis/private-redis.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { createSearchTokenizers } from '../../src/store/search-tokens.ts';
import { median, round } from './measure.ts';

/** Requests in flight, the same on both sides. */
const CONCURRENCY = 8;
const ROUND_PAGES = 1000;
const RSS_PAGES = 10_000;

/**
 * Fetch + parse throughput against a loopback site (another process), against raw undici GET +
 * cheerio load of the same pages in the same run. The wagewatch side does what a collection
 * pass does per page: politeness through Redis at zero delay, retries armed, the adapter's
 * parse, seen-post bookkeeping in Redis, and the page kept as evidence in the embedded store.
 */
export async function benchCrawl(config: AppConfig): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'wagewatch-bench-crawl-'));
  const site = fork(new URL('./fixture-server.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    stdio: 'ignore',
  });
  const port = await new Promise<number>((resolve) =>
    site.once('message', (m) => resolve((m as { port: number }).port)),
  );
  const redisServer = await startPrivateRedis({ dataDir: dir, logger: createSilentLogger() });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  // A collect worker never segments (evidence needs no words): jieba stays unloaded, as in runtime.ts.
  const tokenizers = createSearchTokenizers(lazySegmenter(() => buildSegmenter(config)));
  const store = createEmbeddedStore({
    file: join(dir, 'bench.sqlite'),
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
  });
  const fetcher = createFetcher({
    ...fetcherOptions(config),
    hostGate: createRedisHostGate(redis, { prefix: 'bench', leaseMs: 60_000 }),
  });
  const seen = createRedisSeenPosts(redis, { prefix: 'bench', retentionDays: 30 });
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const options = tiebaAdapter.optionsSchema.parse({
    mode: 'search',
    keywords: ['欠薪'],
    base_url: `http://127.0.0.1:${port}`,
    fetch_threads: false,
  });
  const urlOf = (n: number) =>
    `http://127.0.0.1:${port}/f/search/res?ie=utf-8&qw=%E6%AC%A0%E8%96%AA&rn=10&pn=${n}&sm=1&only_thread=0`;
  // The adapter's own first request (with its paging context), aimed at other page numbers.
  const template = tiebaAdapter.start({
    sourceId: 'bench',
    options,
    now: new Date(),
    newestSeen: null,
  })[0] as PageRequest;
  const policy = {
    minIntervalMs: 0,
    concurrency: CONCURRENCY,
    charsetFallback: 'utf-8',
    allowPrivateNetwork: true,
    respectRobots: true,
  };

  const raw = async (n: number) => {
    const response = await request(urlOf(n), { dispatcher: agent });
    cheerio.load(await response.body.text());
  };
  const fetchAndParse = async (n: number) => {
    const page = await fetcher.fetch({ ...template, url: urlOf(n) }, policy);
    tiebaAdapter.parse(page, { sourceId: 'bench', options });
  };
  const wagewatch = async (n: number) => {
    const pageRequest: PageRequest = { ...template, url: urlOf(n) };
    const page = await fetcher.fetch(pageRequest, policy);
    const parsed = tiebaAdapter.parse(page, { sourceId: 'bench', options });
    const posts = parsed.posts.map((post) => ({ ...post, id: `${post.id}-${n}` }));
    const fresh = await seen.unseen('bench', posts);
    const body = Buffer.from(page.bytes as Uint8Array);
    const sha256 = createHash('sha256').update(body).digest('hex');
    for (const post of fresh)
      await store.putEvidence({
        post_id: post.id,
        url: page.url,
        fetched_at: toShanghaiIso(page.fetchedAt),
        content_type: page.contentType,
        sha256,
        body,
      });
    await seen.remember('bench', fresh);
  };
  const pagesPerSecond = async (work: (n: number) => Promise<void>, pages: number, offset: number) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < pages) await work(offset + next++);
      }),
    );
    return pages / ((performance.now() - started) / 1000);
  };
  try {
    await pagesPerSecond(raw, 200, 0);
    await pagesPerSecond(wagewatch, 200, 0);
    const rawRuns: number[] = [];
    const ourRuns: number[] = [];
    const fetchParseRuns: number[] = [];
    // Interleaved rounds, so a noisy moment hits both sides alike.
    for (let round = 0; round < 5; round++) {
      rawRuns.push(await pagesPerSecond(raw, ROUND_PAGES, 0));
      ourRuns.push(await pagesPerSecond(wagewatch, ROUND_PAGES, (round + 1) * ROUND_PAGES));
      fetchParseRuns.push(await pagesPerSecond(fetchAndParse, ROUND_PAGES, 0));
    }
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    await pagesPerSecond(wagewatch, RSS_PAGES, 100_000);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      crawl_pages_per_s: Math.round(median(ourRuns)),
      crawl_raw_pages_per_s: Math.round(median(rawRuns)),
      crawl_overhead_ratio: round(median(rawRuns) / median(ourRuns), 2),
      // The same without seen-post bookkeeping and evidence: what the fetcher and adapter cost.
      crawl_fetch_parse_ratio: round(median(rawRuns) / median(fetchParseRuns), 2),
      crawl_peak_rss_mb: round(peak / 1024 / 1024, 0),
    };
  } finally {
    await fetcher.close();
    await agent.close();
    await store.close();
    await redis.quit();
    await redisServer.stop();
    site.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
