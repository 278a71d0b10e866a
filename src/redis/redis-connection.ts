import { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/** A connection BullMQ can use for workers too: commands wait for reconnection instead of failing. */
export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
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
