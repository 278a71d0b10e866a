import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Store } from '../store/store.ts';

export type EventAction = 'acknowledge' | 'resolve';

/**
 * Records that somebody took an event on (no more reminders or escalations) or closed it, with
 * who, how and when in the audit log. Re-reads and tries again if another writer got there
 * first; acknowledging an event already acknowledged or resolved changes nothing.
 */
export async function actOnEvent(
  store: Store,
  eventId: string,
  action: EventAction,
  actor: { who: string; via: string; reason?: string },
  now: Date = new Date(),
): Promise<{ changed: boolean; event: EventRecord }> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.getRecord<EventRecord>('event', eventId);
    if (!current) throw new PermanentError(`no event ${eventId}`, { code: 'unknown_event' });
    const event = current.data;
    const done = action === 'acknowledge' ? event.status !== 'open' : event.status === 'resolved';
    if (done) return { changed: false, event };
    const stamp = { by: `${actor.who}（${actor.via}）`, at: toShanghaiIso(now) };
    const next: EventRecord =
      action === 'acknowledge'
        ? { ...event, status: 'acknowledged', acknowledged: stamp }
        : { ...event, status: 'resolved', resolved: stamp, acknowledged: event.acknowledged ?? stamp };
    try {
      await store.putRecord('event', eventId, next, current.version);
    } catch (error) {
      if (error instanceof ConflictError && attempt < 5) continue;
      throw error;
    }
    await store.appendAudit({
      at: stamp.at,
      actor: actor.who,
      action: action === 'acknowledge' ? 'event.acknowledge' : 'event.resolve',
      target_kind: 'event',
      target_id: eventId,
      reason: actor.reason ?? `via ${actor.via}`,
      before: { status: event.status },
      after: { status: next.status },
    });
    return { changed: true, event: next };
  }
}
