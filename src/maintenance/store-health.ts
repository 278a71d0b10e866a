import type { Redis } from 'ioredis';
import { errorMessage, TransientError } from '../errors.ts';
import type { Store } from '../store/store.ts';

/**
 * Store failures the workers met, counted in Redis until the system watch takes them. Its own
 * probe only reads, once a minute: a store that refuses writes (a locked SQLite file, a
 * read-only index) or that is down for less than a minute would otherwise go unnoticed.
 */
export function createStoreHealth(redis: Redis, prefix: string) {
  const key = `${prefix}:ops:store`;
  return {
    async recordFailure(reason: string): Promise<void> {
      await redis.multi().hincrby(key, 'failures', 1).hset(key, 'last_error', reason.slice(0, 300)).exec();
    },
    /** The failures since the last call, and the latest reason; the count starts again. */
    async takeFailures(): Promise<{ failures: number; lastError: string | null }> {
      const replies = await redis.multi().hgetall(key).del(key).exec();
      const fields = (replies?.[0]?.[1] ?? {}) as Record<string, string>;
      return { failures: Number(fields.failures ?? 0), lastError: fields.last_error ?? null };
    },
  };
}

export type StoreHealth = ReturnType<typeof createStoreHealth>;

/**
 * The store, telling `onFailure` of every call that failed because the store was unavailable
 * (a TransientError from its adapter); conflicts and bad input are the callers' business.
 */
export function reportStoreFailures(store: Store, onFailure: (reason: string) => void): Store {
  const watched: Record<string, unknown> = { ...store };
  for (const [name, method] of Object.entries(store)) {
    // scanPosts is an async generator, not a promise: backtests and re-indexing see its errors.
    if (typeof method !== 'function' || name === 'scanPosts' || name === 'close') continue;
    watched[name] = async (...args: unknown[]) => {
      try {
        return await method(...args);
      } catch (error) {
        if (error instanceof TransientError) onFailure(errorMessage(error));
        throw error;
      }
    };
  }
  return watched as unknown as Store;
}
