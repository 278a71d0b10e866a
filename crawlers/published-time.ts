import { shanghaiWallClock, toShanghaiIso } from '../src/domain/shanghai-time.ts';

const WALL_CLOCK = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads the absolute time forms sources print: ISO 8601 (offset kept), unix seconds, and
 * Shanghai wall-clock dates such as `2026-11-26 09:05` or `2026年11月26日 09:05`.
 * Returns `+08:00` ISO text, or null when the text is not a time this knows.
 */
export function parsePublishedTime(raw: string): string | null {
  const text = raw.trim();
  if (/^\d{10}$/.test(text)) return toShanghaiIso(new Date(Number(text) * 1000));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : toShanghaiIso(date);
  }
  const match = text.match(WALL_CLOCK);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  if (
    !validDate(year as number, month as number, day as number) ||
    (hour as number) > 23 ||
    (minute as number) > 59
  ) {
    return null;
  }
  return toShanghaiIso(
    shanghaiWallClock(year as number, month as number, day as number, hour, minute, second),
  );
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
