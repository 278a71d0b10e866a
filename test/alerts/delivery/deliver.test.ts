import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src/alerts/channels/channel-plugin.ts';
import { type DeliveryDeps, deliverNotification, flushOutbox } from '../../../src/alerts/delivery/deliver.ts';
import { createOutbox } from '../../../src/alerts/delivery/outbox.ts';
import { createChannelRateLimiter } from '../../../src/alerts/delivery/rate-limit.ts';
import { createSendLeases } from '../../../src/alerts/delivery/send-lease.ts';
import { TransientError } from '../../../src/errors.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { createEmbeddedStore } from '../../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../../helpers/redis.ts';
import { manyNotifications, redNotification } from '../../helpers/sample-notifications.ts';
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

  it('records on the retry a digest the channel took while the ledger failed part-way, and never sends it twice', async () => {
    const sent: string[][] = [];
    const channel: Channel = {
      name: 'duty-webhook',
      limits: { messages: 100, perMs: 1000, maxBytes: 100_000 },
      async send(message) {
        sent.push(message.notifications.map((n) => n.key));
      },
      async notify() {},
    };
    // The ledger takes two records, then refuses, as a file locked mid-digest does.
    let recordsLeft = 2;
    const prefix = uniquePrefix('digest');
    const outbox = createOutbox(redis, prefix);
    const deps: DeliveryDeps = {
      store: {
        ...store,
        async recordDelivery(delivery) {
          if (recordsLeft-- <= 0)
            throw new TransientError('store recordDelivery: SQLITE_BUSY: database is locked');
          return store.recordDelivery(delivery);
        },
      },
      channels: new Map([[channel.name, channel]]),
      limiter: createChannelRateLimiter(redis, prefix),
      outbox,
      leases: createSendLeases(redis, prefix, () => 30_000),
      fallbackOf: () => null,
      scheduleFlush: async () => {},
      logger: createSilentLogger(),
    };
    const held = manyNotifications(5);
    for (const notification of held) await outbox.hold('duty-webhook', notification);

    await expect(flushOutbox(deps, 'duty-webhook', 1)).rejects.toThrow(/SQLITE_BUSY/);
    recordsLeft = Number.POSITIVE_INFINITY;
    // Meanwhile one more notification waits: it goes out in a digest of its own.
    const later = redNotification({ key: 'evt-later:red:1' });
    await outbox.hold('duty-webhook', later);
    expect(await flushOutbox(deps, 'duty-webhook', 1)).toBe(6);

    expect(sent).toEqual([held.map((n) => n.key), [later.key]]);
    for (const notification of [...held, later])
      expect((await store.listDeliveries(notification.key)).map((d) => d.status)).toEqual(['delivered']);
    expect(await outbox.size('duty-webhook')).toBe(0);
  });
});
