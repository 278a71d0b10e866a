import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Channel } from '../../src/alerts/channels/channel-plugin.ts';
import type { OperationsNotice } from '../../src/alerts/operations-notice.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { ladderConfigSchema } from '../../src/leads/supervision-ladder.ts';
import { superviseOverdue } from '../../src/leads/supervision-watch.ts';
import { calendarSchema, createWorkingCalendar } from '../../src/leads/working-days.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createRedisOperationsLedger } from '../../src/maintenance/operations-ledger.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { sampleLead } from '../helpers/sample-leads.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const calendar = createWorkingCalendar(
  calendarSchema.parse(parse(readFileSync(new URL('../../config/calendar.yaml', import.meta.url), 'utf8'))),
);

/** A channel that records notices and can be switched off. */
function recorder(name: string) {
  const notices: OperationsNotice[] = [];
  let down = false;
  const channel: Channel = {
    name,
    limits: { messages: 100, perMs: 1000, maxBytes: 100_000 },
    send: async () => {},
    notify: async (notice) => {
      if (down) throw new Error('channel down');
      notices.push(notice);
    },
  };
  const setDown = (value: boolean) => {
    down = value;
  };
  return { channel, notices, setDown };
}

describe('the supervision ladder over stored leads (injected clock)', () => {
  let store: Store;
  let redis: Redis;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 's.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    redis = connectTestRedis();
  });
  afterEach(async () => {
    await store.close();
    await redis.quit();
  });

  it('催办 the working day after the deadline, 督办 3 working days later, 挂牌督办 after 7 more; each told once; audited', async () => {
    // Due Friday 2026-12-04; the weekend after does not count.
    const lead: Lead = sampleLead('verifying', {});
    lead.work.due_at = '2026-12-04T23:59:59+08:00';
    const done = sampleLead('resolved', { id: 'XS-done' });
    done.work.due_at = '2026-12-01T23:59:59+08:00';
    await store.putRecord('lead', lead.id, lead, null);
    await store.putRecord('lead', done.id, done, null);
    const group = recorder('leading-group');
    const town = recorder('hekou');
    let clock = new Date('2026-12-05T10:00:00+08:00');
    const deps = {
      store,
      calendar,
      ladder: ladderConfigSchema.parse({}),
      channelsFor: (l: Lead) =>
        l.work.owner_town === '河口镇' ? [group.channel, town.channel] : [group.channel],
      ledger: createRedisOperationsLedger(redis, uniquePrefix('ladder')),
      logger: createSilentLogger(),
      now: () => clock,
    };
    const steps: string[] = [];
    const run = async (at: string) => {
      clock = new Date(at);
      const result = await superviseOverdue(deps);
      steps.push(result.raised.map((r) => r.step).join(',') || '-');
      return result;
    };
    await run('2026-12-05T10:00:00+08:00'); // Saturday: overdue, but no working day has passed
    await run('2026-12-07T09:00:00+08:00'); // Monday: 催办
    await run('2026-12-07T15:00:00+08:00'); // same day: nothing new
    await run('2026-12-10T09:00:00+08:00'); // 4th working day overdue: 督办
    town.setDown(true);
    await run('2026-12-21T09:00:00+08:00'); // 11th: 挂牌督办 (the town's channel is down)
    town.setDown(false);
    const last = await run('2026-12-21T09:15:00+08:00'); // nothing new; the town now hears of it
    expect(steps).toEqual(['-', 'reminder', '-', 'supervision', 'listed', '-']);
    expect(last.checked).toBe(1);
    expect(group.notices.map((n) => n.kind)).toEqual(['lead_reminder', 'lead_supervision', 'lead_listed']);
    expect(town.notices.map((n) => n.kind)).toEqual(['lead_reminder', 'lead_supervision', 'lead_listed']);
    expect(group.notices[2]?.title).toBe(`挂牌督办：${lead.facts.title}（${lead.id}）`);
    expect(group.notices[2]?.detail).toContain('已逾期 11 个工作日');
    const stored = (await store.getRecord<Lead>('lead', lead.id))?.data;
    expect(stored?.work.supervision).toEqual({ step: 'listed', at: '2026-12-21T09:00:00+08:00' });
    const audit = await store.listAudit({ target_id: lead.id });
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['lead.supervise', '逾期 1 个工作日：催办'],
      ['lead.supervise', '逾期 4 个工作日：督办'],
      ['lead.supervise', '逾期 11 个工作日：挂牌督办'],
    ]);
  });
});
