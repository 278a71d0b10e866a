import { afterAll, describe, expect, it } from 'vitest';
import { createRedisSeenPosts } from '../../crawlers/seen-posts.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { samplePost } from '../helpers/sample-posts.ts';

describe('seen posts in Redis', () => {
  const redis = connectTestRedis();
  afterAll(() => redis.quit());

  it('knows posts by id and by version, and keeps the newest publication time as the cursor', async () => {
    let clock = 1_000_000;
    const seen = createRedisSeenPosts(redis, {
      prefix: uniquePrefix('seen'),
      retentionDays: 1,
      now: () => clock,
    });
    const a = samplePost('a', '拖欠工资', { published_at: '2026-11-26T09:00:00+08:00' });
    const b = samplePost('b', '讨薪', { published_at: '2026-11-26T01:00:00Z' });
    expect(await seen.newestSeen('s')).toBeNull();
    expect(await seen.unseen('s', [a, b])).toEqual([a, b]);
    await seen.remember('s', [a, b]);
    expect(await seen.unseen('s', [a, b])).toEqual([]);
    const edited = { ...a, text: '拖欠工资，已三个月' };
    expect(await seen.unseen('s', [edited])).toEqual([edited]);
    expect(await seen.known('s', ['forum:a', 'forum:zz'])).toEqual([true, false]);
    expect(await seen.newestSeen('s')).toBe('2026-11-26T09:00:00+08:00');

    // An older post does not move the cursor back.
    await seen.remember('s', [samplePost('c', '旧帖', { published_at: '2026-11-20T09:00:00+08:00' })]);
    expect(await seen.newestSeen('s')).toBe('2026-11-26T09:00:00+08:00');

    // After the retention period, posts not seen again are forgotten.
    clock += 2 * 86_400_000;
    await seen.remember('s', [samplePost('d', '新帖', { published_at: '2026-11-27T09:00:00+08:00' })]);
    expect(await seen.known('s', ['forum:a', 'forum:b', 'forum:c', 'forum:d'])).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect(await seen.newestSeen('s')).toBe('2026-11-27T09:00:00+08:00');
  });
});
