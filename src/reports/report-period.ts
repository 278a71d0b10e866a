import { shanghaiWallClock } from '../domain/shanghai-time.ts';
import { shanghaiYmd, ymdSchema } from '../leads/working-days.ts';
import type { ReportKind, ReportPeriod } from './report-model.ts';

/** A period as instants: membership is `start <= t < end`, whole Shanghai days. */
export interface PeriodWindow {
  period: ReportPeriod;
  /** 00:00 Shanghai on `from`, in epoch milliseconds. */
  start: number;
  /** 00:00 Shanghai on the day after `to` (exclusive), in epoch milliseconds. */
  end: number;
  /** When states are judged: the period's last millisecond, or `now` if that is earlier. */
  asOf: Date;
}

const DAY_MS = 86_400_000;

/** The ISO week (Monday–Sunday) or the calendar month containing the `YYYY-MM-DD` day. */
export function periodFor(kind: ReportKind, dateInside: string): ReportPeriod {
  const day = dayNo(dateInside);
  if (kind === 'weekly') {
    // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
    const monday = day - ((((day + 3) % 7) + 7) % 7);
    return { from: ymdOf(monday), to: ymdOf(monday + 6) };
  }
  const [year, month] = dateInside.split('-').map(Number) as [number, number];
  return monthPeriod(year, month);
}

/**
 * The period before: for a month, the calendar month before `from`'s; otherwise (a week, or any
 * other span) the same number of days ending the day before `from`.
 */
export function previousPeriod(kind: ReportKind, period: ReportPeriod): ReportPeriod {
  const from = dayNo(period.from);
  if (kind === 'monthly') {
    const [year, month] = period.from.split('-').map(Number) as [number, number];
    return month === 1 ? monthPeriod(year - 1, 12) : monthPeriod(year, month - 1);
  }
  const length = dayNo(period.to) - from + 1;
  return { from: ymdOf(from - length), to: ymdOf(from - 1) };
}

/** The last complete week or month before `now`, in Shanghai days. */
export function defaultPeriod(kind: ReportKind, now: Date): ReportPeriod {
  return previousPeriod(kind, periodFor(kind, shanghaiYmd(now)));
}

/** The period's instants; throws a RangeError on a malformed period or one that ends before it starts. */
export function windowOf(period: ReportPeriod, now: Date): PeriodWindow {
  const first = dayNo(period.from);
  const last = dayNo(period.to);
  if (last < first) throw new RangeError(`period ends before it starts: ${period.from}..${period.to}`);
  const start = startOfDay(first);
  const end = startOfDay(last + 1);
  return { period, start, end, asOf: new Date(Math.min(end - 1, now.getTime())) };
}

/** Whether a timestamp falls in the window; a missing one never does. */
export function within(iso: string | null | undefined, window: Pick<PeriodWindow, 'start' | 'end'>): boolean {
  if (iso == null) return false;
  const at = Date.parse(iso);
  return at >= window.start && at < window.end;
}

/** Every `YYYY-MM-DD` day of the period, in order. */
export function periodDays(period: ReportPeriod): string[] {
  const first = dayNo(period.from);
  return Array.from({ length: dayNo(period.to) - first + 1 }, (_, i) => ymdOf(first + i));
}

/** 「2026年11月30日」: the Shanghai date of an instant, as a document is dated. */
export function chineseDate(date: Date): string {
  const [year, month, day] = shanghaiYmd(date).split('-').map(Number) as [number, number, number];
  return `${year}年${month}月${day}日`;
}

/** 「2026年11月」: the month a `YYYY-MM-DD` day falls in. */
export function chineseMonth(ymd: string): string {
  const [year, month] = ymd.split('-').map(Number) as [number, number];
  return `${year}年${month}月`;
}

function monthPeriod(year: number, month: number): ReportPeriod {
  const first = Date.UTC(year, month - 1, 1) / DAY_MS;
  const next = Date.UTC(year, month, 1) / DAY_MS;
  return { from: ymdOf(first), to: ymdOf(next - 1) };
}

/** Days since 1970-01-01; throws a RangeError on anything but a real `YYYY-MM-DD` date. */
function dayNo(ymd: string): number {
  if (!ymdSchema.safeParse(ymd).success) throw new RangeError(`not a YYYY-MM-DD date: "${ymd}"`);
  return Date.parse(`${ymd}T00:00:00Z`) / DAY_MS;
}

function ymdOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function startOfDay(day: number): number {
  const [year, month, date] = ymdOf(day).split('-').map(Number) as [number, number, number];
  return shanghaiWallClock(year, month, date).getTime();
}
