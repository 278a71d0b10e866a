import type { Redis } from 'ioredis';
import { type AlertNotification, alertNotificationSchema } from './notification.ts';

/** One Redis pub/sub channel per deployment: every console server hears every alert. */
function channel(prefix: string): string {
  return `${prefix}:live-alerts`;
}

/**
 * Tells the consoles of a notification as it goes out, wherever the alert stage runs. Pub/sub
 * loses what nobody listens to, which is right here: a console that opens later reads the
 * events list, and the live feed only adds what happens while it is open.
 */
export function createFeedPublisher(redis: Redis, prefix: string) {
  return async (notification: AlertNotification): Promise<void> => {
    await redis.publish(channel(prefix), JSON.stringify(notification));
  };
}

export type FeedPublisher = ReturnType<typeof createFeedPublisher>;

export interface LiveAlerts {
  /** Calls `listener` for each alert from now on; returns the function that stops it. */
  subscribe(listener: (notification: AlertNotification) => void): () => void;
  close(): Promise<void>;
}

/** One subscriber connection per server, fanned out to its open consoles in memory. */
export async function createLiveAlerts(subscriber: Redis, prefix: string): Promise<LiveAlerts> {
  const listeners = new Set<(notification: AlertNotification) => void>();
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel(prefix)) return;
    const parsed = alertNotificationSchema.safeParse(JSON.parse(message));
    if (!parsed.success) return;
    for (const listener of listeners) listener(parsed.data);
  });
  await subscriber.subscribe(channel(prefix));
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
      await subscriber.quit();
    },
  };
}
