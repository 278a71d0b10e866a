import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlListAdapter } from '../../crawlers/adapters/html-list.ts';
import { createFetcher } from '../../crawlers/fetcher.ts';
import { SOURCE_ADAPTERS } from '../../crawlers/registry.ts';
import { createRedisSeenPosts } from '../../crawlers/seen-posts.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import { createSourceHealth, type SourceHealthStore } from '../../crawlers/source-health.ts';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { type DemoSite, startDemoSite } from '../../src/demo/demo-site.ts';
import { PermanentError } from '../../src/errors.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Item } from '../../src/queues/payloads.ts';
import { createCollectStage } from '../../src/stages/collect-stage.ts';
import type { Evidence } from '../../src/store/workflow-records.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';

describe('collect stage against the loopback demo site', () => {
  let redis: Redis;
  let site: DemoSite;
  let clock = 0;
  const fetcher = createFetcher({
    userAgent: 'wagewatch-test/1.0',
    connectTimeoutMs: 2000,
    headersTimeoutMs: 2000,
    bodyTimeoutMs: 2000,
    maxBodyBytes: 5e6,
  });
  const emitted: Item<'classify'>[] = [];
  let health: SourceHealthStore;
  const evidence: Evidence[] = [];
  let collect: ReturnType<typeof createCollectStage>;

  beforeAll(async () => {
    redis = connectTestRedis();
    health = createSourceHealth(redis, uniquePrefix('health'));
    site = await startDemoSite({
      posts: buildDemoCorpus(60),
      backlog: 30,
      perSecond: 1,
      pageSize: 20,
      now: () => clock,
    });
    const demo = (await loadProjectConfig()).sources.find((s) => s.id === 'demo-site') as SourceConfig;
    const source: SourceConfig = {
      ...demo,
      enabled: true,
      options: { ...(demo.options as object), url: site.url },
    };
    const broken: SourceConfig = {
      ...source,
      id: 'broken-site',
      options: { ...(source.options as object), url: `${site.url}/no-such-list` },
    };
    collect = createCollectStage({
      sources: new Map([
        [source.id, source],
        [broken.id, broken],
      ]),
      health,
      keepEvidence: async (items) => void evidence.push(...items),
      adapters: SOURCE_ADAPTERS,
      fetcher,
      seen: createRedisSeenPosts(redis, { prefix: uniquePrefix('seen'), retentionDays: 30 }),
      emit: async (payloads) => void emitted.push(...payloads),
      policyFor: () => ({ minIntervalMs: 0, charsetFallback: 'utf-8', allowPrivateNetwork: true }),
      logger: createSilentLogger(),
    });
  });
  afterAll(async () => {
    await site.close();
    await fetcher.close();
    await redis.quit();
  });

  it('collects every published post across pages, then only what is new', async () => {
    const first = await collect({ v: 1, source: 'demo-site' });
    expect(first).toMatchObject({
      source: 'demo-site',
      pages: 2,
      found: 30,
      fresh: 30,
      dropped: 0,
      blocked: null,
    });
    expect(new Set(emitted.map((p) => p.post.id)).size).toBe(30);
    expect(emitted[0]?.post).toMatchObject({ source: 'demo-site', url: expect.stringContaining('/posts/d') });

    clock += 5000; // five more posts appear
    const second = await collect({ v: 1, source: 'demo-site' });
    expect(second).toMatchObject({ found: 35, fresh: 5 });
    expect(emitted).toHaveLength(35);
  });

  it('keeps the page each new post was read from, with its SHA-256', () => {
    const ids = new Set(emitted.map((p) => p.post.id));
    expect(new Set(evidence.map((e) => e.post_id))).toEqual(ids);
    for (const item of evidence) {
      expect(createHash('sha256').update(item.body).digest('hex')).toBe(item.sha256);
      expect(item.body.toString('utf8')).toContain(`data-id="${item.post_id.split(':')[1]}"`);
    }
  });

  it('records each pass for the operators: success with new posts, and failures with the reason', async () => {
    expect(await health.read('demo-site')).toMatchObject({
      consecutiveFailures: 0,
      credentialState: 'ok',
      failingSince: null,
    });
    expect((await health.read('demo-site')).lastNewPostAt).not.toBeNull();
    await expect(collect({ v: 1, source: 'broken-site' })).rejects.toMatchObject({ code: 'http_404' });
    expect(await health.read('broken-site')).toMatchObject({
      consecutiveFailures: 1,
      lastError: expect.stringContaining('HTTP 404'),
      failingSince: expect.any(Number),
    });
  });

  it('refuses a source it does not know, for good', async () => {
    await expect(collect({ v: 1, source: 'nowhere' })).rejects.toBeInstanceOf(PermanentError);
  });

  it('uses the adapter named by the source kind', () => {
    expect(SOURCE_ADAPTERS.get('html-list')).toBe(htmlListAdapter);
  });
});
