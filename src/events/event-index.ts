import type { Redis } from 'ioredis';
import type { EventRecord } from './event-record.ts';
import { createFingerprintWindow, type IndexedEvent } from './fingerprint-window.ts';
import type { Fingerprint } from './simhash.ts';

const EXTRA_KEEP_MS = 7 * 86_400_000;
/** Changes kept in the stream; a process further behind than this reloads the whole window. */
const CHANGES_KEPT = 100_000;

/**
 * Where the event stage finds the event a post belongs to. Redis holds the truth: post → event,
 * events by when they were last seen, and each event's fingerprints, organisations and town.
 * Every process keeps the window's events in memory (fingerprint-window.ts) and catches up from
 * a stream of changed event ids, so matching a post reads nothing but that stream. The events
 * themselves live in the store; this is only the way in, rebuilt as events are written.
 */
export function createEventIndex(redis: Redis, prefix: string, windowMs: number) {
  const key = {
    post: (postId: string) => `${prefix}:ev:post:${postId}`,
    recent: `${prefix}:ev:recent`,
    meta: `${prefix}:ev:meta`,
    changes: `${prefix}:ev:changes`,
    /** Fingerprints as an earlier release kept them (no organisations or town); read, not written. */
    legacyFingerprints: `${prefix}:ev:fp`,
  };
  const window = createFingerprintWindow();
  /** The last change applied; null until the window is first loaded. */
  let applied: string | null = null;
  /** Changes this process wrote itself, already in its window. */
  const own = new Set<string>();
  /** Post → event for the posts of the batch in hand, and for those placed since. */
  const postEvents = new Map<string, string>();
  /** Events noted in the window but not yet written to Redis. */
  let unsaved = false;

  async function reload(): Promise<void> {
    const [newest] = await redis.xrevrange(key.changes, '+', '-', 'COUNT', '1');
    const scored = await redis.zrange(key.recent, '0', '-1', 'WITHSCORES');
    const ids = scored.filter((_value, i) => i % 2 === 0);
    const lastSeen = scored.filter((_value, i) => i % 2 === 1).map(Number);
    const [meta, legacy] = ids.length
      ? await Promise.all([redis.hmget(key.meta, ...ids), redis.hmget(key.legacyFingerprints, ...ids)])
      : [[], []];
    window.clear();
    unsaved = false;
    for (const [i, id] of ids.entries())
      window.put(id, indexedEvent(lastSeen[i] as number, meta[i] ?? null, legacy[i] ?? null));
    applied = newest?.[0] ?? '0-0';
    own.clear();
  }

  async function applyChanges(entries: [id: string, fields: string[]][]): Promise<void> {
    const changed = new Set<string>();
    for (const [entryId, fields] of entries) {
      if (own.delete(entryId)) continue;
      changed.add(fields[1] as string);
    }
    const ids = [...changed];
    if (ids.length > 0) {
      const [meta, scores] = await Promise.all([
        redis.hmget(key.meta, ...ids),
        redis.zmscore(key.recent, ...ids),
      ]);
      ids.forEach((id, i) => {
        const score = scores[i];
        if (score === null || score === undefined) window.delete(id);
        else window.put(id, indexedEvent(Number(score), meta[i] ?? null, null));
      });
    }
    const last = entries.at(-1);
    if (last) applied = last[0];
  }

  return {
    /**
     * Catches up with what other processes wrote, and looks up which posts of a batch already
     * have an event. Called once per event job: the event queue runs one job at a time, so
     * nothing else writes while a batch is being placed.
     */
    async refresh(postIds: readonly string[]): Promise<void> {
      postEvents.clear();
      if (applied === null || unsaved) await reload();
      const pipeline = redis.pipeline().xrange(key.changes, '-', '+', 'COUNT', '1');
      pipeline.xrange(key.changes, `(${applied}`, '+');
      if (postIds.length > 0) pipeline.mget(...postIds.map(key.post));
      const [[, oldest], [, since], mapped] = (await pipeline.exec()) as [
        [Error | null, [string, string[]][]],
        [Error | null, [string, string[]][]],
        [Error | null, (string | null)[]]?,
      ];
      const first = oldest[0]?.[0];
      // The stream was trimmed past what this process has applied, or emptied: start over.
      if (first ? streamIdAfter(first, applied as string) : applied !== '0-0') await reload();
      else await applyChanges(since);
      postIds.forEach((postId, i) => {
        const eventId = mapped?.[1]?.[i];
        if (eventId) postEvents.set(postId, eventId);
      });
    },
    /** The event a post was placed in, as of the last refresh and this process's writes since. */
    eventOfPost(postId: string): string | null {
      return postEvents.get(postId) ?? null;
    },
    /**
     * The event whose fingerprints come closest to `fingerprint` within `maxDistance`, among
     * events seen within the window around `at`; else one naming the same organisation; either
     * in the same town or where either town is unknown, the most recently seen first. Null: a
     * new incident.
     */
    match(
      at: string,
      fingerprint: Fingerprint,
      maxDistance: number,
      orgs: readonly string[],
      town: string | null,
    ): string | null {
      const since = Date.parse(at) - windowMs;
      return (
        window.nearest(fingerprint, maxDistance, since, town) ?? window.sameOrganisation(orgs, town, since)
      );
    },
    /**
     * Takes a post's event into this process's window at once, so the next post of the batch can
     * match it; the batch's `remember` writes it for everyone. If that never comes (the job
     * failed), the next refresh reloads the window from Redis.
     */
    note(event: EventRecord, postId: string): void {
      window.put(event.id, indexedOf(event));
      postEvents.set(postId, event.id);
      unsaved = true;
    },
    /** Records where each event of a batch now stands and which posts belong to it, in one round trip. */
    async remember(placed: readonly { event: EventRecord; postIds: readonly string[] }[]): Promise<void> {
      if (placed.length === 0) return;
      const ttl = Math.ceil((windowMs + EXTRA_KEEP_MS) / 1000);
      const newest = Math.max(...placed.map(({ event }) => Date.parse(event.last_seen)));
      // Events long out of the window are forgotten here, as newer ones are written.
      const stale = window.staleIds(newest - windowMs - EXTRA_KEEP_MS, 500);
      const multi = redis.multi();
      for (const { event, postIds } of placed) {
        for (const postId of postIds) multi.set(key.post(postId), event.id, 'EX', ttl);
        multi
          .zadd(key.recent, Date.parse(event.last_seen), event.id)
          .hset(key.meta, event.id, JSON.stringify({ f: event.fingerprints, o: event.orgs, t: event.town }))
          .xadd(key.changes, 'MAXLEN', '~', CHANGES_KEPT, '*', 'e', event.id);
      }
      if (stale.length > 0)
        multi
          .zrem(key.recent, ...stale)
          .hdel(key.meta, ...stale)
          .hdel(key.legacyFingerprints, ...stale);
      const results = (await multi.exec()) ?? [];
      for (const [error, reply] of results) {
        if (error) throw error;
        if (typeof reply === 'string' && /^\d+-\d+$/.test(reply)) own.add(reply);
      }
      for (const id of stale) window.delete(id);
      for (const { event, postIds } of placed) {
        window.put(event.id, indexedOf(event));
        for (const postId of postIds) postEvents.set(postId, event.id);
      }
      unsaved = false;
    },
  };
}

function indexedOf(event: EventRecord): IndexedEvent {
  return {
    lastSeen: Date.parse(event.last_seen),
    fingerprints: event.fingerprints,
    orgs: event.orgs,
    town: event.town,
  };
}

export type EventIndex = ReturnType<typeof createEventIndex>;

function indexedEvent(lastSeen: number, meta: string | null, legacy: string | null): IndexedEvent {
  if (meta) {
    const { f, o, t } = JSON.parse(meta) as { f: Fingerprint[]; o: string[]; t: string | null };
    return { lastSeen, fingerprints: f, orgs: o, town: t };
  }
  return { lastSeen, fingerprints: (legacy ?? '').split(',').filter(Boolean), orgs: [], town: null };
}

/** Whether stream entry id `a` (`ms-seq`) comes after `b`. */
function streamIdAfter(a: string, b: string): boolean {
  const [aMs, aSeq] = a.split('-').map(Number) as [number, number];
  const [bMs, bSeq] = b.split('-').map(Number) as [number, number];
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}
