import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher } from '../../crawlers/fetcher.ts';
import { SOURCE_ADAPTERS } from '../../crawlers/registry.ts';
import { createRedisSeenPosts } from '../../crawlers/seen-posts.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { type DemoSite, startDemoSite } from '../../src/demo/demo-site.ts';
import { TransientError } from '../../src/errors.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Item } from '../../src/queues/payloads.ts';
import { createCollectStage } from '../../src/stages/collect-stage.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';

describe('a collection pass that ended early', () => {
  let redis: Redis;
  let site: DemoSite;
  let failPageTwo = true;
  const requested: string[] = [];
  const real = createFetcher({
    userAgent: 'wagewatch-test/1.0',
    connectTimeoutMs: 2000,
    headersTimeoutMs: 2000,
    bodyTimeoutMs: 2000,
    maxBodyBytes: 5e6,
  });
  /** The site's second list page fails (all retries spent) while `failPageTwo` holds. */
  const flaky: Fetcher = {
    async fetch(request, policy) {
      requested.push(request.url);
      if (failPageTwo && /[?&]page=2\b/.test(request.url))
        throw new TransientError(`${request.url}: HTTP 503`, { code: 'http_503' });
      return real.fetch(request, policy);
    },
    close: () => real.close(),
  };
  const emitted: Item<'classify'>[] = [];
  let collect: ReturnType<typeof createCollectStage>;

  beforeAll(async () => {
    redis = connectTestRedis();
    site = await startDemoSite({ posts: buildDemoCorpus(60), backlog: 60, perSecond: 0, pageSize: 20 });
    const demo = (await loadProjectConfig()).sources.find((s) => s.id === 'demo-site') as SourceConfig;
    const source: SourceConfig = {
      ...demo,
      enabled: true,
      options: { ...(demo.options as object), url: site.url },
    };
    collect = createCollectStage({
      sources: new Map([[source.id, source]]),
      adapters: SOURCE_ADAPTERS,
      fetcher: flaky,
      seen: createRedisSeenPosts(redis, { prefix: uniquePrefix('resume'), retentionDays: 30 }),
      emit: async (payloads) => void emitted.push(...payloads),
      policyFor: () => ({ minIntervalMs: 0, charsetFallback: 'utf-8', allowPrivateNetwork: true }),
      logger: createSilentLogger(),
    });
  });
  afterAll(async () => {
    await site.close();
    await real.close();
    await redis.quit();
  });

  it('reads on past the known posts next time, so the pages it never reached are not lost', async () => {
    await expect(collect({ v: 1, source: 'demo-site' })).rejects.toThrow('HTTP 503');
    expect(emitted).toHaveLength(20);

    failPageTwo = false;
    requested.length = 0;
    // Page 1 holds only known posts now; a pass that stopped there would never read pages 2 and 3.
    await collect({ v: 1, source: 'demo-site' });
    expect(new Set(emitted.map((payload) => payload.post.id)).size).toBe(60);
    expect(requested.filter((url) => !url.includes('/posts/')).length).toBe(3);

    // That pass was whole: the next one stops at the first page of known posts again.
    requested.length = 0;
    await collect({ v: 1, source: 'demo-site' });
    expect(requested).toHaveLength(1);
    expect(emitted).toHaveLength(60);
  });
});
