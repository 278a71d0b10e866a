import { z } from 'zod';
import { isoTimestamp } from '../domain/post.ts';
import type { EventRecord } from '../events/event-record.ts';

/**
 * A silence mutes alerts about one event, about events whose text names a keyword, or about
 * events seen only on one source, for a while. Who set it and why are kept (and audited): a
 * silence is a decision somebody answers for.
 */
export const silenceSchema = z
  .strictObject({
    id: z.string().min(1),
    event_id: z.string().min(1).optional(),
    keyword: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    starts_at: isoTimestamp,
    ends_at: isoTimestamp,
    author: z.string().min(1),
    reason: z.string().min(2),
    created_at: isoTimestamp,
  })
  .refine((s) => [s.event_id, s.keyword, s.source].filter(Boolean).length === 1, {
    message: 'a silence names exactly one of event_id, keyword or source',
  })
  .refine((s) => Date.parse(s.ends_at) > Date.parse(s.starts_at), {
    message: 'ends_at must be after starts_at',
  });

export type Silence = z.infer<typeof silenceSchema>;

/** The first silence active at `now` that covers this event, or null. */
export function silenceFor(event: EventRecord, silences: readonly Silence[], now: Date): Silence | null {
  const t = now.getTime();
  return (
    silences.find((s) => {
      if (t < Date.parse(s.starts_at) || t >= Date.parse(s.ends_at)) return false;
      if (s.event_id) return s.event_id === event.id;
      if (s.keyword)
        return [event.title, event.summary, ...event.orgs].some((text) => text.includes(s.keyword as string));
      // A source silence mutes what only that source saw; another source's sighting still counts.
      return event.sources.length > 0 && event.sources.every((source) => source === s.source);
    }) ?? null
  );
}
