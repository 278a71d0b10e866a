import type { Redis } from 'ioredis';
import { postContentHash } from '../src/domain/content-hash.ts';
import type { Post } from '../src/domain/post.ts';
import { toShanghaiIso } from '../src/domain/shanghai-time.ts';

/** Remembers which posts, and which version of each, a source has already handed on. */
export interface SeenPosts {
  /** The posts that are new, or whose content changed since they were last handed on. */
  unseen(sourceId: string, posts: readonly Post[]): Promise<Post[]>;
  /** Which of these post ids were handed on before, whatever their version. */
  known(sourceId: string, ids: readonly string[]): Promise<boolean[]>;
  /** Call only after the posts were safely enqueued, so a crash in between re-sends, never loses. */
  remember(sourceId: string, posts: readonly Post[]): Promise<void>;
  /** The newest publication time handed on, or null before the first post. */
  newestSeen(sourceId: string): Promise<string | null>;
}

export interface SeenPostsOptions {
  prefix: string;
  retentionDays: number;
  now?: () => number;
}

/**
 * Per source in Redis: a hash of post id → content hash (what version was handed on), a sorted
 * set of post ids by when they were last seen (to forget old ones), and the newest publication
 * time handed on (the source's cursor).
 */
export function createRedisSeenPosts(redis: Redis, options: SeenPostsOptions): SeenPosts {
  const now = options.now ?? Date.now;
  const keys = (sourceId: string) => ({
    versions: `${options.prefix}:seen:${sourceId}:versions`,
    ages: `${options.prefix}:seen:${sourceId}:ages`,
    cursor: `${options.prefix}:seen:${sourceId}:newest`,
  });
  return {
    async unseen(sourceId, posts) {
      if (posts.length === 0) return [];
      const stored = await redis.hmget(keys(sourceId).versions, ...posts.map((post) => post.id));
      return posts.filter((post, index) => stored[index] !== postContentHash(post));
    },
    async known(sourceId, ids) {
      if (ids.length === 0) return [];
      const stored = await redis.hmget(keys(sourceId).versions, ...ids);
      return stored.map((hash) => hash !== null);
    },
    async remember(sourceId, posts) {
      if (posts.length === 0) return;
      const key = keys(sourceId);
      const at = now();
      const cutoff = at - options.retentionDays * 86_400_000;
      const forgotten = await redis.zrangebyscore(key.ages, '-inf', cutoff);
      const newest = toShanghaiIso(new Date(Math.max(...posts.map((post) => Date.parse(post.published_at)))));
      const multi = redis
        .multi()
        .hset(key.versions, Object.fromEntries(posts.map((post) => [post.id, postContentHash(post)])))
        .zadd(key.ages, ...posts.flatMap((post) => [at, post.id]));
      if (forgotten.length > 0) multi.hdel(key.versions, ...forgotten).zrem(key.ages, ...forgotten);
      await multi.exec();
      await raiseCursor(redis, key.cursor, newest);
    },
    async newestSeen(sourceId) {
      return redis.get(keys(sourceId).cursor);
    },
  };
}

/** Sets the cursor to `value` unless it already holds a later time (both +08:00 ISO, which sorts as text). */
async function raiseCursor(redis: Redis, key: string, value: string): Promise<void> {
  await redis.eval(
    "local current = redis.call('GET', KEYS[1]); if (not current) or current < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end",
    1,
    key,
    value,
  );
}
