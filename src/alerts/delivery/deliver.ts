import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import { errorMessage, PermanentError, ThrottledError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { DeliveryRecord, Store } from '../../store/store.ts';
import { waitAll } from '../../wait-all.ts';
import type { Channel } from '../channels/channel-plugin.ts';
import type { AlertNotification } from '../notification.ts';
import type { Outbox } from './outbox.ts';
import type { ChannelRateLimiter } from './rate-limit.ts';
import type { SendLeases } from './send-lease.ts';

/** Failed tries at one channel before its message goes to the channel's fallback instead. */
export const FAILURES_BEFORE_FALLBACK = 3;

export interface DeliveryDeps {
  store: Store;
  channels: ReadonlyMap<string, Channel>;
  limiter: ChannelRateLimiter;
  outbox: Outbox;
  /** Keeps two workers from sending one message to one channel at the same moment. */
  leases: SendLeases;
  /** The channel to use when this one refuses for good or keeps failing. */
  fallbackOf(channel: string): string | null;
  /** Asks for a digest of `channel`'s outbox to be sent at `at` (one job per channel and window). */
  scheduleFlush(channel: string, window: number, at: number): Promise<void>;
  /** Told of every send's outcome, so the operators hear of a channel failing again and again. */
  channelHealth?: { record(channel: string, ok: boolean, reason?: string): Promise<void> };
  logger: Logger;
  now?: () => Date;
}

export interface DeliveryOutcome {
  delivered: string[];
  held: string[];
  /** Channels that failed in a way worth retrying: the caller fails its job so it is retried. */
  retry: string[];
}

/**
 * Sends one notification to each named channel at most once, whatever retries and workers do:
 * every attempt is recorded per (notification key, channel), and a channel that already has it,
 * or holds it for a digest, is skipped. Over a channel's rate limit the notification waits in
 * the outbox for a digest; a refusal for good, or repeated failures, send it to the channel's
 * fallback instead.
 */
export async function deliverNotification(
  deps: DeliveryDeps,
  notification: AlertNotification,
  channelNames: readonly string[],
): Promise<DeliveryOutcome> {
  const now = deps.now ?? (() => new Date());
  const outcome: DeliveryOutcome = { delivered: [], held: [], retry: [] };
  const pending = [...new Set(channelNames)];
  const visited = new Set<string>();
  while (pending.length > 0) {
    const name = pending.shift() as string;
    if (visited.has(name)) continue;
    visited.add(name);
    const channel = deps.channels.get(name);
    if (!channel) continue;
    const lease = await deps.leases.take(notification.key, name);
    if (!lease) {
      // Another worker is sending it right now: look again later, when its ledger entry is there.
      outcome.retry.push(`${name}: being sent by another worker`);
      continue;
    }
    try {
      await attempt(name, channel, lease.sentBefore);
    } finally {
      await lease.release();
    }
  }
  return outcome;

  async function attempt(name: string, channel: Channel, sentBefore: boolean): Promise<void> {
    // Read under the lease: what another worker finished a moment ago counts.
    const tried = (await deps.store.listDeliveries(notification.key)).filter((d) => d.channel === name);
    if (tried.some((d) => d.status === 'delivered' || d.status === 'held')) return;
    const fallback = () => {
      const other = deps.fallbackOf(name);
      if (other) pending.push(other);
    };
    if (tried.some((d) => d.status === 'rejected')) {
      fallback();
      return;
    }
    const record = async (status: DeliveryRecord['status'], detail: string) => {
      const attempt = tried.length + 1;
      await deps.store.recordDelivery({
        alert_key: notification.key,
        channel: name,
        status,
        attempt,
        detail,
        at: toShanghaiIso(now()),
      });
      // Every attempt is logged: alert, channel, attempt, status.
      deps.logger.info({ key: notification.key, channel: name, attempt, status }, detail);
    };
    if (sentBefore) {
      // The channel took it before, but the ledger could not say so (the store was down).
      await record('delivered', 'delivered (recorded late: the store was unavailable)');
      outcome.delivered.push(name);
      return;
    }
    const budget = await deps.limiter.take(name, channel.limits);
    if (!budget.ok) {
      await hold(deps, name, notification, budget.window, budget.retryAt);
      await record('held', 'over the rate limit: waits for the next digest');
      outcome.held.push(name);
      return;
    }
    try {
      await channel.send({ key: notification.key, notifications: [notification] });
    } catch (error) {
      const reason = errorMessage(error);
      if (!(error instanceof ThrottledError)) await deps.channelHealth?.record(name, false, reason);
      if (error instanceof ThrottledError) {
        const at = now().getTime() + error.retryAfterMs;
        await hold(deps, name, notification, Math.floor(at / 1000), at);
        await record('held', `throttled by the platform: ${reason}`);
        outcome.held.push(name);
      } else if (error instanceof PermanentError || tried.length + 1 >= FAILURES_BEFORE_FALLBACK) {
        await record('rejected', reason);
        deps.logger.error(
          { channel: name, key: notification.key, reason },
          'channel gave up on a notification',
        );
        fallback();
      } else {
        await record('failed', reason);
        outcome.retry.push(`${name}: ${reason}`);
      }
      return;
    }
    // Sent: noted in Redis first, so a store failing now makes the retry record it, not resend it,
    // and is not taken for the channel failing.
    await waitAll([deps.leases.markSent(notification.key, name), deps.channelHealth?.record(name, true)]);
    await record('delivered', 'delivered');
    outcome.delivered.push(name);
  }
}

async function hold(
  deps: DeliveryDeps,
  channel: string,
  notification: AlertNotification,
  window: number,
  at: number,
): Promise<void> {
  await deps.outbox.hold(channel, notification);
  await deps.scheduleFlush(channel, window, at);
}

/**
 * Sends what waits in a channel's outbox as one digest (at most DIGEST_MAX), if the rate limit
 * allows now; otherwise asks for another try when the window opens. Each notification in it is
 * recorded as delivered to that channel.
 */
export async function flushOutbox(deps: DeliveryDeps, channelName: string, window: number): Promise<number> {
  const channel = deps.channels.get(channelName);
  if (!channel) return 0;
  // Another worker flushing this outbox sends what waits, and asks again if more is left.
  const lease = await deps.leases.take('outbox', channelName);
  if (!lease) return 0;
  try {
    return await flushHeld(deps, channelName, channel, window);
  } finally {
    await lease.release();
  }
}

async function flushHeld(
  deps: DeliveryDeps,
  channelName: string,
  channel: Channel,
  window: number,
): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const waiting = await deps.outbox.peek(channelName);
  if (waiting.length === 0) return 0;
  // A digest the channel took before its ledger could say so (the store failed): recorded now,
  // not sent again. Its notifications lead the outbox, which is dropped from the front.
  const sentBefore = await deps.leases.sentLeading(
    waiting.map((notification) => notification.key),
    channelName,
  );
  if (sentBefore > 0) {
    await recordDigest(deps, channelName, waiting.slice(0, sentBefore), { late: true });
    return sentBefore + (await flushHeld(deps, channelName, channel, window));
  }
  const budget = await deps.limiter.take(channelName, channel.limits);
  if (!budget.ok) {
    await deps.scheduleFlush(channelName, budget.window, budget.retryAt);
    return 0;
  }
  try {
    await channel.send({ key: `digest:${channelName}:${window}:${waiting[0]?.key}`, notifications: waiting });
  } catch (error) {
    if (error instanceof ThrottledError) {
      const at = now().getTime() + error.retryAfterMs;
      await deps.scheduleFlush(channelName, Math.floor(at / 1000), at);
      return 0;
    }
    if (!(error instanceof PermanentError)) throw error;
    // The channel refuses for good: each waiting notification goes to the fallback instead.
    const fallback = deps.fallbackOf(channelName);
    for (const notification of waiting) {
      await deps.store.recordDelivery({
        alert_key: notification.key,
        channel: channelName,
        status: 'rejected',
        attempt: 1,
        detail: errorMessage(error),
        at: toShanghaiIso(now()),
      });
      if (fallback) await deliverNotification(deps, notification, [fallback]);
    }
    await deps.outbox.drop(channelName, waiting.length);
    return 0;
  }
  // Noted in Redis first, as a single send is, so a store failing now makes the retry record it.
  await deps.leases.markAllSent(
    waiting.map((notification) => notification.key),
    channelName,
  );
  await recordDigest(deps, channelName, waiting, { late: false });
  if ((await deps.outbox.size(channelName)) > 0)
    await deps.scheduleFlush(channelName, window + 1, now().getTime());
  return waiting.length;
}

/**
 * Each notification of a digest the channel took, recorded as delivered and taken out of the
 * outbox. `late`: the digest went out on an earlier try whose ledger writes failed.
 */
async function recordDigest(
  deps: DeliveryDeps,
  channelName: string,
  sent: readonly AlertNotification[],
  { late }: { late: boolean },
): Promise<void> {
  const now = deps.now ?? (() => new Date());
  const detail = late
    ? 'delivered in a digest (recorded late: the store was unavailable)'
    : `delivered in a digest of ${sent.length}`;
  for (const notification of sent) {
    // Late, some may have been recorded before the store failed part-way through.
    if (
      late &&
      (await deps.store.listDeliveries(notification.key)).some(
        (d) => d.channel === channelName && d.status === 'delivered',
      )
    )
      continue;
    await deps.store.recordDelivery({
      alert_key: notification.key,
      channel: channelName,
      status: 'delivered',
      attempt: 1,
      detail,
      at: toShanghaiIso(now()),
    });
  }
  await deps.outbox.drop(channelName, sent.length);
}
