import type { Redis } from 'ioredis';
import { type AlertNotification, alertNotificationSchema } from '../notification.ts';

/** Most notifications one digest carries; a bigger backlog goes out in several. */
export const DIGEST_MAX = 50;

/**
 * Notifications held back for a channel while it is over its rate limit, in Redis so any
 * worker can send them as one digest when the window opens. Read, sent, marked sent, then
 * removed: a crash after the mark records the digest on the retry instead of sending it again;
 * one between sending and marking resends it (its key lets receivers drop it) rather than
 * losing it.
 */
export function createOutbox(redis: Redis, prefix: string) {
  const key = (channel: string) => `${prefix}:outbox:${channel}`;
  return {
    async hold(channel: string, notification: AlertNotification): Promise<void> {
      await redis.rpush(key(channel), JSON.stringify(notification));
    },
    async peek(channel: string): Promise<AlertNotification[]> {
      const raw = await redis.lrange(key(channel), 0, DIGEST_MAX - 1);
      return raw.map((item) => alertNotificationSchema.parse(JSON.parse(item)));
    },
    async drop(channel: string, count: number): Promise<void> {
      await redis.ltrim(key(channel), count, -1);
    },
    async size(channel: string): Promise<number> {
      return redis.llen(key(channel));
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
