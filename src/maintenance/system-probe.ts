import type { Redis } from 'ioredis';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import type { SourceHealthStore } from '../../crawlers/source-health.ts';
import { errorMessage } from '../errors.ts';
import { STAGES } from '../queues/payloads.ts';
import type { PipelineQueues } from '../queues/pipeline-queues.ts';
import type { Store } from '../store/store.ts';
import type { StoreHealth } from './store-health.ts';
import type { SystemSnapshot } from './system-watch.ts';

const STORE_PROBE_MS = 10_000;

// One more failure in a row, and the longest run since the last check raised to match.
const FAILED_SCRIPT = `local n = redis.call('hincrby', KEYS[1], 'failures', 1)
redis.call('hset', KEYS[1], 'last_error', ARGV[1])
if n > tonumber(redis.call('hget', KEYS[1], 'peak') or '0') then redis.call('hset', KEYS[1], 'peak', n) end
return n`;
// The longest run since the last check, which starts again from the present run.
const TAKE_SCRIPT = `local fields = redis.call('hmget', KEYS[1], 'failures', 'peak', 'last_error')
redis.call('hset', KEYS[1], 'peak', fields[1] or '0')
return fields`;

/**
 * Delivery failures in a row per channel, in Redis, recorded by the delivery layer; and the
 * longest run since the operators' last check, so an outage that ended between two checks is
 * still told (a success ends the run, not the record of it).
 */
export function createChannelHealth(redis: Redis, prefix: string) {
  const key = (channel: string) => `${prefix}:ops:channel:${channel}`;
  return {
    async record(channel: string, ok: boolean, reason?: string): Promise<void> {
      if (ok) await redis.hset(key(channel), { failures: 0 });
      else await redis.eval(FAILED_SCRIPT, 1, key(channel), (reason ?? '').slice(0, 300));
    },
    /** The present run, and the longest since the last `take` (which this one becomes). */
    async take(channel: string): Promise<{ failures: number; peak: number; lastError: string | null }> {
      const [failures, peak, lastError] = (await redis.eval(TAKE_SCRIPT, 1, key(channel))) as (
        | string
        | null
      )[];
      return {
        failures: Number(failures ?? 0),
        peak: Math.max(Number(peak ?? 0), Number(failures ?? 0)),
        lastError: lastError ?? null,
      };
    },
  };
}

export type ChannelHealth = ReturnType<typeof createChannelHealth>;

/** When each watched condition began, in Redis: the episode that keys its notice. */
export function createEpisodes(redis: Redis, prefix: string) {
  const key = `${prefix}:ops:episodes`;
  return {
    /** The start of every condition asked for now (set on first sight); other episodes end. */
    async track(asked: ReadonlyMap<string, number>): Promise<Map<string, number>> {
      const starts = new Map<string, number>();
      for (const [condition, now] of asked) {
        await redis.hsetnx(key, condition, now);
        starts.set(condition, Number(await redis.hget(key, condition)));
      }
      const ended = (await redis.hkeys(key)).filter((condition) => !asked.has(condition));
      if (ended.length > 0) await redis.hdel(key, ...ended);
      return starts;
    },
  };
}

export interface ProbeDeps {
  queues: PipelineQueues;
  store: Store;
  /** Store failures the workers met since the last probe; absent, only the probe's read counts. */
  storeHealth?: Pick<StoreHealth, 'takeFailures'>;
  channels: readonly string[];
  channelHealth: ChannelHealth;
  sources: readonly SourceConfig[];
  sourceHealth: SourceHealthStore;
  now: number;
}

/** Looks at the machinery: queues and their workers, the store, channels, what was collected. */
export async function probeSystem(deps: ProbeDeps): Promise<SystemSnapshot> {
  const queues = [];
  for (const stage of STAGES) {
    const queue = deps.queues.queue(stage);
    queues.push({
      stage,
      waiting: await queue.getWaitingCount(),
      workers: (await queue.getWorkers()).length,
    });
  }
  let storeError: string | null = null;
  try {
    await withTimeout(deps.store.countPosts({ since: new Date(deps.now).toISOString() }), STORE_PROBE_MS);
  } catch (error) {
    storeError = errorMessage(error);
  }
  // The read above can pass while writes are refused, and an outage can begin and end between
  // two probes: what the workers met since the last probe counts too.
  const met = await deps.storeHealth?.takeFailures();
  if (storeError === null && met && met.failures > 0)
    storeError = `${met.failures} store calls failed since the last check, the latest: ${met.lastError}`;
  const channels = [];
  for (const name of deps.channels) channels.push({ name, ...(await deps.channelHealth.take(name)) });
  const enabled = deps.sources.filter((s) => s.enabled);
  let lastNewPostAt: number | null = null;
  for (const source of enabled) {
    const seen = (await deps.sourceHealth.read(source.id, deps.now)).lastNewPostAt;
    if (seen !== null && (lastNewPostAt === null || seen > lastNewPostAt)) lastNewPostAt = seen;
  }
  return { queues, storeError, channels, lastNewPostAt, enabledSources: enabled.length };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
