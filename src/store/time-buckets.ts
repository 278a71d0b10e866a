import { toShanghaiIso } from '../domain/shanghai-time.ts';

/** `2026-11-26T09:05:00+08:00` → `20261126`: the Shanghai calendar day a time falls on. */
export function dayKey(iso: string): string {
  return shanghaiIso(iso).slice(0, 10).replaceAll('-', '');
}

/** `2026-11-26T09:05:00+08:00` → `202611`. */
export function monthKey(iso: string): string {
  return shanghaiIso(iso).slice(0, 7).replace('-', '');
}

/**
 * The day or month buckets that cover [since, until): days for ranges up to `maxDays`, months
 * beyond. A search can then ask its index for these buckets instead of scanning by time;
 * the exact bounds are checked afterwards. Null when the range is open at either end.
 */
export function bucketsCovering(
  since: string | undefined,
  until: string | undefined,
  maxDays = 62,
): string[] | null {
  if (!since || !until) return null;
  const from = new Date(since).getTime();
  const to = new Date(until).getTime();
  if (!(to > from)) return [];
  const days = Math.ceil((to - from) / 86_400_000) + 1;
  const keys = new Set<string>();
  if (days <= maxDays) {
    for (let at = from; at < to + 86_400_000; at += 86_400_000) {
      const key = dayKey(new Date(Math.min(at, to - 1)).toISOString());
      keys.add(`d${key}`);
    }
    return [...keys];
  }
  for (let at = from; at < to + 31 * 86_400_000; at += 28 * 86_400_000) {
    keys.add(`m${monthKey(new Date(Math.min(at, to - 1)).toISOString())}`);
  }
  return [...keys];
}

function shanghaiIso(iso: string): string {
  return toShanghaiIso(new Date(iso));
}
