import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ChannelConfig } from '../routing-schema.ts';

/** Time past a channel's own timeouts before a lease is presumed dead (its holder crashed). */
const LEASE_MARGIN_MS = 5000;
/** How long a "sent" mark outlives the send: far longer than any job's retries. */
const SENT_KEEP_S = 86_400;

// Deletes the lease only while it is still ours: an expired lease may already be another's.
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * A short lease per (message, channel) in Redis, so that of two workers about to send the same
 * message to the same channel only one does; the other finds the ledger settled afterwards.
 * A lease outlives the longest send the channel allows, then lapses, so a worker killed while
 * sending hands the message to whoever retries after it. A "sent" mark per (message, channel)
 * remembers what a channel took until the ledger has recorded it.
 */
export function createSendLeases(redis: Redis, prefix: string, ttlFor: (channel: string) => number) {
  const key = (messageKey: string, channel: string) => `${prefix}:sending:${channel}:${messageKey}`;
  const sent = (messageKey: string, channel: string) => `${prefix}:sent:${channel}:${messageKey}`;
  return {
    /**
     * The lease when it is ours, null when another worker holds it. Whether the channel took the
     * message before is read in the same transaction: only a lease holder marks it sent, so what
     * holds when the lease is taken holds until it is released.
     */
    async take(messageKey: string, channel: string): Promise<SendLease | null> {
      const token = randomUUID();
      const lease = key(messageKey, channel);
      const [[leaseError, got], [markError, marks]] = (await redis
        .multi()
        .set(lease, token, 'PX', ttlFor(channel), 'NX')
        .exists(sent(messageKey, channel))
        .exec()) as [[Error | null, string | null], [Error | null, number]];
      if (leaseError || markError) throw leaseError ?? markError;
      if (got !== 'OK') return null;
      return {
        sentBefore: marks === 1,
        release: async () => {
          await redis.eval(RELEASE_SCRIPT, 1, lease, token);
        },
      };
    },
    /** Notes that the channel accepted the message, before the ledger is written. */
    async markSent(messageKey: string, channel: string): Promise<void> {
      await redis.set(sent(messageKey, channel), '1', 'EX', SENT_KEEP_S);
    },
    /** The same for every message of a digest, in one round trip. */
    async markAllSent(messageKeys: readonly string[], channel: string): Promise<void> {
      const multi = redis.multi();
      for (const messageKey of messageKeys) multi.set(sent(messageKey, channel), '1', 'EX', SENT_KEEP_S);
      await multi.exec();
    },
    /** How many of `messageKeys`, from the first, the channel took already. */
    async sentLeading(messageKeys: readonly string[], channel: string): Promise<number> {
      if (messageKeys.length === 0) return 0;
      const marks = await redis.mget(...messageKeys.map((messageKey) => sent(messageKey, channel)));
      const first = marks.indexOf(null);
      return first === -1 ? marks.length : first;
    },
  };
}

export type SendLeases = ReturnType<typeof createSendLeases>;

export interface SendLease {
  /** The channel took the message on an earlier try whose ledger entry was not written. */
  sentBefore: boolean;
  release(): Promise<void>;
}

/** The longest one send to a channel of this configuration may take, plus a margin. */
export function sendLeaseMs(config: ChannelConfig | undefined): number {
  if (!config) return LEASE_MARGIN_MS;
  switch (config.kind) {
    case 'console':
      return LEASE_MARGIN_MS;
    case 'email':
      return (
        (config.connection_timeout_s + config.greeting_timeout_s + config.socket_timeout_s) * 1000 +
        LEASE_MARGIN_MS
      );
    default:
      return config.timeout_s * 1000 + LEASE_MARGIN_MS;
  }
}
