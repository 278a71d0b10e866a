import { afterAll, describe, expect, it } from 'vitest';
import { createSourceHealth } from '../../crawlers/source-health.ts';
import { connectTestRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { runCli } from '../helpers/run-cli.ts';

describe('wagewatch sources', () => {
  const redis = connectTestRedis();
  afterAll(() => redis.quit());

  it('shows each source as the workers recorded it', async () => {
    const prefix = uniquePrefix('src');
    const health = createSourceHealth(redis, prefix);
    const now = Date.now();
    await health.recordPass('weibo-mobile-search', { at: now - 60_000, fresh: 12, blocked: null });
    await health.recordPass('weibo-mobile-search', {
      at: now,
      fresh: 0,
      blocked: { reason: 'credential_expired', detail: 'HTTP 432' },
    });
    const env = { REDIS_URL: testRedisUrl(), WAGEWATCH_REDIS_PREFIX: prefix };
    const run = await runCli(['sources'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('微博搜索·实时（weibo-mobile-search）：停用');
    expect(run.stdout).toContain('24小时：采集 2 轮，失败率 50%，新帖 12 条');
    const json = JSON.parse((await runCli(['sources', '--json'], env)).stdout) as {
      id: string;
      credentialState: string;
    }[];
    expect(json.find((row) => row.id === 'weibo-mobile-search')?.credentialState).toBe('credential_expired');
  });
});
