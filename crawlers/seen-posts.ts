import type { Redis } from 'ioredis';
import { postContentHash } from '../src/domain/content-hash.ts';
import type { Post } from '../src/domain/post.ts';

/** Remembers which versions of which posts a source has already handed on. */
export interface SeenPosts {
  /** The posts that are new, or whose content changed since they were last handed on. */
  unseen(sourceId: string, posts: readonly Post[]): Promise<Post[]>;
  /** Call only after the posts were safely enqueued, so a crash in between re-sends, never loses. */
  remember(sourceId: string, posts: readonly Post[]): Promise<void>;
}

export interface SeenPostsOptions {
  prefix: string;
  retentionDays: number;
  now?: () => number;
}

/** A sorted set per source in Redis, scored by when a version was seen, trimmed by age. */
export function createRedisSeenPosts(redis: Redis, options: SeenPostsOptions): SeenPosts {
  const now = options.now ?? Date.now;
  const key = (sourceId: string) => `${options.prefix}:seen:${sourceId}`;
  const member = (post: Post) => `${post.id}|${postContentHash(post)}`;
  return {
    async unseen(sourceId, posts) {
      if (posts.length === 0) return [];
      const scores = await redis.zmscore(key(sourceId), ...posts.map(member));
      return posts.filter((_, index) => scores[index] === null);
    },
    async remember(sourceId, posts) {
      if (posts.length === 0) return;
      const at = now();
      const args = posts.flatMap((post) => [at, member(post)]);
      await redis
        .multi()
        .zadd(key(sourceId), ...args)
        .zremrangebyscore(key(sourceId), '-inf', at - options.retentionDays * 86_400_000)
        .exec();
    },
  };
}
