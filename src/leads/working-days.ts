import { z } from 'zod';
import { shanghaiWallClock, toShanghaiIso } from '../domain/shanghai-time.ts';

const DAY_MS = 86_400_000;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** The longest block in any notice so far is 9 days (春节 2026); a longer range is likely a typo. */
const MAX_HOLIDAY_DAYS = 15;

/**
 * A calendar date written `YYYY-MM-DD` that exists (no 2026-02-30). Both checks abort, so the
 * refinements below only ever see real dates.
 */
export const ymdSchema = z
  .string()
  .regex(YMD, { message: 'a date written YYYY-MM-DD', abort: true })
  .refine(isRealDate, { message: 'no such calendar date', abort: true });

/** `config/calendar.yaml`: public holidays and make-up workdays (调休上班), per the State Council notice. */
export const calendarSchema = z
  .strictObject({
    /** Years whose whole notice is entered; other years are judged by weekday alone. */
    covered_years: z
      .array(z.int().min(2000).max(2100))
      .min(1, 'name at least one year whose notice is entered'),
    holidays: z.array(z.strictObject({ name: z.string().min(1), from: ymdSchema, to: ymdSchema })),
    workdays: z.array(z.strictObject({ name: z.string().min(1), date: ymdSchema })).default([]),
  })
  .superRefine((calendar, ctx) => {
    const holidays = checkHolidays(calendar.holidays, ctx);
    checkWorkdays(calendar.workdays, holidays, ctx);
    checkCoverage(calendar.covered_years, holidays, ctx);
  });

export type WorkingCalendarConfig = z.infer<typeof calendarSchema>;

/** Working days in Asia/Shanghai: Monday–Friday, minus public holidays, plus make-up workdays. */
export interface WorkingCalendar {
  /** Whether people work on this `YYYY-MM-DD` day. */
  isWorkingDay(dateYmd: string): boolean;
  /**
   * The deadline `n` working days (a whole number, at least 1) after `start`: the end
   * (23:59:59.999 Shanghai) of the n-th working day strictly after the Shanghai day of `start`.
   * The start day itself never counts, however early it began, so a lead started on a weekend or
   * holiday counts from the next working day, exactly as one started on the working day before.
   */
  addWorkingDays(start: Date, n: number): Date;
  /**
   * Working days strictly after `a`'s Shanghai day up to and including `b`'s: 0 on the same day,
   * 1 from Friday to Monday, negative when `b` is before `a`. `between(s, add(s, n)) === n`.
   */
  workingDaysBetween(a: Date, b: Date): number;
  /** Whether this day's year has its whole notice entered; if not, only weekdays are known. */
  covers(dateYmd: string): boolean;
}

/** Builds the calendar from a parsed `calendar.yaml`; every method is pure. */
export function createWorkingCalendar(config: WorkingCalendarConfig): WorkingCalendar {
  const holidays = new Set(config.holidays.flatMap((holiday) => daysInRange(holiday.from, holiday.to)));
  const workdays = new Set(config.workdays.map((workday) => workday.date));
  const years = new Set(config.covered_years);

  const isWorking = (day: number): boolean => {
    const ymd = ymdOf(day);
    if (holidays.has(ymd)) return false;
    if (workdays.has(ymd)) return true;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  };
  // Working days in (from, to], for from <= to.
  const countForward = (from: number, to: number): number => {
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (isWorking(day)) count++;
    return count;
  };

  return Object.freeze({
    isWorkingDay: (dateYmd: string) => isWorking(dayNumber(dateYmd)),
    addWorkingDays(start: Date, n: number): Date {
      if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`working days must be a whole number ≥ 1, got ${n}`);
      let day = shanghaiDay(start);
      let counted = 0;
      while (counted < n) {
        day++;
        if (isWorking(day)) counted++;
      }
      return endOfDay(day);
    },
    workingDaysBetween(a: Date, b: Date): number {
      const from = shanghaiDay(a);
      const to = shanghaiDay(b);
      return to >= from ? countForward(from, to) : -countForward(to, from);
    },
    covers(dateYmd: string): boolean {
      dayNumber(dateYmd); // refuses a malformed date, as isWorkingDay does
      return years.has(Number(dateYmd.slice(0, 4)));
    },
  });
}

/** The Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiYmd(date: Date): string {
  return toShanghaiIso(date).slice(0, 10);
}

/** The last millisecond (23:59:59.999 Shanghai) of a `YYYY-MM-DD` day. */
export function endOfShanghaiDay(dateYmd: string): Date {
  return endOfDay(dayNumber(dateYmd));
}

type Ctx = z.RefinementCtx;

function checkHolidays(holidays: WorkingCalendarConfig['holidays'], ctx: Ctx): Map<string, string> {
  const seen = new Map<string, string>();
  holidays.forEach((holiday, index) => {
    const length = dayNumber(holiday.to) - dayNumber(holiday.from) + 1;
    if (length < 1 || length > MAX_HOLIDAY_DAYS) {
      const problem = length < 1 ? 'ends before it starts' : `spans ${length} days, more than any notice`;
      ctx.addIssue({
        code: 'custom',
        path: ['holidays', index, 'to'],
        message: `${holiday.name} ${problem}`,
      });
      return;
    }
    const days = daysInRange(holiday.from, holiday.to);
    const overlap = days.find((ymd) => seen.has(ymd));
    if (overlap !== undefined) {
      const message = `${holiday.name} overlaps ${seen.get(overlap)} on ${overlap}`;
      ctx.addIssue({ code: 'custom', path: ['holidays', index], message });
    }
    for (const ymd of days) if (!seen.has(ymd)) seen.set(ymd, holiday.name);
  });
  return seen;
}

function checkWorkdays(workdays: WorkingCalendarConfig['workdays'], holidays: Map<string, string>, ctx: Ctx) {
  const seen = new Set<string>();
  workdays.forEach((workday, index) => {
    const path = ['workdays', index, 'date'];
    const weekday = weekdayOf(dayNumber(workday.date));
    if (weekday !== 0 && weekday !== 6)
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${workday.date} is a ${WEEKDAYS[weekday]}; a make-up workday (调休上班) is a Saturday or Sunday`,
      });
    const holiday = holidays.get(workday.date);
    if (holiday !== undefined)
      ctx.addIssue({ code: 'custom', path, message: `${workday.date} is also a holiday (${holiday})` });
    if (seen.has(workday.date))
      ctx.addIssue({ code: 'custom', path, message: `${workday.date} is listed twice` });
    seen.add(workday.date);
  });
}

function checkCoverage(years: number[], holidays: Map<string, string>, ctx: Ctx) {
  const entered = new Set([...holidays.keys()].map((ymd) => Number(ymd.slice(0, 4))));
  years.forEach((year, index) => {
    const path = ['covered_years', index];
    if (years.indexOf(year) !== index)
      ctx.addIssue({ code: 'custom', path, message: `${year} is listed twice` });
    else if (!entered.has(year))
      ctx.addIssue({
        code: 'custom',
        path,
        message: `${year} is marked covered but has no holidays; enter its notice or remove the year`,
      });
  });
}

function isRealDate(ymd: string): boolean {
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  return ymdOf(Date.UTC(year, month - 1, day) / DAY_MS) === ymd;
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` calendar day; throws on a malformed or unreal date. */
function dayNumber(ymd: string): number {
  if (!YMD.test(ymd) || !isRealDate(ymd)) throw new RangeError(`not a YYYY-MM-DD date: "${ymd}"`);
  const [year, month, day] = ymd.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function ymdOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay();
}

function shanghaiDay(date: Date): number {
  return dayNumber(shanghaiYmd(date));
}

function endOfDay(day: number): Date {
  const [year, month, date] = ymdOf(day + 1)
    .split('-')
    .map(Number) as [number, number, number];
  return new Date(shanghaiWallClock(year, month, date).getTime() - 1);
}

function daysInRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = dayNumber(from); day <= dayNumber(to); day++) days.push(ymdOf(day));
  return days;
}
