import { z } from 'zod';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Shanghai is UTC+8 all year; s.weibo.com reads `timescope` as Shanghai wall-clock time. */
const OFFSET = 8 * HOUR;

/** A search window `[start, end)` on whole Shanghai hours, as ISO instants (JSON for the request context). */
export const searchWindowSchema = z.strictObject({ start: z.iso.datetime(), end: z.iso.datetime() });
export type SearchWindow = z.infer<typeof searchWindowSchema>;

export interface WindowBounds {
  lookback_hours: number;
  overlap_minutes: number;
  max_lookback_hours: number;
}

/**
 * The window of a pass: from a little before the newest post already handed on (or the
 * lookback, on a first pass) to the end of the current hour. Bounded so that an old cursor
 * after an outage does not turn into a search over months.
 */
export function initialWindow(now: Date, newestSeen: string | null, bounds: WindowBounds): SearchWindow {
  const end = floorHour(now.getTime()) + HOUR;
  const seen = newestSeen ? Date.parse(newestSeen) : Number.NaN;
  const from = Number.isNaN(seen)
    ? now.getTime() - bounds.lookback_hours * HOUR
    : seen - bounds.overlap_minutes * 60_000;
  const start = Math.min(Math.max(floorHour(from), end - bounds.max_lookback_hours * HOUR), end - HOUR);
  return window(start, end);
}

/**
 * Smaller windows that together cover `w`, newest first: whole Shanghai days when it spans more
 * than a day, else hours. Empty when `w` is one hour, the finest the site filters by.
 */
export function splitWindow(w: SearchWindow): SearchWindow[] {
  const start = Date.parse(w.start);
  const end = Date.parse(w.end);
  const step = end - start > DAY ? nextMidnight : (at: number) => at + HOUR;
  if (end - start <= HOUR) return [];
  const parts: SearchWindow[] = [];
  for (let at = start; at < end; ) {
    const to = Math.min(step(at), end);
    parts.push(window(at, to));
    at = to;
  }
  return parts.reverse();
}

/** `custom:2026-11-26-8:2026-11-26-11`: Shanghai date and unpadded hour at both ends. */
export function timescope(w: SearchWindow): string {
  return `custom:${hourLabel(Date.parse(w.start))}:${hourLabel(Date.parse(w.end))}`;
}

function hourLabel(at: number): string {
  const local = new Date(at + OFFSET);
  return `${local.toISOString().slice(0, 10)}-${local.getUTCHours()}`;
}

function window(start: number, end: number): SearchWindow {
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

// Shanghai's offset is a whole number of hours, so a UTC hour boundary is a Shanghai one.
const floorHour = (at: number) => Math.floor(at / HOUR) * HOUR;
const nextMidnight = (at: number) => Math.floor((at + OFFSET) / DAY) * DAY + DAY - OFFSET;
