import { channelsFor } from '../alerts/route.ts';
import type { RoutingConfig } from '../alerts/routing-schema.ts';
import type { Level } from '../domain/classification.ts';
import { ConflictError } from '../errors.ts';
import type { EventConfig } from '../events/event-config.ts';
import type { EventIndex } from '../events/event-index.ts';
import { eventLevel } from '../events/event-level.ts';
import { addPost, type EventInput, type EventRecord, newEvent } from '../events/event-record.ts';
import type { LeadIntake } from '../leads/lead-intake.ts';
import { onlineIntake, onlineSource } from '../leads/online-lead.ts';
import type { Item, Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { Store, VersionedRecord } from '../store/store.ts';
import { waitAll } from '../wait-all.ts';

export interface EventStageDeps {
  store: Store;
  index: EventIndex;
  config: EventConfig;
  routing: RoutingConfig;
  emit: Emit<'alert'>;
  /** Posts the rules call leads become online-sourced leads, linked to their event. */
  leads?: Pick<LeadIntake, 'intakeAll'>;
}

export interface EventResult {
  event_id: string;
  level: Level;
  created: boolean;
  posts: number;
}

/** Tries at writing an event before giving the job back to the queue (another writer won each time). */
const WRITE_TRIES = 5;

/** One event the batch touched: as stored before it, and the batch's posts in it, in order. */
interface Touched {
  stored: VersionedRecord<EventRecord> | null;
  inputs: { input: EventInput; position: number }[];
  /** The event as grown by the batch so far. */
  event: EventRecord;
}

/**
 * Puts each post of a batch into its event — the one whose texts are near-duplicates of it, or
 * that names the same organisation in the same town within the window — or starts a new one;
 * works out the event's level after each post; and asks the alert stage to consider each event
 * the batch touched, once per level reached. The queue runs this one job at a time across all
 * workers, and the posts go one after another, so two related posts never start two events.
 * Each event is read and written once per batch, then the index, the leads and the alert
 * notices: a crash between them is finished by the retried job, to which every step is a
 * repeat it recognises.
 */
export function createEventStage(deps: EventStageDeps) {
  const limits = { maxPosts: deps.config.max_posts, maxFingerprints: deps.config.max_fingerprints };
  const withLevel = (grown: EventRecord): EventRecord => {
    const { level, reasons, repeatOffender } = eventLevel(grown, deps.config);
    return { ...grown, level, level_reasons: reasons, repeat_offender: repeatOffender };
  };

  /** The event grown by its posts in order, with the result each post gives. */
  function grow(touched: Touched, results: EventResult[]): EventRecord {
    let event = touched.stored?.data ?? null;
    for (const { input, position } of touched.inputs) {
      const created = event === null;
      event = withLevel(event ? addPost(event, input, limits) : newEvent(input, limits));
      results[position] = { event_id: event.id, level: event.level, created, posts: event.post_count };
    }
    // A touched event has at least one post, so this is never the null it started as.
    return event as EventRecord;
  }

  async function place(
    items: readonly Item<'event'>[],
    results: EventResult[],
  ): Promise<Map<string, Touched>> {
    const touched = new Map<string, Touched>();
    for (const [position, { post, classification, fingerprint }] of items.entries()) {
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
      let entry = matched ? touched.get(matched) : undefined;
      if (entry) {
        entry.event = withLevel(addPost(entry.event, input, limits));
        entry.inputs.push({ input, position });
      } else {
        // An id the index knows but the store does not (a lost write) starts the event afresh.
        const stored = matched ? await deps.store.getRecord<EventRecord>('event', matched) : null;
        const event = withLevel(stored ? addPost(stored.data, input, limits) : newEvent(input, limits));
        entry = { stored, inputs: [{ input, position }], event };
        touched.set(event.id, entry);
      }
      const { event } = entry;
      results[position] = {
        event_id: event.id,
        level: event.level,
        created: entry.stored === null && entry.inputs.length === 1,
        posts: event.post_count,
      };
      deps.index.note(event, post.id);
    }
    return touched;
  }

  /**
   * Writes each touched event once. One that another writer changed meanwhile is read again and
   * regrown; so is one that already exists when the batch thought it new: the retry of a job
   * that wrote it and then failed.
   */
  async function write(touched: Map<string, Touched>, results: EventResult[]): Promise<void> {
    // Most batches meet no other writer: every event in one commit. When one was changed
    // meanwhile, each is written on its own, and the changed one read again and regrown.
    try {
      await deps.store.putRecords(
        [...touched.values()].map(({ event, stored }) => ({
          kind: 'event',
          id: event.id,
          data: event,
          expectedVersion: stored?.version ?? null,
          audit: [],
        })),
      );
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    for (const entry of touched.values()) {
      for (let attempt = 1; ; attempt++) {
        try {
          await deps.store.putRecord('event', entry.event.id, entry.event, entry.stored?.version ?? null);
          break;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= WRITE_TRIES) throw error;
        }
        entry.stored = await deps.store.getRecord<EventRecord>('event', entry.event.id);
        entry.event = grow(entry, results);
      }
    }
  }

  /**
   * Online leads for the posts the rules call leads, each linked to its event: the batch's
   * reports as one unit of work, their record writes committed together.
   */
  async function intakeLeads(items: readonly Item<'event'>[], results: EventResult[]): Promise<void> {
    if (!deps.leads) return;
    const requests = items.flatMap(({ post, classification }, position) =>
      classification.lead
        ? [
            {
              source: onlineSource(post),
              input: onlineIntake(post, classification, (results[position] as EventResult).event_id),
              actor: '系统（网络舆情）',
            },
          ]
        : [],
    );
    if (requests.length > 0) await deps.leads.intakeAll(requests);
  }

  /**
   * One notice per event the batch took to a routed level, at the last such level. The alert
   * stage reads the event as written, so a notice for a level the event has since passed would
   * only race the one for its level now (both would find the same message due, and one would
   * wait a retry for the other's send lease). The level is in the notice's job id, so a level
   * reached in a later batch is a new job and not a repeat of a finished one. Asked every time:
   * the alert stage decides from its own state whether anything is due, so a crash between
   * writing the events and asking cannot lose a notification.
   */
  async function askForAlerts(results: readonly EventResult[]): Promise<void> {
    const notices = new Map<string, Payload<'alert'>>();
    for (const { event_id, level } of results)
      if (channelsFor(deps.routing, level).length > 0)
        notices.set(event_id, { v: 2, type: 'notify', event_id, level });
    await deps.emit([...notices.values()]);
  }

  return async (items: readonly Item<'event'>[]): Promise<EventResult[]> => {
    const results: EventResult[] = [];
    await deps.index.refresh(items.map(({ post }) => post.id));
    const touched = await place(items, results);
    await write(touched, results);
    // The index, the leads and the alert notices need the written events, not one another.
    // The queue runs one event job at a time, so waiting for them side by side (two Redis round
    // trips under the leads' store work) is time every later batch gains. All are let finish
    // before a failure fails the job, so its retry never overlaps them.
    await waitAll([
      deps.index.remember(
        [...touched.values()].map(({ event, inputs }) => ({
          event,
          postIds: inputs.map(({ input }) => input.post.id),
        })),
      ),
      intakeLeads(items, results),
      askForAlerts(results),
    ]);
    return results;
  };
}
