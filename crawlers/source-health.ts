import type { Redis } from 'ioredis';
import type { BlockedPage } from './page.ts';

/** What operators need to know about one source. Times are epoch milliseconds. */
export interface SourceHealth {
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  lastError: string | null;
  /** Since when every pass has failed; null while the source works. */
  failingSince: number | null;
  consecutiveFailures: number;
  /** `ok`, or what the platform's last block page said (credentials expired, captcha …). */
  credentialState: 'ok' | BlockedPage['reason'];
  /** When a pass last brought a post not seen before. */
  lastNewPostAt: number | null;
  /** Posts new or edited in the latest pass of the last 24 hours; null without one. */
  lastPassNewPosts: number | null;
  /** Over the last 24 hours. */
  passes24h: number;
  failures24h: number;
  newPosts24h: number;
}

export interface PassOutcome {
  at: number;
  /** Posts new or edited since the last pass. */
  fresh: number;
  blocked: BlockedPage | null;
}

const DAY_MS = 86_400_000;

/**
 * Source health in Redis, shared by every worker: a hash of the latest facts and a day of pass
 * outcomes (for error rate and items per hour). A blocked pass counts as a failure: "no posts
 * because the login expired" must never look like "no posts".
 */
export function createSourceHealth(redis: Redis, prefix: string) {
  const keys = (sourceId: string) => ({
    state: `${prefix}:health:${sourceId}`,
    passes: `${prefix}:health:${sourceId}:passes`,
  });
  const logPass = async (sourceId: string, at: number, ok: boolean, fresh: number) => {
    const key = keys(sourceId).passes;
    await redis
      .multi()
      .zadd(key, at, `${at}:${ok ? 1 : 0}:${fresh}:${Math.random().toString(36).slice(2, 8)}`)
      .zremrangebyscore(key, '-inf', at - DAY_MS)
      .pexpire(key, 2 * DAY_MS)
      .exec();
  };
  const recordFailure = async (sourceId: string, at: number, reason: string): Promise<void> => {
    const key = keys(sourceId).state;
    await redis
      .multi()
      .hset(key, { last_failure_at: at, last_error: reason.slice(0, 500) })
      .hsetnx(key, 'failing_since', at)
      .hincrby(key, 'consecutive_failures', 1)
      .exec();
    await logPass(sourceId, at, false, 0);
  };

  return {
    async recordPass(sourceId: string, outcome: PassOutcome): Promise<void> {
      const key = keys(sourceId).state;
      if (outcome.blocked) {
        await recordFailure(sourceId, outcome.at, `${outcome.blocked.reason}: ${outcome.blocked.detail}`);
        await redis.hset(key, 'credential_state', outcome.blocked.reason);
        return;
      }
      await redis
        .multi()
        .hset(key, {
          last_success_at: outcome.at,
          consecutive_failures: 0,
          credential_state: 'ok',
          ...(outcome.fresh > 0 ? { last_new_post_at: outcome.at } : {}),
        })
        .hdel(key, 'failing_since')
        .exec();
      await logPass(sourceId, outcome.at, true, outcome.fresh);
    },
    recordFailure,
    async read(sourceId: string, now: number = Date.now()): Promise<SourceHealth> {
      const { state, passes } = keys(sourceId);
      const [fields, recent] = await Promise.all([
        redis.hgetall(state),
        redis.zrangebyscore(passes, now - DAY_MS, '+inf'),
      ]);
      const number = (name: string) => (fields[name] === undefined ? null : Number(fields[name]));
      const outcomes = recent.map((member) => member.split(':'));
      return {
        lastSuccessAt: number('last_success_at'),
        lastFailureAt: number('last_failure_at'),
        lastError: fields.last_error ?? null,
        failingSince: number('failing_since'),
        consecutiveFailures: number('consecutive_failures') ?? 0,
        credentialState: (fields.credential_state as SourceHealth['credentialState'] | undefined) ?? 'ok',
        lastNewPostAt: number('last_new_post_at'),
        // Members come oldest first (by score), so the last one is the latest pass.
        lastPassNewPosts: outcomes.length === 0 ? null : Number(outcomes.at(-1)?.[2] ?? 0),
        passes24h: outcomes.length,
        failures24h: outcomes.filter((o) => o[1] === '0').length,
        newPosts24h: outcomes.reduce((sum, o) => sum + Number(o[2] ?? 0), 0),
      };
    },
  };
}

export type SourceHealthStore = ReturnType<typeof createSourceHealth>;
