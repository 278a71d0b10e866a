import type { AlertMessage } from '../alerts/alert-message.ts';
import type { Channel } from '../alerts/channels/channel.ts';
import { channelsFor } from '../alerts/route.ts';
import type { RoutingConfig } from '../alerts/routing-schema.ts';
import { type Level, levelRank } from '../domain/classification.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { errorMessage, PermanentError, TransientError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Payload } from '../queues/payloads.ts';
import type { DeliveryRecord, Store } from '../store/store.ts';

export interface AlertStageDeps {
  store: Store;
  routing: RoutingConfig;
  channels: ReadonlyMap<string, Channel>;
  logger: Logger;
  now?: () => Date;
}

export interface AlertResult {
  key: string;
  level: Level;
  status: 'raised' | 'repeat' | 'superseded';
  delivered: string[];
}

/**
 * Records the alert once and delivers it to each routed channel at most once: a channel that
 * already has it is skipped, so a retry after a partial failure resends only what is missing.
 * A channel that refuses for good (4xx) is recorded as rejected and not tried again; any other
 * failure fails the job so it is retried with backoff.
 */
export function createAlertStage(deps: AlertStageDeps) {
  const now = deps.now ?? (() => new Date());
  return async ({ alert }: Payload<'alert'>): Promise<AlertResult> => {
    const log = deps.logger.child({ alert: alert.key });
    const earlier = await deps.store.alertsForPost(alert.post_id);
    if (earlier.some((a) => a.key !== alert.key && levelRank(a.level) >= levelRank(alert.level))) {
      return { key: alert.key, level: alert.level, status: 'superseded', delivered: [] };
    }
    const created = await deps.store.recordAlert({
      key: alert.key,
      post_id: alert.post_id,
      level: alert.level,
      title: alert.title,
      created_at: toShanghaiIso(now()),
    });
    const history = await deps.store.listDeliveries(alert.key);
    const delivered: string[] = [];
    const retryable: string[] = [];
    for (const name of channelsFor(deps.routing, alert.level)) {
      const channel = deps.channels.get(name);
      const tried = history.filter((d) => d.channel === name);
      if (!channel || tried.some((d) => d.status !== 'failed')) continue;
      const record = await deliver(channel, alert, tried.length + 1, now);
      await deps.store.recordDelivery(record);
      log.info({ channel: name, attempt: record.attempt, status: record.status }, record.detail);
      if (record.status === 'delivered') delivered.push(name);
      if (record.status === 'failed') retryable.push(`${name}: ${record.detail}`);
    }
    if (retryable.length > 0)
      throw new TransientError(`alert ${alert.key} not delivered to ${retryable.join('; ')}`);
    return { key: alert.key, level: alert.level, status: created ? 'raised' : 'repeat', delivered };
  };
}

async function deliver(
  channel: Channel,
  alert: AlertMessage,
  attempt: number,
  now: () => Date,
): Promise<DeliveryRecord> {
  const base = { alert_key: alert.key, channel: channel.name, attempt };
  try {
    await channel.send(alert);
    return { ...base, status: 'delivered', detail: 'delivered', at: toShanghaiIso(now()) };
  } catch (error) {
    const status = error instanceof PermanentError ? 'rejected' : 'failed';
    return { ...base, status, detail: errorMessage(error), at: toShanghaiIso(now()) };
  }
}
