import { Redis } from 'ioredis';
import { WagewatchError } from '../errors.ts';

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
