import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../src/app/process-runtime.ts';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { demoConfig } from '../../src/demo/demo-config.ts';
import { type DemoSite, startDemoSite } from '../../src/demo/demo-site.ts';
import { createPipelineStats, type PipelineStats } from '../../src/demo/pipeline-stats.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/demo/webhook-receiver.ts';
import { createLogger } from '../../src/logger.ts';
import { STAGES } from '../../src/queues/payloads.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const POSTS = 48;
const tempDir = useTempDirs();

describe('the whole pipeline, end to end', () => {
  let site: DemoSite;
  let receiver: WebhookReceiver;
  let config: AppConfig;
  let logFile: string;

  beforeAll(async () => {
    site = await startDemoSite({ posts: buildDemoCorpus(POSTS), backlog: POSTS, perSecond: 1, pageSize: 20 });
    receiver = await startWebhookReceiver({ secret: 'e2e-key' });
  });
  afterAll(async () => {
    await site.close();
    await receiver.close();
  });

  /** One run of every stage in this process until the site's posts have gone all the way through. */
  async function runPipelineOnce(
    until: (stats: PipelineStats, stored: number) => boolean,
    extra?: (rt: Awaited<ReturnType<typeof createRuntime>>) => Promise<void>,
  ) {
    const stats = createPipelineStats();
    const logger = createLogger({
      level: 'info',
      destination: pino.destination({ dest: logFile, sync: true, append: true }),
    });
    const runtime = await createRuntime({
      config,
      env: {},
      cwd: process.cwd(),
      logger,
      redisUrl: testRedisUrl(),
      stages: STAGES,
      consoleOut: process.stderr,
      // The event and alert stages run on a thread of their own (queues.thread_stages).
      threadLog: { file: logFile },
      onCompleted: (stage, result) => stats.record(stage, result),
    });
    try {
      await runtime.queues.syncSchedules(config.sources);
      runtime.start();
      await waitFor(
        'the posts to be stored and alerted',
        async () => until(stats, await runtime.store.countPosts()),
        45_000,
      );
      await waitFor('the queues to drain', async () => {
        for (const stage of STAGES) {
          // The collect queue always holds the schedule's next pass as a delayed job, and the
          // alert queue its reminders and escalations.
          const states =
            stage === 'collect' || stage === 'alert'
              ? (['waiting', 'active'] as const)
              : (['waiting', 'active', 'delayed'] as const);
          const counts = await runtime.queues.queue(stage).getJobCounts(...states);
          if (Object.values(counts).some((n) => n > 0)) return false;
        }
        return true;
      });
      await extra?.(runtime);
      return { stats, stored: await runtime.store.countPosts(), alerts: await runtime.store.countAlerts() };
    } finally {
      await runtime.queues.syncSchedules([]);
      await runtime.close();
    }
  }

  it('collects, classifies, stores, alerts; a rerun adds nothing; poison fails alone', async () => {
    const dataDir = await tempDir();
    logFile = join(dataDir, 'wagewatch.log');
    config = demoConfig(await loadProjectConfig(), {
      dataDir,
      siteUrl: site.url,
      webhookUrl: receiver.url,
      webhookSecret: 'e2e-key',
      redisPrefix: uniquePrefix('e2e'),
    });

    const first = await runPipelineOnce(
      (stats, stored) => stored === POSTS && stats.alerts > 0 && receiver.received.length >= stats.alerts,
      async (runtime) => {
        // The project's own commands use a connection without BullMQ's Lua scripts: ioredis
        // copies every script defined on a connection into each MULTI made on it.
        // (The collector's two scripts of its own are all it should carry.)
        const own = runtime.redis as unknown as { scriptsSet: Record<string, unknown> };
        expect(Object.keys(own.scriptsSet).sort()).toEqual(['rememberSeenPosts', 'takeHostSlot']);
        // A payload that fails its schema is rejected at once, and the worker keeps going.
        const index = runtime.queues.queue('index');
        await index.add('index', { v: 2, items: [{ post: { id: 'garbage' } }] }, { jobId: 'poison-e2e' });
        await waitFor(
          'the poison job to fail',
          async () => (await index.getJobState('poison-e2e')) === 'failed',
        );
        const failed = await index.getJob('poison-e2e');
        if (!failed) throw new Error('poison job vanished');
        expect(failed.attemptsMade).toBe(1);
        expect(failed.failedReason).toMatch(/^invalid index item 1 \(post garbage\)/);
        await runtime.queues.collectNow('demo-site');
        await waitFor(
          'a later collection pass',
          async () => (await runtime.queues.queue('collect').getCompletedCount()) >= 2,
        );
      },
    );

    // Every post stored once; posts grouped into events; one message per event and level, each
    // delivered once and signed.
    expect(first.stored).toBe(POSTS);
    expect(first.stats).toMatchObject({ collected: POSTS, classified: POSTS, stored: POSTS });
    expect(first.stats.alerts).toBeGreaterThan(0);
    expect(first.stats.events).toBeGreaterThanOrEqual(first.stats.alerts);
    expect(first.stats.events).toBeLessThan(POSTS);
    expect(receiver.received.length).toBeGreaterThanOrEqual(first.stats.alerts);
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(receiver.received.length);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    const delivered = receiver.received.length;

    // Findable by a Chinese keyword.
    const { createEmbeddedStore } = await import('../../src/store/embedded/embedded-store.ts');
    const { createSearchTokenizers } = await import('../../src/store/search-tokens.ts');
    const { buildSegmenter } = await import('../../src/app/build-classifier.ts');
    const tokenizers = createSearchTokenizers(buildSegmenter(config));
    const store = createEmbeddedStore({
      file: join(dataDir, 'wagewatch.sqlite'),
      tokenizeForIndex: tokenizers.forIndex,
      tokenizeForQuery: tokenizers.forQuery,
    });
    const found = await store.searchPosts({ text: '工资' });
    expect(found.total).toBeGreaterThan(0);
    expect(found.hits[0]?.post.text).toContain('工资');
    await store.close();

    // A second run over the same site and data adds nothing and sends nothing.
    const second = await runPipelineOnce((stats) => stats.collected === 0);
    expect(second.stored).toBe(POSTS);
    expect(second.alerts).toBe(first.alerts);
    expect(second.stats).toMatchObject({ collected: 0, stored: 0, alerts: 0 });
    expect(receiver.received).toHaveLength(delivered);

    // The log says what happened.
    const log = await readFile(logFile, 'utf8');
    expect(log).toContain('collection pass done');
    expect(log).toContain('poison payload rejected without retry');
    expect(log).toMatch(/"channel":"demo-duty-webhook","attempt":1,"status":"delivered"/);
    // Delivered from the thread that runs the event and alert stages (queues.thread_stages).
    expect(log).toMatch(
      /"thread":"event\+alert".*"channel":"demo-duty-webhook","attempt":1,"status":"delivered"/,
    );
  });
});
