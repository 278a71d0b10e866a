import { join } from 'node:path';
import type { Analysis } from '../../classifiers/classify.ts';
import { buildAnalyzer, buildSegmenter } from '../../src/app/build-classifier.ts';
import { buildLeadServices } from '../../src/app/build-leads.ts';
import { NO_METRICS, type Post, postSchema } from '../../src/domain/post.ts';
import { createEventIndex } from '../../src/events/event-index.ts';
import { fingerprintOf } from '../../src/events/fingerprint.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Item } from '../../src/queues/payloads.ts';
import { connectRedis } from '../../src/redis/redis-connection.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEventStage } from '../../src/stages/event-stage.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { searchWords } from '../../src/store/search-tokens.ts';
import { round } from './measure.ts';

const STORY =
  '青禾街道幸福里安置房项目三十多名农民工被拖欠工资五个月共计八十多万元，包工头失联，工人们聚集在项目部门口讨薪。';
const BATCH = 100;

/**
 * One story reposted `count` times, as a case that goes viral: the event stage (with online lead
 * intake) in this process, on the bench's Redis and a store of its own, batches of 100 as the
 * queue hands them. The figure to watch is the last batch against the first: the cost of one
 * more repost must not grow with the reposts before it.
 */
export async function benchViralEvent(config: AppConfig, dir: string, redisUrl: string, count: number) {
  const segmenter = buildSegmenter(config);
  const analyze = buildAnalyzer(config, segmenter);
  const items: Item<'event'>[] = Array.from({ length: count }, (_, i) => {
    const post: Post = postSchema.parse({
      id: `viral:${i}`,
      source: 'viral',
      url: `http://127.0.0.1/viral/${i}`,
      author: `网友${i}`,
      published_at: new Date(Date.parse('2026-11-26T09:00:00+08:00') + i * 1000)
        .toISOString()
        .replace('Z', '+00:00'),
      fetched_at: '2026-11-26T10:00:00+08:00',
      title: null,
      text: `转发第${i}次：${STORY}`,
      metrics: NO_METRICS,
      place_hints: [],
    });
    const [analysis] = analyze([{ title: post.title, text: post.text }]);
    const { classification, tokens } = analysis as Analysis;
    return { post, classification, fingerprint: fingerprintOf(post, searchWords(tokens)) };
  });
  const store = createEmbeddedStore({
    file: join(dir, 'viral', 'wagewatch.sqlite'),
    tokenizeForIndex: (t) => [t],
    tokenizeForQuery: (t) => [t],
  });
  const redis = connectRedis(redisUrl, 'wagewatch-bench-viral');
  try {
    const leads = buildLeadServices(
      config,
      store,
      () => {
        throw new Error('online posts arrive classified');
      },
      createSilentLogger(),
    );
    const stage = createEventStage({
      store,
      index: createEventIndex(redis, 'bench-viral', 72 * 3_600_000),
      config: config.events,
      routing: config.routing,
      emit: async () => {},
      leads: leads.intake,
    });
    const perPost: number[] = [];
    const started = performance.now();
    for (let from = 0; from < count; from += BATCH) {
      const batchStarted = performance.now();
      const batch = items.slice(from, from + BATCH);
      await stage(batch);
      perPost.push((performance.now() - batchStarted) / batch.length);
    }
    const seconds = (performance.now() - started) / 1000;
    const [lead] = await store.listRecords<Lead>('lead', { limit: 1 });
    return {
      viral_event_posts: count,
      viral_event_posts_per_s: Math.round(count / seconds),
      viral_event_first_batch_ms_per_post: round(perPost[0] ?? 0, 2),
      viral_event_last_batch_ms_per_post: round(perPost.at(-1) ?? 0, 2),
      viral_event_lead_kb: lead ? Math.round(JSON.stringify(lead.data).length / 1024) : 0,
    };
  } finally {
    redis.disconnect();
    await store.close();
  }
}
