import { Redis } from 'ioredis';
import { WagewatchError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** A connection BullMQ can use for workers too: commands wait for reconnection instead of failing. */
export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
}

/** Waits for the first connection; a wrong REDIS_URL fails the start instead of hanging it. */
export async function ensureReachable(redis: Redis, url: string, timeoutMs = 10_000): Promise<void> {
  let lastError = 'no answer';
  const onError = (error: Error) => {
    lastError = error.message;
  };
  redis.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new WagewatchError(
            'redis_unreachable',
            `cannot reach Redis at ${redactUrl(url)} within ${timeoutMs / 1000} s: ${lastError}`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
    redis.off('error', onError);
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/**
 * Queues keep their state in Redis; if Redis may evict keys under memory pressure, jobs vanish.
 * Managed services sometimes forbid CONFIG, so an unreadable policy is reported, not fatal.
 */
export async function warnOnEvictionPolicy(redis: Redis, logger: Logger): Promise<void> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      logger.warn(
        { policy },
        `Redis maxmemory-policy is "${policy}": queued jobs may be evicted; set it to noeviction`,
      );
    }
  } catch (error) {
    logger.warn({ reason: (error as Error).message }, 'could not read Redis maxmemory-policy');
  }
}
