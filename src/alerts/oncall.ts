import { z } from 'zod';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_KINDS = ['all', 'workday', 'weekend', 'holiday', ...DAY_NAMES] as const;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour, Shanghai time');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** `config/oncall.yaml`: who is on duty when (Asia/Shanghai), and how to reach them. */
export const onCallSchema = z
  .strictObject({
    people: z.record(
      z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase id'),
      z.strictObject({
        name: z.string().min(1),
        /** Channels (from routing.yaml) that reach this person: their SMS, their e-mail. */
        channels: z.array(z.string()).min(1),
      }),
    ),
    shifts: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          /** Which days the shift starts on: weekdays, `workday`, `weekend`, `holiday`, or `all`. */
          days: z.array(z.enum(DAY_KINDS)).min(1),
          start: time,
          /** An end at or before the start means the shift runs past midnight into the next day. */
          end: time,
          primary: z.string(),
          secondary: z.string(),
          leader: z.string(),
        }),
      )
      .min(1),
    /** Public holidays (no `workday` shifts then) … */
    holidays: z.array(date).default([]),
    /** … and make-up working days on weekends (调休上班). */
    workdays: z.array(date).default([]),
  })
  .superRefine((roster, ctx) => {
    roster.shifts.forEach((shift, index) => {
      for (const role of ['primary', 'secondary', 'leader'] as const) {
        if (!(shift[role] in roster.people))
          ctx.addIssue({
            code: 'custom',
            path: ['shifts', index, role],
            message: `unknown person "${shift[role]}" (people: ${Object.keys(roster.people).join(', ')})`,
          });
      }
    });
  });

export type OnCallRoster = z.infer<typeof onCallSchema>;

export interface Duty {
  shift: string;
  primary: Person;
  secondary: Person;
  leader: Person;
}

export interface Person {
  id: string;
  name: string;
  channels: string[];
}

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Who is on duty at `at` (pure): the first shift, in file order, whose span contains it. A
 * shift belongs to the day it starts, so a night shift 17:30–08:30 started on a holiday eve is
 * that day's. Null when no shift covers the moment (the config check warns of gaps).
 */
export function dutyAt(roster: OnCallRoster, at: Date): Duty | null {
  const local = at.getTime() + OFFSET_MS;
  const today = Math.floor(local / DAY_MS) * DAY_MS;
  for (const shift of roster.shifts) {
    // A moment can fall in a shift that began today, or in one that began yesterday and runs past midnight.
    for (const dayStart of [today, today - DAY_MS]) {
      if (!shift.days.some((kind) => dayMatches(roster, dayStart, kind))) continue;
      const start = dayStart + minutes(shift.start) * 60_000;
      let end = dayStart + minutes(shift.end) * 60_000;
      if (end <= start) end += DAY_MS;
      if (local >= start && local < end) {
        const person = (id: string): Person => ({
          id,
          ...(roster.people[id] as { name: string; channels: string[] }),
        });
        return {
          shift: shift.name,
          primary: person(shift.primary),
          secondary: person(shift.secondary),
          leader: person(shift.leader),
        };
      }
    }
  }
  return null;
}

/** Moments in the next `days` days that no shift covers, for the config check. */
export function coverageGaps(roster: OnCallRoster, from: Date, days: number): Date[] {
  const gaps: Date[] = [];
  for (let t = from.getTime(); t < from.getTime() + days * DAY_MS; t += 30 * 60_000) {
    if (!dutyAt(roster, new Date(t))) gaps.push(new Date(t));
  }
  return gaps;
}

function dayMatches(roster: OnCallRoster, dayStart: number, kind: (typeof DAY_KINDS)[number]): boolean {
  const date = new Date(dayStart).toISOString().slice(0, 10);
  const weekday = DAY_NAMES[new Date(dayStart).getUTCDay()] as (typeof DAY_NAMES)[number];
  const holiday = roster.holidays.includes(date);
  const weekend = (weekday === 'sat' || weekday === 'sun') && !roster.workdays.includes(date);
  switch (kind) {
    case 'all':
      return true;
    case 'holiday':
      return holiday;
    case 'workday':
      return !holiday && !weekend;
    case 'weekend':
      return !holiday && weekend;
    default:
      return weekday === kind;
  }
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
