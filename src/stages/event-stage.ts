import { channelsFor } from '../alerts/route.ts';
import type { RoutingConfig } from '../alerts/routing-schema.ts';
import type { Level } from '../domain/classification.ts';
import { ConflictError } from '../errors.ts';
import type { EventConfig } from '../events/event-config.ts';
import type { EventIndex } from '../events/event-index.ts';
import { eventLevel } from '../events/event-level.ts';
import { addPost, type EventRecord, newEvent } from '../events/event-record.ts';
import type { LeadIntake } from '../leads/lead-intake.ts';
import { onlineIntake, onlineSource } from '../leads/online-lead.ts';
import type { Item, Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { Store } from '../store/store.ts';

export interface EventStageDeps {
  store: Store;
  index: EventIndex;
  config: EventConfig;
  routing: RoutingConfig;
  emit: Emit<'alert'>;
  /** Posts the rules call leads become online-sourced leads, linked to their event. */
  leads?: LeadIntake;
}

export interface EventResult {
  event_id: string;
  level: Level;
  created: boolean;
  posts: number;
}

/** Tries at writing the event before giving the job back to the queue (another writer won each time). */
const WRITE_TRIES = 5;

/**
 * Puts each post of a batch into its event — the one whose texts are near-duplicates of it, or
 * that names the same organisation in the same town within the window — or starts a new one;
 * works out the event's level; and asks the alert stage to consider each event the batch
 * touched, once per level reached. The queue runs this one job at a time across all workers, and
 * the posts go one after another, so two related posts never start two events.
 */
export function createEventStage(deps: EventStageDeps) {
  const place = placePost(deps);
  return async (items: readonly Item<'event'>[]): Promise<EventResult[]> => {
    const results: EventResult[] = [];
    // One notice per event and level reached, keyed so repeats within the batch fold.
    const notices = new Map<string, Payload<'alert'>>();
    await deps.index.refresh(items.map(({ post }) => post.id));
    for (const item of items) {
      const result = await place(item);
      results.push(result);
      if (channelsFor(deps.routing, result.level).length > 0)
        notices.set(`${result.event_id} ${result.level}`, {
          v: 2,
          type: 'notify',
          event_id: result.event_id,
          level: result.level,
        });
    }
    // Asked every time: the alert stage decides from its own state whether anything is due,
    // so a crash between writing the events and asking cannot lose a notification.
    await deps.emit([...notices.values()]);
    return results;
  };
}

function placePost(deps: EventStageDeps) {
  const limits = { maxPosts: deps.config.max_posts, maxFingerprints: deps.config.max_fingerprints };
  return async ({ post, classification, fingerprint }: Item<'event'>): Promise<EventResult> => {
    const input = { post, classification, fingerprint };
    const matched =
      deps.index.eventOfPost(post.id) ??
      deps.index.match(
        post.published_at,
        fingerprint,
        deps.config.simhash_max_distance,
        classification.orgs,
        classification.town,
      );
    for (let attempt = 1; ; attempt++) {
      const current = matched ? await deps.store.getRecord<EventRecord>('event', matched) : null;
      const grown = current ? addPost(current.data, input, limits) : newEvent(input, limits);
      const { level, reasons, repeatOffender } = eventLevel(grown, deps.config);
      const event: EventRecord = { ...grown, level, level_reasons: reasons, repeat_offender: repeatOffender };
      try {
        await deps.store.putRecord('event', event.id, event, current?.version ?? null);
      } catch (error) {
        if (error instanceof ConflictError && attempt < WRITE_TRIES) continue;
        throw error;
      }
      await deps.index.remember(event, post.id);
      if (classification.lead && deps.leads)
        await deps.leads.intake(
          onlineSource(post),
          onlineIntake(post, classification, event.id),
          '系统（网络舆情）',
        );
      return { event_id: event.id, level, created: current === null, posts: event.post_count };
    }
  };
}
