import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The run's Redis URL, from the global setup. */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A queue/key prefix no other test uses, so tests never see each other's jobs. */
export function uniquePrefix(label = 't'): string {
  return `ww-${label}-${randomBytes(4).toString('hex')}`;
}

export function connectTestRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
}
