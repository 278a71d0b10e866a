import { shanghaiWallClock, toShanghaiIso } from '../../src/domain/shanghai-time.ts';

const OFFSET_MS = 8 * 3_600_000;
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
}; // biome-ignore format: a table reads best as one

/** Full dates: `2026-11-26 09:05`, `2026/11/26`, `2026年11月26日 09:05`, `2026-1-5`. */
const FULL_DATE = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** Dates without a year: `11-26`, `11-26 09:05`, `11月26日`, `11月26日 09:05`. */
const MONTH_DAY = /^(\d{1,2})[-/月](\d{1,2})日?(?:\s*(\d{1,2}):(\d{2}))?$/;
/** `刚刚`, `30秒前`, `5分钟前`, `2小时前`, `3天前`. */
const AGO = /^(\d+)\s*(秒|分钟|小时|天)前$/;
/** `今天 09:05`, `昨天 21:30`, `前天 08:00`. */
const DAY_WORD = /^(今天|昨天|前天)\s*(\d{1,2}):(\d{2})$/;
/** Weibo's `Tue Jun 08 09:35:04 +0800 2021` and RFC 822's `Sun, 19 Apr 2026 06:22:34 +0800`. */
const WEIBO = /^[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})$/;
const RFC822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(GMT|UTC|Z|[+-]\d{4}))?$/;

const AGO_MS: Readonly<Record<string, number>> = { 秒: 1000, 分钟: 60_000, 小时: 3_600_000, 天: 86_400_000 };

/**
 * Reads every time form the sources print and returns `+08:00` ISO text, or null when the text
 * is not a time this knows. Relative forms (`刚刚`, `5分钟前`, `昨天 21:30`, `11-26`) are read
 * against `fetchedAt`, the moment the page was fetched; a date without a year that would lie in
 * the future is last year's. Times without an offset are Shanghai wall-clock times.
 */
export function parsePublishedTime(raw: string, fetchedAt: Date = new Date()): string | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  if (text === '刚刚') return toShanghaiIso(fetchedAt);
  if (/^\d{10}$/.test(text)) return toShanghaiIso(new Date(Number(text) * 1000));
  if (/^\d{13}$/.test(text)) return toShanghaiIso(new Date(Number(text)));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    return checked(new Date(text));
  }
  const ago = text.match(AGO);
  if (ago)
    return toShanghaiIso(
      new Date(fetchedAt.getTime() - Number(ago[1]) * (AGO_MS[ago[2] as string] as number)),
    );
  const today = shanghaiFields(fetchedAt);
  const dayWord = text.match(DAY_WORD);
  if (dayWord) {
    const back = { 今天: 0, 昨天: 1, 前天: 2 }[dayWord[1] as '今天' | '昨天' | '前天'];
    const day = shanghaiFields(new Date(fetchedAt.getTime() - back * 86_400_000));
    return wallClock(day.year, day.month, day.day, Number(dayWord[2]), Number(dayWord[3]), 0);
  }
  const full = text.match(FULL_DATE);
  if (full) {
    const [year, month, day, hour, minute, second] = full
      .slice(1)
      .map((p) => (p === undefined ? 0 : Number(p)));
    return wallClock(
      year as number,
      month as number,
      day as number,
      hour as number,
      minute as number,
      second as number,
    );
  }
  const monthDay = text.match(MONTH_DAY);
  if (monthDay) {
    const [month, day, hour, minute] = monthDay.slice(1).map((p) => (p === undefined ? 0 : Number(p)));
    const thisYear = wallClock(
      today.year,
      month as number,
      day as number,
      hour as number,
      minute as number,
      0,
    );
    if (thisYear && Date.parse(thisYear) <= fetchedAt.getTime() + 86_400_000) return thisYear;
    return wallClock(today.year - 1, month as number, day as number, hour as number, minute as number, 0);
  }
  return englishDate(text);
}

function englishDate(text: string): string | null {
  const weibo = text.match(WEIBO);
  if (weibo) {
    const [, mon, day, hour, minute, second, offset, year] = weibo;
    return withOffset(
      Number(year),
      month(mon),
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      offset,
    );
  }
  const rfc = text.match(RFC822);
  if (rfc) {
    const [, day, mon, year, hour, minute, second, zone] = rfc;
    // A feed that leaves the offset out is a Chinese feed: Shanghai time.
    const offset = zone === undefined ? '+0800' : /^(GMT|UTC|Z)$/.test(zone) ? '+0000' : zone;
    return withOffset(
      Number(year),
      month(mon),
      Number(day),
      Number(hour),
      Number(minute),
      Number(second ?? 0),
      offset,
    );
  }
  return null;
}

function month(name: string | undefined): number {
  return MONTHS[(name ?? '').toLowerCase()] ?? 0;
}

function withOffset(
  year: number,
  monthNumber: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  offset: string | undefined,
): string | null {
  if (!validDate(year, monthNumber, day) || hour > 23 || minute > 59 || second > 60) return null;
  const sign = offset?.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(offset?.slice(1, 3)) * 3_600_000 + Number(offset?.slice(3, 5)) * 60_000);
  return checked(new Date(Date.UTC(year, monthNumber - 1, day, hour, minute, second) - offsetMs));
}

function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return toShanghaiIso(shanghaiWallClock(year, month, day, hour, minute, second));
}

function shanghaiFields(date: Date): { year: number; month: number; day: number } {
  const local = new Date(date.getTime() + OFFSET_MS);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

function checked(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : toShanghaiIso(date);
}

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
