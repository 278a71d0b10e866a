import type { Redis } from 'ioredis';
import { createAlertWork } from '../alerts/alert-work.ts';
import type { Channel } from '../alerts/channels/channel-plugin.ts';
import { createOutbox } from '../alerts/delivery/outbox.ts';
import { createChannelRateLimiter } from '../alerts/delivery/rate-limit.ts';
import { createSendLeases, sendLeaseMs } from '../alerts/delivery/send-lease.ts';
import { createFeedPublisher } from '../alerts/live-feed.ts';
import type { Logger } from '../logger.ts';
import type { ChannelHealth } from '../maintenance/system-probe.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { AppConfig } from '../settings/load-config.ts';
import type { Store } from '../store/store.ts';

export interface AlertWorkParts {
  store: Store;
  redis: Redis;
  channels: ReadonlyMap<string, Channel>;
  channelHealth: ChannelHealth;
  emit: Emit<'alert'>;
  logger: Logger;
}

/** The alert stage's work, wired to the config: routes, delivery state in Redis, links, roster. */
export function buildAlertWork(config: AppConfig, parts: AlertWorkParts): ReturnType<typeof createAlertWork> {
  const { store, redis, emit, logger } = parts;
  const { settings } = config;
  return createAlertWork({
    store,
    routing: config.routing,
    timings: config.routing.alerting,
    delivery: {
      store,
      channels: parts.channels,
      limiter: createChannelRateLimiter(redis, settings.redis.prefix),
      outbox: createOutbox(redis, settings.redis.prefix),
      leases: createSendLeases(redis, settings.redis.prefix, (name) =>
        sendLeaseMs(config.routing.channels[name]),
      ),
      fallbackOf: (name) => config.routing.fallbacks[name] ?? null,
      channelHealth: parts.channelHealth,
      scheduleFlush: (channel, window, at) =>
        emit([{ v: 2, type: 'flush', channel, window }], { delayMs: Math.max(0, at - Date.now()) }),
      logger,
    },
    roster: config.onCall,
    links: config.linkSecret
      ? {
          key: config.linkSecret.reveal(),
          publicUrl: settings.console.public_url,
          ttlMs: settings.console.link_ttl_h * 3_600_000,
        }
      : null,
    sourceNames: new Map(config.sources.map((source) => [source.id, source.name])),
    emit,
    feed: createFeedPublisher(redis, settings.redis.prefix),
    logger,
  });
}
