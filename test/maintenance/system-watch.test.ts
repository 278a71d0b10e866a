import { afterAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/alerts/channels/channel-plugin.ts';
import type { OperationsNotice } from '../../src/alerts/operations-notice.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { dispatchNotices } from '../../src/maintenance/operations-dispatch.ts';
import { createRedisOperationsLedger } from '../../src/maintenance/operations-ledger.ts';
import { createChannelHealth, createEpisodes } from '../../src/maintenance/system-probe.ts';
import { type SystemSnapshot, systemNotices, withEpisodes } from '../../src/maintenance/system-watch.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';

const limits = { backlog_threshold: 1000, worker_grace_s: 120, dead_man_minutes: 120, channel_failures: 3 };
const T0 = Date.parse('2026-11-26T10:00:00+08:00');
const MIN = 60_000;
const healthy: SystemSnapshot = {
  queues: ['collect', 'classify', 'index', 'event', 'alert'].map((stage) => ({
    stage,
    waiting: 3,
    workers: 1,
  })),
  storeError: null,
  channels: [{ name: 'duty-wecom', failures: 0, peak: 0, lastError: null }],
  lastNewPostAt: T0 - 5 * MIN,
  enabledSources: 4,
};
const kinds = (snapshot: SystemSnapshot, since: (c: string) => number = () => T0, now = T0) =>
  systemNotices(snapshot, limits, since, now).flatMap((s) => s.notices.map((n) => `${s.subject}:${n.kind}`));

describe('operations notices about the machinery', () => {
  it('are quiet while everything works', () => {
    expect(kinds(healthy)).toEqual([]);
  });

  it('tell of a backlog, a stage nobody works (after the grace period), a dead store and a failing channel', () => {
    const broken: SystemSnapshot = {
      ...healthy,
      queues: healthy.queues.map((q) =>
        q.stage === 'classify' ? { ...q, waiting: 5000 } : q.stage === 'alert' ? { ...q, workers: 0 } : q,
      ),
      storeError: 'SQLITE_BUSY',
      channels: [{ name: 'duty-wecom', failures: 4, peak: 4, lastError: 'HTTP 502' }],
    };
    expect(kinds(broken, () => T0, T0)).toEqual([
      'queue:classify:queue_backlog',
      'store:store_unreachable',
      'channel:duty-wecom:channel_failing',
    ]);
    expect(kinds(broken, () => T0, T0 + 3 * MIN)).toContain('queue:alert:worker_gone');
  });

  it('has a dead-man switch: nothing new collected for two hours', () => {
    expect(kinds({ ...healthy, lastNewPostAt: T0 - 119 * MIN })).toEqual([]);
    const [subject] = systemNotices(
      { ...healthy, lastNewPostAt: T0 - 130 * MIN },
      limits,
      () => T0,
      T0,
    ).filter((s) => s.notices.length > 0);
    expect(subject?.notices[0]).toMatchObject({
      kind: 'nothing_collected',
      title: '已 130 分钟没有采集到新内容',
    });
    // Never collected anything since the watch first looked.
    expect(kinds({ ...healthy, lastNewPostAt: null }, () => T0 - 121 * MIN)).toEqual([
      'pipeline:nothing_collected',
    ]);
  });
});

describe('the system watch through Redis', () => {
  const redis = connectTestRedis();
  afterAll(() => redis.quit());

  it('tells of one outage once, keyed by when it began, and says when it is over', async () => {
    const prefix = uniquePrefix('sys');
    const episodes = createEpisodes(redis, prefix);
    const received: string[] = [];
    const ops: Channel = {
      name: 'ops',
      limits: { messages: 100, perMs: 1000, maxBytes: 10_000 },
      send: async () => {},
      notify: async (n: OperationsNotice) => void received.push(`${n.kind}:${n.key}`),
    };
    const deps = {
      channels: [ops],
      ledger: createRedisOperationsLedger(redis, prefix),
      logger: createSilentLogger(),
    };
    const run = async (snapshot: SystemSnapshot, now: number) => {
      for (const { subject, name, notices } of await withEpisodes(snapshot, limits, now, episodes.track))
        await dispatchNotices({ ...deps, now: () => now }, subject, name, notices);
    };
    const down = { ...healthy, storeError: 'ECONNREFUSED' };
    await run(down, T0);
    await run(down, T0 + MIN);
    expect(received).toEqual([`store_unreachable:ops:store:store_unreachable:${T0}`]);
    await run(healthy, T0 + 2 * MIN);
    expect(received.at(-1)).toBe(`recovered:ops:store:store_unreachable:${T0}:recovered`);
    // A new outage is a new episode, told again.
    await run(down, T0 + 10 * MIN);
    expect(received.at(-1)).toBe(`store_unreachable:ops:store:store_unreachable:${T0 + 10 * MIN}`);
  });

  it("counts a channel's failures in a row, ends the run on a success, and keeps the longest run for the next check", async () => {
    const health = createChannelHealth(redis, uniquePrefix('ch'));
    await health.record('duty-wecom', false, 'HTTP 502');
    await health.record('duty-wecom', false, 'HTTP 503');
    expect(await health.take('duty-wecom')).toEqual({ failures: 2, peak: 2, lastError: 'HTTP 503' });
    // An outage that begins and ends between two checks.
    await health.record('duty-wecom', true);
    for (let i = 0; i < 4; i++) await health.record('duty-wecom', false, 'connect ECONNREFUSED');
    await health.record('duty-wecom', true);
    expect(await health.take('duty-wecom')).toMatchObject({ failures: 0, peak: 4 });
    expect(await health.take('duty-wecom')).toMatchObject({ failures: 0, peak: 0 });
  });

  it('tell of a channel that failed and recovered between two checks, once', () => {
    const recovered: SystemSnapshot = {
      ...healthy,
      channels: [{ name: 'duty-wecom', failures: 0, peak: 5, lastError: 'HTTP 502' }],
    };
    const [channel] = systemNotices(recovered, limits, () => T0, T0).filter((s) => s.notices.length > 0);
    expect(channel?.notices[0]).toMatchObject({
      kind: 'channel_failing',
      title: '推送渠道 duty-wecom 曾连续失败 5 次，现已恢复',
    });
    expect(kinds({ ...recovered, channels: [{ ...recovered.channels[0]!, peak: 2 }] })).toEqual([]);
  });
});
