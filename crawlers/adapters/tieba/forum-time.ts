import { shanghaiWallClock, toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import { parsePublishedTime } from '../../text/published-time.ts';

const OFFSET_MS = 8 * 3_600_000;

/**
 * A forum list's creation time. Besides the shared forms (`7-6` this year, `2024-08-05`), the
 * list prints `11:24` for today and `2020-05` for older years; both are read here because only
 * this list uses them. Month-only times land on the 1st: the thread page has the exact time.
 */
export function forumListTime(raw: string, fetchedAt: Date): string | null {
  const text = raw.trim();
  const clock = text.match(/^(\d{1,2}):(\d{2})$/);
  if (clock) return todayAt(Number(clock[1]), Number(clock[2]), fetchedAt);
  const month = text.match(/^(\d{4})-(\d{1,2})$/);
  if (month) {
    const monthNumber = Number(month[2]);
    if (monthNumber < 1 || monthNumber > 12) return null;
    return toShanghaiIso(shanghaiWallClock(Number(month[1]), monthNumber, 1));
  }
  return parsePublishedTime(text, fetchedAt);
}

/** `HH:MM` is today in Shanghai, or yesterday when that would lie after the fetch. */
function todayAt(hour: number, minute: number, fetchedAt: Date): string | null {
  if (hour > 23 || minute > 59) return null;
  const local = new Date(fetchedAt.getTime() + OFFSET_MS);
  const today = shanghaiWallClock(
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    hour,
    minute,
  );
  const when = today.getTime() > fetchedAt.getTime() ? new Date(today.getTime() - 86_400_000) : today;
  return toShanghaiIso(when);
}
