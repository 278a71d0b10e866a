import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/alerts/channels/channel-plugin.ts';
import { type DeliveryDeps, deliverNotification } from '../../../src/alerts/delivery/deliver.ts';
import { createOutbox } from '../../../src/alerts/delivery/outbox.ts';
import { createChannelRateLimiter } from '../../../src/alerts/delivery/rate-limit.ts';
import { createSendLeases } from '../../../src/alerts/delivery/send-lease.ts';
import { TransientError } from '../../../src/errors.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { createEmbeddedStore } from '../../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../../helpers/redis.ts';
import { redNotification } from '../../helpers/sample-notifications.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('delivery while the store is unavailable', () => {
  let store: Store;
  let redis: Redis;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'd.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    redis = connectTestRedis();
  });
  afterEach(async () => {
    await store.close();
    await redis.quit();
  });

  it('records on the retry what the channel took while the ledger could not, and never sends it twice', async () => {
    const sent: string[] = [];
    const channel: Channel = {
      name: 'duty-webhook',
      limits: { messages: 100, perMs: 1000, maxBytes: 100_000 },
      async send(message) {
        sent.push(message.key);
      },
      async notify() {},
    };
    let storeDown = true;
    const failures: boolean[] = [];
    const prefix = uniquePrefix('deliver');
    const deps: DeliveryDeps = {
      // The ledger refuses writes, as a locked SQLite file does, until the store comes back.
      store: {
        ...store,
        async recordDelivery(delivery) {
          if (storeDown) throw new TransientError('store recordDelivery: SQLITE_BUSY: database is locked');
          return store.recordDelivery(delivery);
        },
      },
      channels: new Map([[channel.name, channel]]),
      limiter: createChannelRateLimiter(redis, prefix),
      outbox: createOutbox(redis, prefix),
      leases: createSendLeases(redis, prefix, () => 30_000),
      fallbackOf: () => null,
      scheduleFlush: async () => {},
      channelHealth: { record: async (_name, ok) => void failures.push(ok) },
      logger: createSilentLogger(),
    };
    const notification = redNotification();

    // The job fails (and is retried) while the store is down; the channel has the message already.
    await expect(deliverNotification(deps, notification, ['duty-webhook'])).rejects.toThrow(/SQLITE_BUSY/);
    await expect(deliverNotification(deps, notification, ['duty-webhook'])).rejects.toThrow(/SQLITE_BUSY/);
    storeDown = false;
    const outcome = await deliverNotification(deps, notification, ['duty-webhook']);

    expect(sent).toEqual([notification.key]);
    expect(outcome).toEqual({ delivered: ['duty-webhook'], held: [], retry: [] });
    expect((await store.listDeliveries(notification.key)).map((d) => d.status)).toEqual(['delivered']);
    // The store failing is not the channel failing.
    expect(failures.every((ok) => ok)).toBe(true);
  });
});
