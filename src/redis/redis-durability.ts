import type { Redis } from 'ioredis';
import { errorMessage, WagewatchError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { redactUrl } from './redis-connection.ts';

/** What the settings ask of Redis: `profile` and `redis.durability_verified` in `config/default.yaml`. */
export interface DurabilityPolicy {
  /** production refuses a Redis that can lose jobs; development only warns. */
  profile: 'production' | 'development';
  /** The operator has checked persistence and eviction themselves (managed Redis without CONFIG). */
  verified: boolean;
}

/** The two Redis settings queued jobs depend on, or why they could not be read. */
export type DurabilityReading =
  | { readable: true; appendonly: string; policy: string }
  | { readable: false; reason: string };

export type DurabilityVerdict =
  | { kind: 'ok' }
  | { kind: 'warn' | 'refuse'; zh: string; en: string; fix: { zh: string; en: string } };

const DEVELOPMENT_ZH = '仅供开发测试时可设 profile: development（WAGEWATCH_PROFILE=development），此时只警告';
const DEVELOPMENT_EN =
  'for development only, profile: development (WAGEWATCH_PROFILE=development) warns instead';
const FIX_SETTINGS = {
  zh:
    '在 redis.conf 中设置 appendonly yes 与 maxmemory-policy noeviction（运行中：CONFIG SET appendonly yes；' +
    `CONFIG SET maxmemory-policy noeviction；CONFIG REWRITE）；${DEVELOPMENT_ZH}`,
  en:
    'set `appendonly yes` and `maxmemory-policy noeviction` in redis.conf (at runtime: CONFIG SET appendonly yes; ' +
    `CONFIG SET maxmemory-policy noeviction; CONFIG REWRITE); ${DEVELOPMENT_EN}`,
};
const FIX_UNREADABLE = {
  zh:
    '确认该 Redis 持久化每次写入（AOF）且从不逐出后，设置 redis.durability_verified: true' +
    `（WAGEWATCH_REDIS_DURABILITY_VERIFIED=true）；${DEVELOPMENT_ZH}`,
  en:
    'once you have verified that this Redis persists every write (AOF) and never evicts, set ' +
    `redis.durability_verified: true (WAGEWATCH_REDIS_DURABILITY_VERIFIED=true); ${DEVELOPMENT_EN}`,
};

/**
 * Decides from the reading alone. Queues, schedules and seen posts live only in Redis: without an
 * append-only file a restart forgets them, and an evicting policy drops them under memory pressure.
 */
export function judgeDurability(reading: DurabilityReading, policy: DurabilityPolicy): DurabilityVerdict {
  const severity = policy.profile === 'production' ? 'refuse' : 'warn';
  if (!reading.readable) {
    if (policy.verified) return { kind: 'ok' };
    return {
      kind: severity,
      zh: `无法读取 Redis 的 appendonly 与 maxmemory-policy（${reading.reason}），不能确认排队任务不会丢失`,
      en: `cannot read Redis appendonly and maxmemory-policy (${reading.reason}), so queued jobs may not survive`,
      fix: FIX_UNREADABLE,
    };
  }
  const zh: string[] = [];
  const en: string[] = [];
  if (reading.appendonly !== 'yes') {
    zh.push(`appendonly 为 ${reading.appendonly}，Redis 重启即丢失排队任务`);
    en.push(`appendonly is "${reading.appendonly}": a Redis restart forgets queued jobs`);
  }
  if (reading.policy !== 'noeviction') {
    zh.push(`maxmemory-policy 为 ${reading.policy}，内存不足时会逐出任务`);
    en.push(`maxmemory-policy is "${reading.policy}": jobs are evicted under memory pressure`);
  }
  if (zh.length === 0) return { kind: 'ok' };
  return { kind: severity, zh: zh.join('；'), en: en.join('; '), fix: FIX_SETTINGS };
}

/** CONFIG GET of each (one at a time: Redis before 7 takes one); a forbidden CONFIG is a reading too. */
export async function readDurability(redis: Redis): Promise<DurabilityReading> {
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    if (appendonly === undefined || policy === undefined) {
      return { readable: false, reason: 'CONFIG GET answered without them' };
    }
    return { readable: true, appendonly, policy };
  } catch (error) {
    return { readable: false, reason: `CONFIG GET: ${errorMessage(error)}` };
  }
}

/**
 * Checks the Redis a process is about to work on: in production an unsafe or unreadable one stops
 * the start (exit code 2, the message says which setting to change); in development it is logged.
 */
export async function checkRedisDurability(
  redis: Redis,
  url: string,
  policy: DurabilityPolicy,
  logger: Logger,
): Promise<void> {
  const reading = await readDurability(redis);
  const verdict = judgeDurability(reading, policy);
  if (verdict.kind === 'ok') {
    if (!reading.readable) logger.info({ reason: reading.reason }, 'Redis durability taken as verified');
    return;
  }
  if (verdict.kind === 'warn') {
    logger.warn({ profile: policy.profile, ...reading }, `${verdict.en}; ${verdict.zh}`);
    return;
  }
  throw new WagewatchError(
    'redis_not_durable',
    `生产配置（profile: production）拒绝使用 Redis ${redactUrl(url)}：${verdict.zh}。\n` +
      `  修复：${verdict.fix.zh}。\n` +
      `The production profile refuses Redis ${redactUrl(url)}: ${verdict.en}.\n` +
      `  Fix: ${verdict.fix.en}.`,
  );
}
