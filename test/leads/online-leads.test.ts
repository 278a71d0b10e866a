import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { buildLeadServices, type LeadServices } from '../../src/app/build-leads.ts';
import type { Classification } from '../../src/domain/classification.ts';
import { createEventIndex } from '../../src/events/event-index.ts';
import { simhash } from '../../src/events/simhash.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { loadLeads } from '../../src/leads/lead-store.ts';
import { leadView } from '../../src/leads/lead-view.ts';
import { onlineIntake } from '../../src/leads/online-lead.ts';
import { KEPT_POSTS_PER_EVENT, reportCount } from '../../src/leads/repost-fold.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Item } from '../../src/queues/payloads.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { createEventStage, type EventResult } from '../../src/stages/event-stage.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { hekouLeadClassification, sampleClassification, samplePost } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const jieba = createJiebaSegmenter();
const STORY = '河口镇安置房项目三十多名农民工被拖欠工资五个月，包工头失联，工人们在项目部门口讨薪。';

describe('online leads: posts the rules call leads become leads of their event', () => {
  let config: AppConfig;
  let store: Store;
  let redis: Redis;
  let leads: LeadServices;
  let stageBatch: ReturnType<typeof createEventStage>;
  const stage = async (item: Item<'event'>) => (await stageBatch([item]))[0] as EventResult;
  let clock: Date;
  beforeAll(async () => {
    config = await loadProjectConfig({ WAGEWATCH_MATCH_KEY: 'k' });
  });
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'o.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    redis = connectTestRedis();
    clock = new Date('2026-11-26T10:00:00+08:00');
    // Online posts arrive classified: the intake must not classify them again.
    const refuse = () => {
      throw new Error('an online post was classified twice');
    };
    leads = buildLeadServices(config, store, refuse, createSilentLogger(), () => clock);
    stageBatch = createEventStage({
      store,
      index: createEventIndex(redis, uniquePrefix('ol'), 72 * 3_600_000),
      config: config.events,
      routing: config.routing,
      emit: async () => {},
      leads: leads.intake,
    });
  });
  afterEach(async () => {
    await store.close();
    await redis.quit();
  });

  const post = (
    id: string,
    author: string,
    text: string,
    minute: number,
    over: Partial<Classification> = {},
  ) => ({
    post: samplePost(id, text, {
      author,
      published_at: new Date(Date.parse('2026-11-26T09:00:00+08:00') + minute * 60_000)
        .toISOString()
        .replace('Z', '+00:00'),
    }),
    classification: hekouLeadClassification(over),
    fingerprint: simhash(jieba.cut(text)),
  });

  it('opens one lead for the incident, adds its reposts, ignores non-leads, and reopens when the poster speaks again', async () => {
    const first = await stage(post('p1', '讨薪的老李', STORY, 0));
    await stage(post('p2', '热心网友', `转发：${STORY}`, 5));
    await stage(
      post('p3', '路人', '今天天气不错，河口镇的安置房项目快完工了。', 6, { lead: false, level: 'none' }),
    );
    const all = await loadLeads(store);
    expect(all).toHaveLength(1);
    const [lead] = all as [Lead];
    expect(lead.reports.map((r) => [r.source, r.external_id, r.post?.event_id])).toEqual([
      ['online:forum', 'forum:p1', first.event_id],
      ['online:forum', 'forum:p2', first.event_id],
    ]);
    expect(lead.facts.event_ids).toEqual([first.event_id]);
    expect(lead.work).toMatchObject({ state: 'assigned', owner_town: '河口镇' });

    const unit = { name: '河口镇张干事', role: 'unit' as const, unit: '河口镇' };
    const hr = { name: '人社局刘科长', role: 'hr' as const };
    await leads.operations.act(lead.id, { action: 'sign' }, unit);
    await leads.operations.act(lead.id, { action: 'verify', note: '属实' }, unit);
    await leads.operations.act(
      lead.id,
      { action: 'resolve', paid_yuan: 300_000, workers_paid: 30, paid_on: '2026-12-01', note: '总包代发' },
      unit,
    );
    await leads.operations.act(lead.id, { action: 'follow_up', result: 'satisfied', note: '回访满意' }, hr);
    await leads.operations.act(lead.id, { action: 'close' }, hr);

    clock = new Date('2026-12-03T10:00:00+08:00');
    // Someone else mentioning the settled case does not reopen it; the original poster does.
    await stage(post('p4', '热心网友', `${STORY}后续：听说已经解决了`, 2 * 60));
    expect((await store.getRecord<Lead>('lead', lead.id))?.data.work.state).toBe('closed');
    await stage(post('p5', '讨薪的老李', `${STORY}说好的钱只到了一半，还有十个人没拿到！`, 3 * 60));
    const reopened = (await store.getRecord<Lead>('lead', lead.id))?.data as Lead;
    expect(reopened.work.state).toBe('verifying');
    expect(reopened.work.reopened).toEqual([
      {
        by: '系统',
        at: '2026-12-03T10:00:00+08:00',
        reason: '原发帖人再次发帖反映（http://forum.test/posts/p5）',
      },
    ]);
    expect(reopened.work.resolution).toBeNull();
  });

  it('keeps the first posts of a viral event in full, counts the plain reposts after them, and keeps any that say more', async () => {
    const reposts = Array.from({ length: 25 }, (_, i) => post(`v${i}`, `网友${i}`, `转发${i}：${STORY}`, i));
    const [first] = await stageBatch(reposts);
    const [lead] = (await loadLeads(store)) as [Lead];
    expect(lead.reports).toHaveLength(KEPT_POSTS_PER_EVENT);
    expect(lead.reposts?.[first?.event_id as string]).toHaveLength(25 - KEPT_POSTS_PER_EVENT);
    expect(leadView(lead)).toMatchObject({
      multi_reported: '多头反映 ×25',
      reposts: { [first?.event_id as string]: 25 - KEPT_POSTS_PER_EVENT },
    });
    expect(lead.facts.workers).toBe(30);

    // The same repost delivered again changes nothing.
    const before = await store.getRecord<Lead>('lead', lead.id);
    await stage(reposts[20] as Item<'event'>);
    expect((await store.getRecord<Lead>('lead', lead.id))?.version).toBe(before?.version);

    // A post that tells more (a crane climbed, more workers) is kept and raises the lead.
    await stage(
      post('v-crane', '现场网友', `${STORY}有工人爬上塔吊`, 40, {
        risks: ['extreme'],
        workers: 45,
        level: 'red',
      }),
    );
    const raised = (await store.getRecord<Lead>('lead', lead.id))?.data as Lead;
    expect(raised.reports.map((r) => r.external_id)).toContain('forum:v-crane');
    expect(raised.facts).toMatchObject({ workers: 45, level: 'red', risks: ['extreme'] });
    expect(reportCount(raised)).toBe(26);
  });

  it('moves counted reposts with their event when the HR bureau splits the event off', async () => {
    const company = '青禾鑫达建设有限公司';
    const [first] = await stageBatch(
      Array.from({ length: 13 }, (_, i) =>
        post(`s${i}`, `网友${i}`, `转发${i}：${STORY}`, i, { orgs: ['河口镇安置房项目', company] }),
      ),
    );
    const other = await stage(
      // The same company at a site in another town: another event, the same lead (by the company).
      post('h1', '另一位工人', `${company}在石桥镇的工地，钢筋工也被欠了两个月工资，找不到人。`, 300, {
        workers: 8,
        town: '石桥镇',
        orgs: [company],
      }),
    );
    const [lead] = (await loadLeads(store)) as [Lead];
    expect(other.event_id).not.toBe(first?.event_id);
    expect(lead.reports).toHaveLength(KEPT_POSTS_PER_EVENT + 1);
    const hr = { name: '人社局刘科长', role: 'hr' as const };
    const refs = lead.reports
      .filter((r) => r.post?.event_id === first?.event_id)
      .map((r) => ({ source: r.source, external_id: r.external_id }));
    const { kept, split_off } = await leads.operations.split(lead.id, refs, hr, '两起不同的欠薪');
    expect(kept.reposts).toEqual({});
    expect(split_off.reposts?.[first?.event_id as string]).toEqual(['forum:s10', 'forum:s11', 'forum:s12']);
    expect(reportCount(split_off)).toBe(13);
    // A counted repost arriving again is known to the split-off lead.
    const again = await leads.intake.intake(
      'online:forum',
      onlineIntake(
        samplePost('s11', `转发11：${STORY}`),
        sampleClassification({ lead: true }),
        first?.event_id as string,
      ),
      '系统（网络舆情）',
    );
    expect(again.lead_id).toBe(split_off.id);
  });
});
