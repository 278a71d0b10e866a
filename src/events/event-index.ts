import type { Redis } from 'ioredis';
import type { EventRecord } from './event-record.ts';
import { type Fingerprint, hammingDistance } from './simhash.ts';

const EXTRA_KEEP_MS = 7 * 86_400_000;

/**
 * Where the event stage finds the event a post belongs to, in Redis: post → event, events by
 * when they were last seen with their fingerprints, and events by organisation name. The events
 * themselves live in the store; this is only the way in, rebuilt as events are written.
 */
export function createEventIndex(redis: Redis, prefix: string, windowMs: number) {
  const key = {
    post: (postId: string) => `${prefix}:ev:post:${postId}`,
    recent: `${prefix}:ev:recent`,
    fingerprints: `${prefix}:ev:fp`,
    org: (org: string) => `${prefix}:ev:org:${org}`,
  };
  return {
    async eventOfPost(postId: string): Promise<string | null> {
      return redis.get(key.post(postId));
    },
    /**
     * The event whose fingerprints come closest to `fingerprint` within `maxDistance`, among
     * events seen within the window around `at`; else one naming the same organisation in the
     * same town (or where either town is unknown). Null: a new incident.
     */
    async match(
      at: string,
      fingerprint: Fingerprint,
      maxDistance: number,
      orgs: readonly string[],
      town: string | null,
    ): Promise<string | null> {
      const since = Date.parse(at) - windowMs;
      const recent = await redis.zrangebyscore(key.recent, since, '+inf');
      if (recent.length > 0) {
        const stored = await redis.hmget(key.fingerprints, ...recent);
        let best: { id: string; distance: number } | null = null;
        recent.forEach((id, i) => {
          for (const candidate of (stored[i] ?? '').split(',').filter(Boolean)) {
            const distance = hammingDistance(fingerprint, candidate);
            if (distance <= maxDistance && (!best || distance < best.distance)) best = { id, distance };
          }
        });
        if (best) return (best as { id: string }).id;
      }
      for (const org of orgs) {
        const ids = await redis.zrevrangebyscore(key.org(org), '+inf', since);
        for (const id of ids) {
          const eventTown = await redis.hget(`${key.org(org)}:town`, id);
          if (!town || !eventTown || eventTown === town) return id;
        }
      }
      return null;
    },
    /** Records where the event now stands and that `postId` belongs to it. */
    async remember(event: EventRecord, postId: string): Promise<void> {
      const lastSeen = Date.parse(event.last_seen);
      const ttl = Math.ceil((windowMs + EXTRA_KEEP_MS) / 1000);
      // Events long out of the window are forgotten here, as newer ones are written.
      const stale = await redis.zrangebyscore(
        key.recent,
        '-inf',
        lastSeen - windowMs - EXTRA_KEEP_MS,
        'LIMIT',
        0,
        500,
      );
      const multi = redis
        .multi()
        .set(key.post(postId), event.id, 'EX', ttl)
        .zadd(key.recent, lastSeen, event.id)
        .hset(key.fingerprints, event.id, event.fingerprints.join(','));
      if (stale.length > 0) multi.zrem(key.recent, ...stale).hdel(key.fingerprints, ...stale);
      for (const org of event.orgs) {
        multi.zadd(key.org(org), lastSeen, event.id).expire(key.org(org), ttl);
        if (event.town)
          multi.hset(`${key.org(org)}:town`, event.id, event.town).expire(`${key.org(org)}:town`, ttl);
      }
      await multi.exec();
    },
  };
}

export type EventIndex = ReturnType<typeof createEventIndex>;
