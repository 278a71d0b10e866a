import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventIndex, type EventIndex } from '../../src/events/event-index.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';

const HOUR = 3_600_000;
const WINDOW = 72 * HOUR;
const AT = '2026-11-26T09:00:00+08:00';
const FP = 'f0f0f0f00f0f0f0f';
/** FP with 3 bits flipped; FAR is FP with 20 flipped. */
const NEAR = 'f0f0f0f70f0f0f0f';
const FAR = '0f0f0ff00f0f0f0f';

function event(id: string, over: Partial<EventRecord> = {}): EventRecord {
  return {
    id,
    last_seen: AT,
    fingerprints: [FP],
    orgs: [],
    town: '河口镇',
    ...over,
  } as EventRecord;
}

/** One event and one post, as a batch of one hands them to `remember`. */
function placed(event: EventRecord, postId: string) {
  return [{ event, postIds: [postId] }];
}

function hoursAfter(hours: number): string {
  return new Date(Date.parse(AT) + hours * HOUR).toISOString();
}

describe('event index on a real Redis', () => {
  let redis: Redis;
  let prefix: string;
  /** Two event workers in two processes, sharing the Redis. */
  let first: EventIndex;
  let second: EventIndex;

  beforeEach(() => {
    redis = connectTestRedis();
    prefix = uniquePrefix('evi');
    first = createEventIndex(redis, prefix, WINDOW);
    second = createEventIndex(redis, prefix, WINDOW);
  });
  afterEach(async () => {
    await redis.quit();
  });

  it('finds the nearest fingerprint within the distance and the window, and not beyond', async () => {
    await first.refresh([]);
    await first.remember(placed(event('ev-a'), 'p:1'));
    await first.remember(placed(event('ev-b', { fingerprints: [FAR] }), 'p:2'));
    expect(first.match(AT, NEAR, 12, [], null)).toBe('ev-a');
    expect(first.match(AT, NEAR, 2, [], null)).toBeNull();
    expect(first.match(hoursAfter(71), NEAR, 12, [], null)).toBe('ev-a');
    expect(first.match(hoursAfter(73), NEAR, 12, [], null)).toBeNull();
  });

  it('joins a near-duplicate text only in the same town, or where a town is unknown', async () => {
    await first.refresh([]);
    await first.remember(placed(event('ev-hekou'), 'p:1'));
    // One complaint template posted from another township: another incident.
    expect(first.match(AT, NEAR, 12, [], '石桥镇')).toBeNull();
    expect(first.match(AT, NEAR, 12, [], '河口镇')).toBe('ev-hekou');
    expect(first.match(AT, NEAR, 12, [], null)).toBe('ev-hekou');
  });

  it('joins by organisation in the same town or where a town is unknown, the latest event first', async () => {
    await first.refresh([]);
    const orgs = ['鑫达建设有限公司'];
    await first.remember(placed(event('ev-old', { fingerprints: [FAR], orgs }), 'p:1'));
    await first.remember(
      placed(event('ev-new', { fingerprints: [FAR], orgs, last_seen: hoursAfter(1) }), 'p:2'),
    );
    await first.remember(
      placed(
        event('ev-other', { fingerprints: [FAR], orgs, town: '石桥镇', last_seen: hoursAfter(2) }),
        'p:3',
      ),
    );
    expect(first.match(hoursAfter(3), FP, 12, orgs, '河口镇')).toBe('ev-new');
    expect(first.match(hoursAfter(3), FP, 12, orgs, null)).toBe('ev-other');
    expect(first.match(hoursAfter(3), FP, 12, ['别的公司'], '河口镇')).toBeNull();
  });

  it('sees what another process wrote at its next refresh, and which posts are placed', async () => {
    await first.refresh([]);
    await second.refresh([]);
    await first.remember(placed(event('ev-a', { fingerprints: [FAR] }), 'p:1'));
    expect(second.match(AT, NEAR, 12, [], null)).toBeNull();
    await second.refresh(['p:1', 'p:9']);
    expect(second.eventOfPost('p:1')).toBe('ev-a');
    expect(second.eventOfPost('p:9')).toBeNull();

    // The event grows a new fingerprint in the second process; the first learns it.
    await second.remember(
      placed(event('ev-a', { fingerprints: [FAR, FP], last_seen: hoursAfter(1) }), 'p:2'),
    );
    expect(first.match(AT, NEAR, 12, [], null)).toBeNull();
    await first.refresh(['p:2']);
    expect(first.match(AT, NEAR, 12, [], null)).toBe('ev-a');
    expect(first.eventOfPost('p:2')).toBe('ev-a');
  });

  it('reloads the whole window when the change stream was trimmed past what it applied', async () => {
    await second.refresh([]);
    await second.remember(placed(event('ev-x', { fingerprints: [FAR] }), 'p:x'));
    await first.refresh([]);
    for (let i = 0; i < 5; i++)
      await second.remember(placed(event(`ev-${i}`, { fingerprints: [FAR], orgs: [`公司${i}`] }), `p:${i}`));
    await redis.xtrim(`${prefix}:ev:changes`, 'MAXLEN', '1');
    await first.refresh([]);
    for (let i = 0; i < 5; i++) expect(first.match(AT, FP, 12, [`公司${i}`], '河口镇')).toBe(`ev-${i}`);
  });

  it('still matches events an earlier release indexed (fingerprints only)', async () => {
    const lastSeen = Date.parse(AT);
    await redis.zadd(`${prefix}:ev:recent`, lastSeen, 'ev-legacy');
    await redis.hset(`${prefix}:ev:fp`, 'ev-legacy', `${FAR},${FP}`);
    await first.refresh([]);
    expect(first.match(AT, NEAR, 12, [], null)).toBe('ev-legacy');
  });

  it('forgets events long out of the window, in Redis and in every process', async () => {
    await first.refresh([]);
    await first.remember(placed(event('ev-old'), 'p:1'));
    await first.remember(
      placed(event('ev-late', { fingerprints: [FAR], last_seen: hoursAfter(24 * 11) }), 'p:2'),
    );
    expect(await redis.zrange(`${prefix}:ev:recent`, '0', '-1')).toEqual(['ev-late']);
    expect(await redis.hkeys(`${prefix}:ev:meta`)).toEqual(['ev-late']);
    await second.refresh([]);
    expect(second.match(AT, NEAR, 12, [], null)).toBeNull();
  });

  it('writes a whole batch in one call: every event and every post of it', async () => {
    await first.refresh([]);
    await first.remember([
      { event: event('ev-a'), postIds: ['p:1', 'p:2'] },
      { event: event('ev-b', { fingerprints: [FAR] }), postIds: ['p:3'] },
    ]);
    await second.refresh(['p:1', 'p:2', 'p:3']);
    expect(['p:1', 'p:2', 'p:3'].map((id) => second.eventOfPost(id))).toEqual(['ev-a', 'ev-a', 'ev-b']);
    expect(second.match(AT, NEAR, 12, [], null)).toBe('ev-a');
    expect(second.match(AT, FAR, 0, [], null)).toBe('ev-b');
  });

  it('matches a noted event at once, and forgets it if the batch never remembers it', async () => {
    await first.refresh([]);
    first.note(event('ev-unsaved'), 'p:1');
    expect(first.match(AT, NEAR, 12, [], null)).toBe('ev-unsaved');
    expect(first.eventOfPost('p:1')).toBe('ev-unsaved');
    // The job failed before `remember`: the retry must not match an event nobody stored.
    await first.refresh(['p:1']);
    expect(first.match(AT, NEAR, 12, [], null)).toBeNull();
    expect(first.eventOfPost('p:1')).toBeNull();
  });
});
