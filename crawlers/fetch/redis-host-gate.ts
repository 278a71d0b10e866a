import { randomUUID } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import type { HostGate } from '../host-gate.ts';

/**
 * Takes a slot for a host if one is free and the gap since the last start has passed, using
 * Redis's own clock so workers on machines with skewed clocks agree. Returns 0 when taken,
 * else how many milliseconds to wait before asking again. Leases expire, so a worker that dies
 * mid-request does not hold its slot forever.
 */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local concurrency = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= concurrency then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(10, math.min(250, tonumber(first[2]) - now))
end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nextAt then return nextAt - now end
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease + 1000)
if interval > 0 then redis.call('SET', KEYS[2], now + interval, 'PX', interval + 1000) end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    takeHostSlot(
      slots: string,
      next: string,
      token: string,
      concurrency: number,
      intervalMs: number,
      leaseMs: number,
    ): Result<number, Context>;
  }
}

export interface RedisHostGateOptions {
  prefix: string;
  /** Longest a request may hold a slot (the fetcher's timeouts plus a margin). */
  leaseMs: number;
}

/** Politeness shared by every worker process: one rule per host, enforced through Redis. */
export function createRedisHostGate(redis: Redis, options: RedisHostGateOptions): HostGate {
  const keys = (host: string) => [
    `${options.prefix}:host:${host}:slots`,
    `${options.prefix}:host:${host}:next`,
  ];
  // A defined command goes as EVALSHA: the script is not sent (and hashed by Redis) per request.
  redis.defineCommand('takeHostSlot', { numberOfKeys: 2, lua: TAKE_SLOT });
  return {
    async run(host, rule, task) {
      const token = randomUUID();
      const [slots, next] = keys(host) as [string, string];
      for (;;) {
        const wait = await redis.takeHostSlot(
          slots,
          next,
          token,
          Math.max(1, rule.concurrency),
          rule.minIntervalMs,
          options.leaseMs,
        );
        if (wait <= 0) break;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      try {
        return await task();
      } finally {
        await redis.zrem(slots, token).catch(() => undefined);
      }
    },
  };
}
