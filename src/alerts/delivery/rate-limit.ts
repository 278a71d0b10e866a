import type { Redis } from 'ioredis';
import type { ChannelLimits } from '../channels/channel-plugin.ts';

/**
 * A fixed-window counter per channel in Redis, shared by every worker: the platform's limit is
 * per robot, not per process. `take` says yes, or when the current window ends.
 */
export function createChannelRateLimiter(redis: Redis, prefix: string, now: () => number = Date.now) {
  return {
    async take(
      channel: string,
      limits: ChannelLimits,
    ): Promise<{ ok: true } | { ok: false; window: number; retryAt: number }> {
      const window = Math.floor(now() / limits.perMs);
      const key = `${prefix}:rate:${channel}:${window}`;
      const [[, used]] = (await redis
        .multi()
        .incr(key)
        .pexpire(key, limits.perMs * 2)
        .exec()) as [[null, number]];
      if (used <= limits.messages) return { ok: true };
      return { ok: false, window, retryAt: (window + 1) * limits.perMs };
    },
  };
}

export type ChannelRateLimiter = ReturnType<typeof createChannelRateLimiter>;
