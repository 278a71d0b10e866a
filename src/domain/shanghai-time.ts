/** Asia/Shanghai has had no daylight saving since 1991, so a fixed +08:00 offset is exact. */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-11-26T09:05:00+08:00`: how every timestamp in the project is written. */
export function toShanghaiIso(date: Date): string {
  const local = new Date(date.getTime() + OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}

/** Wall-clock fields in Shanghai, read as a UTC instant. */
export function shanghaiWallClock(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - OFFSET_MS);
}
