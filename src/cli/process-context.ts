import type { Logger } from '../logger.ts';
import { startPrivateRedis } from '../redis/private-redis.ts';
import type { AppConfig } from '../settings/load-config.ts';

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

/** `REDIS_URL` when configured; otherwise a private redis-server under the data dir. */
export async function ensureRedis(config: AppConfig, logger: Logger): Promise<RedisHandle> {
  if (config.settings.redis.url) return { url: config.settings.redis.url, stop: async () => undefined };
  return startPrivateRedis({ dataDir: config.settings.data_dir, logger });
}

/**
 * Resolves on the first SIGINT or SIGTERM. A second signal while shutting down exits at once:
 * the person pressing Ctrl-C twice means it.
 */
export function untilSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        logger.warn({ signal }, 'second signal: exiting without waiting');
        process.exit(130);
      }
      received = signal;
      logger.info({ signal }, 'stopping: no new jobs, finishing active ones');
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
