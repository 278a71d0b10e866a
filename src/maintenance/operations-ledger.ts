import type { Redis } from 'ioredis';
import type { OperationsNotice } from '../alerts/operations-notice.ts';
import type { OperationsLedger } from './operations-dispatch.ts';

const KEEP_S = 30 * 86_400;

/** The operations ledger in Redis: delivered markers per notice and channel, open problems per subject. */
export function createRedisOperationsLedger(redis: Redis, prefix: string): OperationsLedger {
  const delivered = (key: string, channel: string) => `${prefix}:ops:delivered:${key}:${channel}`;
  const open = (subject: string) => `${prefix}:ops:open:${subject}`;
  return {
    async delivered(key, channel) {
      return (await redis.exists(delivered(key, channel))) === 1;
    },
    async markDelivered(key, channel) {
      await redis.set(delivered(key, channel), '1', 'EX', KEEP_S);
    },
    async openProblems(subject) {
      const all = await redis.hvals(open(subject));
      return all.map((json) => JSON.parse(json) as OperationsNotice);
    },
    async open(notice) {
      await redis.hsetnx(open(notice.subject), notice.key, JSON.stringify(notice));
    },
    async close(subject, key) {
      await redis.hdel(open(subject), key);
    },
  };
}
