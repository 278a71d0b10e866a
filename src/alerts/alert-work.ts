import { ConflictError, TransientError } from '../errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Logger } from '../logger.ts';
import type { Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { Store, VersionedRecord } from '../store/store.ts';
import { waitAll } from '../wait-all.ts';
import { ackToken, ackUrl } from './ack-link.ts';
import {
  type AlertState,
  type AlertTimings,
  afterSending,
  decideAlert,
  emptyAlertState,
} from './alert-decision.ts';
import { type DeliveryDeps, deliverNotification, flushOutbox } from './delivery/deliver.ts';
import { notificationFor } from './event-notification.ts';
import type { AlertNotification } from './notification.ts';
import { type Duty, dutyAt, type OnCallRoster } from './oncall.ts';
import { channelsFor } from './route.ts';
import type { RoutingConfig } from './routing-schema.ts';
import { type Silence, silenceFor } from './silences.ts';

export interface AlertWorkDeps {
  store: Store;
  routing: RoutingConfig;
  timings: AlertTimings;
  delivery: DeliveryDeps;
  /** The duty roster; without one, nobody is escalated to and routes alone are used. */
  roster: OnCallRoster | null;
  /** Signing key and console address for acknowledgement links; null: messages carry none. */
  links: { key: string; publicUrl: string; ttlMs: number } | null;
  sourceNames: ReadonlyMap<string, string>;
  emit: Emit<'alert'>;
  /** Tells the open consoles of each notification as it goes out. */
  feed?: (notification: AlertNotification) => Promise<void>;
  logger: Logger;
  now?: () => Date;
}

export interface AlertWorkResult {
  event_id: string;
  outcome: string;
  level?: Exclude<EventRecord['level'], 'none'>;
  key?: string;
  delivered?: string[];
  held?: string[];
}

/** A reminder, an escalation, or a second look happens this long after asked, at the soonest. */
const MIN_DELAY_MS = 1000;
/** Escalation rounds after which the leader is no longer paged (they have been paged all along). */
const MAX_ESCALATION_STEPS = 48;

/**
 * The alert stage's three kinds of work: consider an event (tell the people on duty, or not,
 * and plan the next look), escalate an unacknowledged one to the next person on the roster,
 * and flush a channel's held-back notifications as a digest.
 */
export function createAlertWork(deps: AlertWorkDeps) {
  const now = deps.now ?? (() => new Date());
  const alertKinds = ['red', 'orange', 'yellow', 'blue'] as const;
  const routed = (level: (typeof alertKinds)[number]) => channelsFor(deps.routing, level).length > 0;
  const linkFor = (eventId: string) =>
    deps.links
      ? ackUrl(
          deps.links.publicUrl,
          ackToken(deps.links.key, eventId, new Date(now().getTime() + deps.links.ttlMs)),
        )
      : null;

  /** The live feed is a courtesy to open consoles: its failure never fails a delivery. */
  async function publish(notification: AlertNotification): Promise<void> {
    await deps.feed?.(notification).catch((error) => deps.logger.warn({ err: error }, 'live feed not told'));
  }

  async function silences(): Promise<Silence[]> {
    return (await deps.store.listRecords<Silence>('silence', { limit: 1000 })).map((r) => r.data);
  }

  async function notify(eventId: string): Promise<AlertWorkResult> {
    for (let attempt = 1; ; attempt++) {
      const event = (await deps.store.getRecord<EventRecord>('event', eventId))?.data;
      if (!event) return { event_id: eventId, outcome: 'no such event' };
      const stateRecord = await deps.store.getRecord<AlertState>('alert-state', eventId);
      const state = stateRecord?.data ?? emptyAlertState(eventId);
      if (state.pending) {
        // A message decided earlier did not reach every channel: finish it first.
        const { key, kind, level, at } = state.pending;
        const result = await send(event, key, kind, level, new Date(at));
        await settle(eventId, key);
        return result;
      }
      const at = now();
      const decision = decideAlert(event, state, {
        routed,
        timings: deps.timings,
        silence: silenceFor(event, await silences(), at),
        now: at,
      });
      if (!decision.send) {
        if (decision.recheckAt) await lookAgain(event, decision.recheckAt);
        return { event_id: eventId, outcome: decision.reason };
      }
      // Claim the message first: of two workers deciding at once, one writes and the other
      // re-reads and finds it pending (and finishes it, which the ledger makes harmless).
      let claimed: VersionedRecord<AlertState>;
      try {
        claimed = await deps.store.putRecord(
          'alert-state',
          eventId,
          afterSending(state, decision, at),
          stateRecord?.version ?? null,
        );
      } catch (error) {
        if (error instanceof ConflictError && attempt < 5) continue;
        throw error;
      }
      const result = await send(event, decision.key, decision.kind, decision.level, at);
      await settle(eventId, decision.key, claimed);
      return result;
    }
  }

  /**
   * Marks a message delivered everywhere it could be, unless something newer took its place.
   * `claimed`, the state this worker wrote when it claimed the message, saves reading it again
   * while nobody has written since.
   */
  async function settle(eventId: string, key: string, claimed?: VersionedRecord<AlertState>): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const record =
        attempt === 1 && claimed ? claimed : await deps.store.getRecord<AlertState>('alert-state', eventId);
      if (!record || record.data.pending?.key !== key) return;
      try {
        await deps.store.putRecord('alert-state', eventId, { ...record.data, pending: null }, record.version);
        return;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }

  async function send(
    event: EventRecord,
    key: string,
    kind: 'raised' | 'level_up' | 'repeat',
    level: Exclude<EventRecord['level'], 'none'>,
    at: Date,
  ): Promise<AlertWorkResult> {
    const duty = deps.roster ? dutyAt(deps.roster, at) : null;
    const wantsAck = deps.timings[level].ack_within_m !== undefined;
    const channels = [
      ...channelsFor(deps.routing, level),
      ...(wantsAck && duty ? duty.primary.channels : []),
    ];
    const notification = notificationFor(event, {
      key,
      kind,
      level,
      sourceNames: deps.sourceNames,
      ackUrl: linkFor(event.id),
      recipients: wantsAck && duty ? [`${duty.primary.name}（值班）`] : [],
      now: at,
    });
    await deps.store.recordAlert({
      key,
      post_id: event.representative_post_id,
      level,
      title: notification.title,
      created_at: at.toISOString(),
    });
    const outcome = await deliverNotification(deps.delivery, notification, channels);
    await publish(notification);
    if (outcome.retry.length > 0)
      throw new TransientError(`notification ${key} not yet delivered to ${outcome.retry.join('; ')}`);
    const ackWithin = deps.timings[level].ack_within_m;
    // The reminder and the escalation are jobs of their own (each has its delay); asked for side by side.
    await waitAll([
      lookAgain(event, new Date(at.getTime() + deps.timings[level].repeat_interval_m * 60_000)),
      ackWithin !== undefined && kind !== 'repeat'
        ? deps.emit([{ v: 2, type: 'escalate', event_id: event.id, notification_key: key, step: 1 }], {
            delayMs: ackWithin * 60_000,
          })
        : undefined,
    ]);
    return {
      event_id: event.id,
      outcome: kind,
      level,
      key,
      delivered: outcome.delivered,
      held: outcome.held,
    };
  }

  /** Plans a reminder check: a notify job tagged with when it is due, so it is its own job. */
  async function lookAgain(event: EventRecord, due: Date): Promise<void> {
    if (event.level === 'none') return;
    await deps.emit(
      [{ v: 2, type: 'notify', event_id: event.id, level: event.level, tag: `recheck-${due.getTime()}` }],
      {
        delayMs: Math.max(MIN_DELAY_MS, due.getTime() - now().getTime()),
      },
    );
  }

  async function escalate(work: Extract<Payload<'alert'>, { type: 'escalate' }>): Promise<AlertWorkResult> {
    const event = (await deps.store.getRecord<EventRecord>('event', work.event_id))?.data;
    if (!event) return { event_id: work.event_id, outcome: 'no such event' };
    if (event.status !== 'open') return { event_id: event.id, outcome: `stopped: ${event.status}` };
    const at = now();
    const level = event.level === 'none' ? 'orange' : event.level;
    const ackWithin = deps.timings[level].ack_within_m ?? deps.timings.orange.ack_within_m ?? 15;
    const duty = deps.roster ? dutyAt(deps.roster, at) : null;
    const people = escalationTargets(duty, work.step);
    const key = `${work.notification_key}:escalate:${work.step}`;
    if (people.length > 0) {
      const notification = notificationFor(event, {
        key,
        kind: 'escalated',
        level,
        sourceNames: deps.sourceNames,
        ackUrl: linkFor(event.id),
        recipients: people.map((p) => p.label),
        now: at,
      });
      await deps.store.recordAlert({
        key,
        post_id: event.representative_post_id,
        level,
        title: notification.title,
        created_at: at.toISOString(),
      });
      const outcome = await deliverNotification(
        deps.delivery,
        notification,
        people.flatMap((p) => p.channels),
      );
      await publish(notification);
      if (outcome.retry.length > 0)
        throw new TransientError(`escalation ${key} not yet delivered to ${outcome.retry.join('; ')}`);
    } else {
      deps.logger.warn(
        { event: event.id, step: work.step },
        'no one on the roster to escalate to at this time',
      );
    }
    if (work.step < MAX_ESCALATION_STEPS) {
      await deps.emit([{ ...work, step: work.step + 1 }], { delayMs: ackWithin * 60_000 });
    }
    return { event_id: event.id, outcome: `escalated step ${work.step}`, key };
  }

  return {
    async handle(work: Payload<'alert'>): Promise<AlertWorkResult> {
      if (work.type === 'notify') return notify(work.event_id);
      if (work.type === 'escalate') return escalate(work);
      const sent = await flushOutbox(deps.delivery, work.channel, work.window);
      return { event_id: '', outcome: `digest of ${sent} to ${work.channel}` };
    },
  };
}

/** Step 1 pages the second on duty; every later step pages the leader too, until somebody acknowledges. */
function escalationTargets(duty: Duty | null, step: number): { label: string; channels: string[] }[] {
  if (!duty) return [];
  const secondary = { label: `${duty.secondary.name}（副班）`, channels: duty.secondary.channels };
  const leader = { label: `${duty.leader.name}（带班领导）`, channels: duty.leader.channels };
  return step === 1 ? [secondary] : [secondary, leader];
}
