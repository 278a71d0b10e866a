import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { createAlertWork } from '../../src/alerts/alert-work.ts';
import type { Channel } from '../../src/alerts/channels/channel-plugin.ts';
import { createOutbox } from '../../src/alerts/delivery/outbox.ts';
import { createChannelRateLimiter } from '../../src/alerts/delivery/rate-limit.ts';
import { createSendLeases } from '../../src/alerts/delivery/send-lease.ts';
import type { AlertNotification } from '../../src/alerts/notification.ts';
import { routingSchema } from '../../src/alerts/routing-schema.ts';
import type { Classification } from '../../src/domain/classification.ts';
import { eventConfigSchema } from '../../src/events/event-config.ts';
import { createEventIndex } from '../../src/events/event-index.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { simhash } from '../../src/events/simhash.ts';
import type { IntakeInput } from '../../src/leads/lead-intake.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Item, Payload } from '../../src/queues/payloads.ts';
import { createEventStage } from '../../src/stages/event-stage.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { hekouLeadClassification, samplePost } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const jieba = createJiebaSegmenter();
const config = eventConfigSchema.parse({
  window_hours: 72,
  simhash_max_distance: 12,
  max_fingerprints: 8,
  max_posts: 500,
  spread: { min_posts_last_hour: 5, acceleration: 2, min_engagement_last_hour: 500, max_level: 'orange' },
  repeat_offenders: ['鑫达建设'],
});
const routing = routingSchema.parse({
  departments: { default: ['人社'], by_industry: {}, by_risk: {}, by_group: {} },
  channels: { group: { kind: 'console' } },
  routes: [{ levels: ['red', 'orange', 'yellow'], channels: ['group'] }],
});

const STORY =
  '河口镇安置房项目工地三十多名农民工被拖欠工资五个月，包工头老王失联，工人们聚集在项目部门口讨薪。';
const VARIANTS = [
  '',
  '转发，希望有关部门尽快处理！',
  '太过分了',
  '支持农民工兄弟',
  '//@网友：求扩散',
  '现场图片见评论区',
];

describe('event stage: one incident, one event', () => {
  let store: Store;
  let redis: Redis;
  let asked: Payload<'alert'>[];
  let stageBatch: ReturnType<typeof createEventStage>;
  const stage = async (item: Item<'event'>) => (await stageBatch([item]))[0];

  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'e.sqlite'),
      tokenizeForIndex: (t) => t.split(''),
      tokenizeForQuery: (t) => t.split(''),
    });
    redis = connectTestRedis();
    asked = [];
    stageBatch = createEventStage({
      store,
      index: createEventIndex(redis, uniquePrefix('ev'), config.window_hours * 3_600_000),
      config,
      routing,
      emit: async (payloads) => void asked.push(...payloads),
    });
  });
  afterEach(async () => {
    await store.close();
    await redis.quit();
  });

  const post = (id: string, text: string, minute: number, over: Partial<Classification> = {}) => {
    const p = samplePost(id, text, {
      published_at: new Date(Date.parse('2026-11-26T09:00:00+08:00') + minute * 60_000)
        .toISOString()
        .replace('Z', '+00:00'),
    });
    const c = hekouLeadClassification({ workers: null, ...over });
    return { post: p, classification: c, fingerprint: simhash(jieba.cut(text)) };
  };

  it('gathers a burst of 500 reposts into one event, and the duty channel hears of it once', async () => {
    for (let i = 0; i < 500; i++)
      await stage(post(`r${i}`, `${VARIANTS[i % VARIANTS.length]}${STORY}`, i % 50));
    const events = await store.listRecords<EventRecord>('event');
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ post_count: 500, town: '河口镇', lead: true });

    const sent: AlertNotification[] = [];
    const group: Channel = {
      name: 'group',
      limits: { messages: 20, perMs: 60_000, maxBytes: 4096 },
      send: async (m) => void sent.push(...m.notifications),
      notify: async () => {},
    };
    const prefix = uniquePrefix('alert');
    const alerts = createAlertWork({
      store,
      routing,
      timings: routing.alerting,
      delivery: {
        store,
        channels: new Map([['group', group]]),
        limiter: createChannelRateLimiter(redis, prefix),
        outbox: createOutbox(redis, prefix),
        leases: createSendLeases(redis, prefix, () => 30_000),
        fallbackOf: () => null,
        scheduleFlush: async () => {},
        logger: createSilentLogger(),
      },
      roster: null,
      links: null,
      sourceNames: new Map(),
      emit: async () => {},
      logger: createSilentLogger(),
      now: () => new Date('2026-11-26T10:00:00+08:00'),
    });
    // Every post asked; the queue's job ids fold them, and even unfolded the stage sends one.
    for (const request of asked.slice(0, 20)) await alerts.handle(request);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ posts: 500, town: '河口镇' });
  });

  it('places a batch one post after another and asks about each event once, at the last level it reached', async () => {
    const burst = Array.from({ length: 40 }, (_, i) =>
      post(`b${i}`, `${VARIANTS[i % VARIANTS.length]}${STORY}`, i % 5),
    );
    const other = post('x', '石桥镇一家餐馆拖欠服务员两个月工资，老板称资金周转困难。', 1, {
      town: '石桥镇',
      orgs: ['石桥镇某餐馆'],
    });
    const results = await stageBatch([...burst.slice(0, 20), other, ...burst.slice(20)]);
    expect(results).toHaveLength(41);
    expect(results.filter((r) => r.created)).toHaveLength(2);
    const events = (await store.listRecords<EventRecord>('event')).map((r) => r.data);
    expect(events.map((e) => e.post_count).sort((a, b) => a - b)).toEqual([1, 40]);
    const burstEvent = results[0]?.event_id;
    const levels = results.filter((r) => r.event_id === burstEvent).map((r) => r.level);
    // The burst climbs through levels within the batch; only the one it ends at is asked about.
    expect(new Set(levels).size).toBeGreaterThan(1);
    const notices = asked.filter((a) => a.type === 'notify');
    expect(notices.filter((n) => n.event_id === burstEvent)).toEqual([
      { v: 2, type: 'notify', event_id: burstEvent, level: levels.at(-1) },
    ]);
    expect(notices.filter((n) => n.event_id === results[20]?.event_id)).toHaveLength(1);
  });

  it('keeps unrelated incidents apart, joins a rewording by the same project in the same town, not in another', async () => {
    await stage(post('a', STORY, 0));
    await stage(
      post('b', '石桥镇一家餐馆拖欠服务员两个月工资，老板称资金周转困难。', 1, {
        town: '石桥镇',
        orgs: ['石桥镇某餐馆'],
      }),
    );
    await stage(post('c', '安置房工地欠薪的事有进展了吗？工人还在等。', 2, { orgs: ['河口镇安置房项目'] }));
    await stage(
      post('d', '石桥镇那边也有个安置房项目拖欠工资，工人在找项目部讨说法。', 3, {
        town: '石桥镇',
        orgs: ['河口镇安置房项目'],
      }),
    );
    const events = (await store.listRecords<EventRecord>('event')).map((r) => r.data);
    expect(events.map((e) => e.post_ids.sort())).toEqual(
      expect.arrayContaining([['forum:a', 'forum:c'], ['forum:b'], ['forum:d']]),
    );
  });

  it('counts a post seen again once, and raises the level as the incident spreads fast', async () => {
    await stage(post('s0', STORY, 0));
    await stage(post('s0', STORY, 0));
    let [event] = (await store.listRecords<EventRecord>('event')).map((r) => r.data);
    expect(event).toMatchObject({ post_count: 1, level: 'yellow' });
    for (let i = 1; i <= 6; i++)
      await stage(post(`s${i}`, `${VARIANTS[i % VARIANTS.length]}${STORY}`, 60 + i));
    [event] = (await store.listRecords<EventRecord>('event')).map((r) => r.data);
    expect(event?.level).toBe('orange');
    expect(event?.level_reasons.join('；')).toContain('扩散加速');
    expect(asked.at(-1)).toMatchObject({ type: 'notify', level: 'orange' });
  });

  it('is at least orange for a repeat offender or a crime-threshold case', async () => {
    await stage(post('o1', '鑫达建设又拖欠农民工工资了，去年就欠过。', 0, { orgs: ['鑫达建设有限公司'] }));
    await stage(
      post('o2', '某工地老板拒不支付四十名工人工资，金额超过十万元。', 5, {
        town: '石桥镇',
        orgs: [],
        crime_threshold: { reached: true, basis: '数额较大' },
      }),
    );
    const events = (await store.listRecords<EventRecord>('event')).map((r) => r.data);
    expect(events.map((e) => e.level)).toEqual(['orange', 'orange']);
    expect(events.flatMap((e) => e.level_reasons).join('；')).toMatch(
      /曾欠薪单位：鑫达建设.*|.*拒不支付劳动报酬罪/,
    );
  });

  it('writes each event once per batch, however many of its posts the batch carries', async () => {
    const burst = Array.from({ length: 30 }, (_, i) =>
      post(`w${i}`, `${VARIANTS[i % VARIANTS.length]}${STORY}`, i),
    );
    await stageBatch(burst);
    const [event] = await store.listRecords<EventRecord>('event');
    expect(event).toMatchObject({ version: '1', data: { post_count: 30 } });
  });

  it('finishes the retry of a batch that stored its events and failed before indexing them', async () => {
    const index = createEventIndex(redis, uniquePrefix('ev'), config.window_hours * 3_600_000);
    const failingOnce = {
      ...index,
      remember: async () => {
        throw new Error('Redis went away');
      },
    };
    const deps = { store, config, routing, emit: async () => {} };
    const batch = [post('f1', STORY, 0), post('f2', `${VARIANTS[1]}${STORY}`, 1)];
    await expect(createEventStage({ ...deps, index: failingOnce })(batch)).rejects.toThrow('Redis went away');
    const results = await createEventStage({ ...deps, index })(batch);
    expect(results.map((r) => r.posts)).toEqual([2, 2]);
    const events = await store.listRecords<EventRecord>('event');
    expect(events).toHaveLength(1);
    expect(events[0]?.data.post_ids).toEqual(['forum:f1', 'forum:f2']);
  });

  it('lets the leads and the alert requests finish before a failed indexing fails the job', async () => {
    const index = createEventIndex(redis, uniquePrefix('ev'), config.window_hours * 3_600_000);
    const failing = {
      ...index,
      remember: async () => {
        throw new Error('Redis went away');
      },
    };
    const takenIn: string[] = [];
    const leads = {
      intakeAll: async (requests: readonly { input: IntakeInput }[]) => {
        // Slower than the failure: a job that failed at once would leave these running.
        await new Promise((resolve) => setTimeout(resolve, 30));
        takenIn.push(...requests.map(({ input }) => input.item.external_id));
        return requests.map(({ input }) => ({
          status: 'imported' as const,
          lead_id: `L-${input.item.external_id}`,
        }));
      },
    };
    const requested: Payload<'alert'>[] = [];
    const failed = createEventStage({
      store,
      config,
      routing,
      index: failing,
      leads,
      emit: async (payloads) => void requested.push(...payloads),
    })([post('p1', STORY, 0), post('p2', '河口镇另一处工地的工人也说工资拖了三个月没发。', 1)]);
    await expect(failed).rejects.toThrow('Redis went away');
    expect(takenIn).toEqual(['forum:p1', 'forum:p2']);
    expect(requested.length).toBeGreaterThan(0);
  });

  it('keeps an acknowledgement made while the batch was placed, and still counts every post', async () => {
    await stage(post('k0', STORY, 0));
    const [before] = await store.listRecords<EventRecord>('event');
    const acknowledged = { by: '值班员甲', at: '2026-11-26T09:30:00+08:00' };
    let raced = false;
    // The monitor acknowledges between the stage's read and its write.
    const acknowledgeFirst = async (kind: string, id: string) => {
      if (kind !== 'event' || raced) return;
      raced = true;
      const current = await store.getRecord<EventRecord>('event', id);
      if (current)
        await store.putRecord(
          'event',
          id,
          { ...current.data, status: 'acknowledged', acknowledged },
          current.version,
        );
    };
    const racingStore: Store = {
      ...store,
      putRecord: async (kind, id, data, version) => {
        await acknowledgeFirst(kind, id);
        return store.putRecord(kind, id, data, version);
      },
      putRecords: async (writes) => {
        for (const { kind, id } of writes) await acknowledgeFirst(kind, id);
        return store.putRecords(writes);
      },
    };
    const racing = createEventStage({
      store: racingStore,
      index: createEventIndex(redis, uniquePrefix('ev'), config.window_hours * 3_600_000),
      config,
      routing,
      emit: async () => {},
    });
    const results = await racing([post('k0', STORY, 0), post('k1', `${VARIANTS[2]}${STORY}`, 1)]);
    expect(results.map((r) => r.event_id)).toEqual([before?.id, before?.id]);
    const [after] = await store.listRecords<EventRecord>('event');
    expect(after?.data).toMatchObject({ status: 'acknowledged', acknowledged, post_count: 2 });
    expect(after?.version).toBe('3');
  });
});
