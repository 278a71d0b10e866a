import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createRuntime } from '../../src/app/process-runtime.ts';
import { demoConfig } from '../../src/demo/demo-config.ts';
import { startWebhookReceiver } from '../../src/demo/webhook-receiver.ts';
import type { Classification } from '../../src/domain/classification.ts';
import { NO_METRICS } from '../../src/domain/post.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startPrivateRedis } from '../../src/redis/private-redis.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { percentile, round } from './measure.ts';

const RATE_PER_S = 50;
const SECONDS = 20;

/**
 * Latency from a post being stored to its alert arriving at a loopback webhook, at 50 posts/s
 * offered, with every stage after classification in this process (index → event → alert) on
 * a private Redis and the embedded store. Each post is its own red incident (group wait 0),
 * so every post makes one message.
 */
export async function benchAlerts(config: AppConfig): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'wagewatch-bench-alerts-'));
  const redis = await startPrivateRedis({ dataDir: dir, logger: createSilentLogger() });
  const receiver = await startWebhookReceiver({ secret: 'bench-key' });
  const arrived = new Map<string, number>();
  const pushed = receiver.received.push.bind(receiver.received);
  receiver.received.push = (...items) => {
    for (const item of items)
      for (const n of (item.body.notifications as { url: string }[] | undefined) ?? [])
        arrived.set(n.url, performance.now());
    return pushed(...items);
  };
  const base = demoConfig(config, {
    dataDir: dir,
    siteUrl: 'http://127.0.0.1:9/unused',
    webhookUrl: receiver.url,
    webhookSecret: 'bench-key',
    redisPrefix: 'bench-alerts',
  });
  const benchConfig: AppConfig = {
    ...base,
    // One incident per post: nothing merges, so every post is one message.
    events: { ...base.events, simhash_max_distance: 0 },
    routing: {
      ...base.routing,
      routes: [{ levels: ['red'], channels: ['demo-duty-webhook'] }],
      alerting: { ...base.routing.alerting, red: { group_wait_s: 0, repeat_interval_m: 60 } },
    },
  };
  const stored = new Map<string, number>();
  const runtime = await createRuntime({
    config: benchConfig,
    env: {},
    cwd: process.cwd(),
    logger: createSilentLogger(),
    threadLog: 'silent',
    redisUrl: redis.url,
    stages: ['index', 'event', 'alert'],
    consoleOut: new Writable({ write: (_c, _e, done) => done() }),
    onCompleted: (stage, result) => {
      if (stage === 'index') stored.set((result as { post_id: string }).post_id, performance.now());
    },
  });
  const emit = runtime.queues.emitter('index');
  const total = RATE_PER_S * SECONDS;
  try {
    runtime.start();
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      // Offered at a steady 50 per second, not in a burst.
      const due = started + (i * 1000) / RATE_PER_S;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await emit([postPayload(i)]);
    }
    const deadline = performance.now() + 60_000;
    while (arrived.size < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const latencies = [...stored].flatMap(([postId, at]) => {
      const got = arrived.get(urlOf(postId));
      return got === undefined ? [] : [got - at];
    });
    return {
      alert_latency_p50_ms: round(percentile(latencies, 50), 1),
      alert_latency_p99_ms: round(percentile(latencies, 99), 1),
      alert_messages: latencies.length,
      alert_offered_posts: total,
    };
  } finally {
    await runtime.close();
    await receiver.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SYLLABLES = [
  '鑫',
  '达',
  '宏',
  '泰',
  '华',
  '盛',
  '恒',
  '远',
  '兴',
  '隆',
  '瑞',
  '丰',
  '安',
  '康',
  '鸿',
  '运',
  '嘉',
  '禾',
  '广',
  '源',
];

/** A made-up company name per number: words, not digits, so each text's fingerprint differs. */
function nameOf(n: number): string {
  const pick = (k: number) => SYLLABLES[Math.floor(n / SYLLABLES.length ** k) % SYLLABLES.length];
  return `${pick(0)}${pick(1)}${pick(2)}建设公司`;
}

const urlOf = (postId: string) => `http://bench.test/${postId.split(':')[1]}`;

function postPayload(i: number) {
  const now = toShanghaiIso(new Date());
  const post = {
    id: `bench:${i}`,
    source: 'bench',
    url: urlOf(`bench:${i}`),
    author: null,
    published_at: now,
    fetched_at: now,
    title: `${nameOf(i)}工地讨薪`,
    text: `${nameOf(i)}承建的${nameOf(i * 7 + 3)}项目数十名工人爬上塔吊讨要被拖欠的工资，${nameOf(i * 13 + 5)}至今未露面。`,
    metrics: NO_METRICS,
    place_hints: [],
  };
  const classification: Classification = {
    lead: true,
    resolved: false,
    categories: ['wage_arrears'],
    industry: 'construction',
    risks: ['extreme'],
    amount_yuan: null,
    amount_range: null,
    workers: 30,
    workers_range: null,
    months_owed: null,
    place: null,
    town: '河口镇',
    orgs: [],
    pii: { phones: [], id_numbers: [] },
    departments: ['人社', '住建'],
    crime_threshold: { reached: null, basis: '' },
    level: 'red',
    score: 90,
    hits: [],
  };
  return { post, classification };
}
