import { afterAll, describe, expect, it } from 'vitest';
import { sourceBaseSchema } from '../../crawlers/source-config.ts';
import { createSourceHealth, type SourceHealth } from '../../crawlers/source-health.ts';
import type { Channel } from '../../src/alerts/channels/channel-plugin.ts';
import type { OperationsNotice } from '../../src/alerts/operations-notice.ts';
import { PermanentError } from '../../src/errors.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createRedisOperationsLedger } from '../../src/maintenance/operations-ledger.ts';
import { noticesFor, watchSources } from '../../src/maintenance/source-watch.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';

const source = sourceBaseSchema.parse({
  id: 'weibo-rt',
  name: '微博实时',
  kind: 'html-list',
  every_s: 300,
  alert_after_s: 1800,
  silent_after_s: 7200,
  options: {},
});
const T0 = Date.parse('2026-11-26T09:00:00+08:00');
const MIN = 60_000;
const healthy: SourceHealth = {
  lastSuccessAt: T0,
  lastFailureAt: null,
  lastError: null,
  failingSince: null,
  consecutiveFailures: 0,
  credentialState: 'ok',
  lastNewPostAt: T0,
  lastPassNewPosts: 4,
  passes24h: 10,
  failures24h: 0,
  newPosts24h: 40,
};

describe('which operations notices a source health calls for', () => {
  it('none while a source works and brings posts', () => {
    expect(noticesFor(source, healthy, T0 + 5 * MIN)).toEqual([]);
  });

  it('a failing source only after its window, once per outage', () => {
    const failing = {
      ...healthy,
      failingSince: T0,
      consecutiveFailures: 4,
      lastFailureAt: T0 + 20 * MIN,
      lastError: 'HTTP 502',
    };
    expect(noticesFor(source, failing, T0 + 29 * MIN)).toEqual([]);
    const [notice] = noticesFor(source, failing, T0 + 31 * MIN);
    expect(notice).toMatchObject({ kind: 'source_failing', key: `ops:source:weibo-rt:failing:${T0}` });
    expect(notice?.title).toBe('微博实时（weibo-rt）采集持续失败');
    expect(notice?.detail).toContain('HTTP 502');
    expect(noticesFor(source, failing, T0 + 90 * MIN)[0]?.key).toBe(notice?.key);
  });

  it('expired credentials at once, not after the window', () => {
    const blocked = {
      ...healthy,
      credentialState: 'credential_expired' as const,
      failingSince: T0,
      lastError: 'credential_expired: ok:-100',
    };
    expect(noticesFor(source, blocked, T0 + MIN)).toEqual([
      expect.objectContaining({
        kind: 'source_blocked',
        title: '微博实时（weibo-rt）登录凭证失效，采集已停止',
      }),
    ]);
  });

  it('a source nobody runs any more, and one that works but brings nothing', () => {
    expect(noticesFor(source, healthy, T0 + 31 * MIN)).toEqual([
      expect.objectContaining({ kind: 'source_failing', title: '微博实时（weibo-rt）没有在运行' }),
    ]);
    const quiet = { ...healthy, lastSuccessAt: T0 + 125 * MIN };
    expect(noticesFor(source, quiet, T0 + 126 * MIN)).toEqual([
      expect.objectContaining({ kind: 'source_silent' }),
    ]);
  });
});

describe('watching sources through Redis', () => {
  const redis = connectTestRedis();
  afterAll(() => redis.quit());

  it('tells the operators once per channel, retries a failed channel, then says it recovered', async () => {
    const prefix = uniquePrefix('watch');
    const health = createSourceHealth(redis, prefix);
    const received: string[] = [];
    let pagerUp = false;
    const console: Channel = {
      name: 'console',
      limits: { messages: 100, perMs: 1000, maxBytes: 10_000 },
      send: async () => {},
      notify: async (n: OperationsNotice) => void received.push(`console:${n.kind}`),
    };
    const pager: Channel = {
      name: 'pager',
      limits: { messages: 100, perMs: 1000, maxBytes: 10_000 },
      send: async () => {},
      notify: async (n: OperationsNotice) => {
        if (!pagerUp) throw new Error('pager down');
        received.push(`pager:${n.kind}`);
      },
    };
    let clock = T0;
    const watch = () =>
      watchSources({
        sources: [source],
        health,
        channels: [console, pager],
        ledger: createRedisOperationsLedger(redis, prefix),
        logger: createSilentLogger(),
        now: () => clock,
      });

    await health.recordPass(source.id, { at: clock, fresh: 3, blocked: null });
    for (let i = 0; i < 3; i++) {
      clock += 10 * MIN;
      await health.recordFailure(source.id, clock, 'HTTP 503');
    }
    await watch(); // 20 minutes failing since the first failure: not yet
    expect(received).toEqual([]);
    clock += 15 * MIN;
    await health.recordFailure(source.id, clock, 'HTTP 503');
    await watch();
    await watch();
    expect(received).toEqual(['console:source_failing']);
    pagerUp = true;
    await watch();
    expect(received).toEqual(['console:source_failing', 'pager:source_failing']);

    clock += MIN;
    await health.recordPass(source.id, { at: clock, fresh: 2, blocked: null });
    await watch();
    await watch();
    expect(received.slice(2)).toEqual(['console:source_recovered', 'pager:source_recovered']);
    expect(await health.read(source.id, clock)).toMatchObject({
      failingSince: null,
      consecutiveFailures: 0,
      passes24h: 6,
      failures24h: 4,
    });
  });

  it('stops asking a channel that refuses for good', async () => {
    const prefix = uniquePrefix('watch');
    const health = createSourceHealth(redis, prefix);
    let asked = 0;
    const refusing: Channel = {
      name: 'refusing',
      limits: { messages: 100, perMs: 1000, maxBytes: 10_000 },
      send: async () => {},
      notify: async () => {
        asked++;
        throw new PermanentError('HTTP 403');
      },
    };
    await health.recordPass(source.id, {
      at: T0,
      fresh: 0,
      blocked: { reason: 'captcha', detail: '百度安全验证' },
    });
    const deps = {
      sources: [source],
      health,
      channels: [refusing],
      ledger: createRedisOperationsLedger(redis, prefix),
      logger: createSilentLogger(),
      now: () => T0 + MIN,
    };
    await watchSources(deps);
    await watchSources(deps);
    expect(asked).toBe(1);
  });
});
