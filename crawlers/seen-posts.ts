import type { Redis, Result } from 'ioredis';
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
  /**
   * Marks a pass as begun; `passCompleted` clears the mark. A mark still there when the next
   * pass starts means the last one ended early (a failed page, a crash, the request cap), and
   * pages past the known posts may hold posts it never read.
   */
  passStarted(sourceId: string): Promise<{ lastPassIncomplete: boolean }>;
  passCompleted(sourceId: string): Promise<void>;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** Arguments: now, forget-before, newest publication time, then post id and hash pairs. */
    rememberSeenPosts(
      versions: string,
      ages: string,
      cursor: string,
      ...args: (string | number)[]
    ): Result<number, Context>;
  }
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
  // A defined command goes as EVALSHA: the script is not sent (and hashed by Redis) per page.
  redis.defineCommand('rememberSeenPosts', { numberOfKeys: 3, lua: REMEMBER });
  const now = options.now ?? Date.now;
  const keys = (sourceId: string) => ({
    versions: `${options.prefix}:seen:${sourceId}:versions`,
    ages: `${options.prefix}:seen:${sourceId}:ages`,
    cursor: `${options.prefix}:seen:${sourceId}:newest`,
    running: `${options.prefix}:seen:${sourceId}:pass-incomplete`,
  });
  // `remember` gets the very posts `unseen` returned: hash each once.
  const hashes = new WeakMap<Post, string>();
  const hashOf = (post: Post) => {
    let hash = hashes.get(post);
    if (hash === undefined) {
      hash = postContentHash(post);
      hashes.set(post, hash);
    }
    return hash;
  };
  return {
    async unseen(sourceId, posts) {
      if (posts.length === 0) return [];
      const stored = await redis.hmget(keys(sourceId).versions, ...posts.map((post) => post.id));
      return posts.filter((post, index) => stored[index] !== hashOf(post));
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
      const newest = toShanghaiIso(new Date(Math.max(...posts.map((post) => Date.parse(post.published_at)))));
      await redis.rememberSeenPosts(
        key.versions,
        key.ages,
        key.cursor,
        at,
        at - options.retentionDays * 86_400_000,
        newest,
        ...posts.flatMap((post) => [post.id, hashOf(post)]),
      );
    },
    async newestSeen(sourceId) {
      return redis.get(keys(sourceId).cursor);
    },
    async passStarted(sourceId) {
      // SET … GET: one round trip that marks this pass and says whether the last left a mark.
      const before = await redis.set(
        keys(sourceId).running,
        String(now()),
        'EX',
        options.retentionDays * 86_400,
        'GET',
      );
      return { lastPassIncomplete: before !== null };
    },
    async passCompleted(sourceId) {
      await redis.del(keys(sourceId).running);
    },
  };
}

/**
 * One round trip per page: record each post's version and when it was seen, forget posts not
 * seen for the retention period, and raise the cursor (ISO +08:00 times sort as text).
 */
const REMEMBER = `
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  redis.call('ZADD', KEYS[2], ARGV[1], ARGV[i])
end
local old = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2], 'LIMIT', 0, 1000)
if #old > 0 then
  redis.call('HDEL', KEYS[1], unpack(old))
  redis.call('ZREM', KEYS[2], unpack(old))
end
local current = redis.call('GET', KEYS[3])
if (not current) or current < ARGV[3] then redis.call('SET', KEYS[3], ARGV[3]) end
return #old
`;
