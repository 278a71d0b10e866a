import { type Level, levelRank } from '../domain/classification.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Lead } from '../leads/lead-record.ts';
import { shanghaiYmd } from '../leads/working-days.ts';
import { isNewIn } from './report-figures.ts';
import type { TopEvent, TrendDay } from './report-model.ts';
import { type PeriodWindow, periodDays, within } from './report-period.ts';

type EventLevel = Exclude<Level, 'none'>;

const TOP_EVENTS = 10;

/** Events first seen in the window, by their level now; events of level none are not counted. */
export function eventsByLevel(
  events: readonly EventRecord[],
  window: PeriodWindow,
): Record<EventLevel, number> {
  const counts: Record<EventLevel, number> = { red: 0, orange: 0, yellow: 0, blue: 0 };
  for (const event of events) if (isCounted(event) && within(event.first_seen, window)) counts[event.level]++;
  return counts;
}

/**
 * Up to ten events seen during the window (first seen before its end, last seen after its start),
 * highest level first, then most posts, then earliest. `per_hour` is the most posts in any one
 * hour of those the event keeps (its last 48 hours of activity).
 */
export function topEvents(events: readonly EventRecord[], window: PeriodWindow): TopEvent[] {
  return events
    .filter(
      (event): event is EventRecord & { level: EventLevel } =>
        isCounted(event) &&
        Date.parse(event.first_seen) < window.end &&
        Date.parse(event.last_seen) >= window.start,
    )
    .sort(
      (a, b) =>
        levelRank(b.level) - levelRank(a.level) ||
        b.post_count - a.post_count ||
        Date.parse(a.first_seen) - Date.parse(b.first_seen) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, TOP_EVENTS)
    .map((event) => ({
      event_id: event.id,
      title: event.title,
      level: event.level,
      town: event.town,
      posts: event.post_count,
      per_hour: Math.max(0, ...event.hourly.map(([, count]) => count)),
      first_seen: event.first_seen,
      last_seen: event.last_seen,
    }));
}

/** Per Shanghai day of the window: new leads, resolutions and events first seen, as the headline counts them. */
export function trendDays(
  leads: readonly Lead[],
  events: readonly EventRecord[],
  window: PeriodWindow,
): TrendDay[] {
  const days = new Map(
    periodDays(window.period).map((day): [string, TrendDay] => [
      day,
      { day, new_leads: 0, resolved: 0, events: 0 },
    ]),
  );
  const dayOf = (iso: string) => days.get(shanghaiYmd(new Date(iso)));
  for (const lead of leads) {
    if (isNewIn(lead, window)) bump(dayOf(lead.facts.first_received_at), 'new_leads');
    const resolution = lead.work.resolution;
    if (resolution !== null && within(resolution.at, window)) bump(dayOf(resolution.at), 'resolved');
  }
  for (const event of events)
    if (isCounted(event) && within(event.first_seen, window)) bump(dayOf(event.first_seen), 'events');
  return [...days.values()];
}

function bump(day: TrendDay | undefined, key: 'new_leads' | 'resolved' | 'events'): void {
  if (day !== undefined) day[key]++;
}

function isCounted(event: EventRecord): event is EventRecord & { level: EventLevel } {
  return event.level !== 'none';
}
