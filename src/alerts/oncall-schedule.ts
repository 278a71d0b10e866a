import { maskPhone } from '../../classifiers/extract/pii.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { WorkingCalendarConfig } from '../leads/working-days.ts';
import { type Duty, dutyAt, type OnCallRoster } from './oncall.ts';
import type { ChannelConfig } from './routing-schema.ts';

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

/** A person on duty as the console shows them: phones masked, never in full. */
export interface DutyPerson {
  id: string;
  name: string;
  channels: string[];
  phones: string[];
}

/** One stretch of time with the same people on duty; `shift` null is a gap nobody covers. */
export interface DutySpan {
  shift: string | null;
  from: string;
  to: string;
  primary: DutyPerson | null;
  secondary: DutyPerson | null;
  leader: DutyPerson | null;
}

/** How a day counts for the roster (oncall.yaml) and for the working calendar (calendar.yaml). */
export interface RosterDay {
  date: string;
  weekday: string;
  /** Which `days:` kind the roster applies: `holiday`, `workday` (a make-up day too) or `weekend`. */
  roster: 'holiday' | 'workday' | 'weekend';
  makeup: boolean;
  calendar: { working: boolean; holiday: string | null; makeup: string | null };
  /** The two files disagree on whether people work that day: one of them needs updating. */
  mismatch: boolean;
}

/**
 * Who is on duty from the start of `from`'s Shanghai day through `days` more days, as
 * `dutyAt` (what alert escalation uses) answers it at every moment a shift starts or ends, with
 * each person's phones from their SMS channels, masked. A span that began the evening before
 * is cut at midnight.
 */
export function dutyTimeline(
  roster: OnCallRoster,
  phonesByChannel: ReadonlyMap<string, readonly string[]>,
  from: Date,
  days: number,
): DutySpan[] {
  const start = Math.floor((from.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
  const end = start + (days + 1) * DAY_MS;
  const moments = new Set<number>([start]);
  for (let day = start - DAY_MS; day < end; day += DAY_MS)
    for (const shift of roster.shifts)
      for (const hhmm of [shift.start, shift.end]) {
        const at = day + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;
        if (at > start && at < end) moments.add(at);
      }
  const person = (duty: Duty | null, role: 'primary' | 'secondary' | 'leader'): DutyPerson | null =>
    duty
      ? {
          ...duty[role],
          phones: duty[role].channels.flatMap((channel) => (phonesByChannel.get(channel) ?? []).map(mask)),
        }
      : null;
  const spans: DutySpan[] = [];
  for (const at of [...moments].sort((a, b) => a - b)) {
    const duty = dutyAt(roster, new Date(at));
    const last = spans.at(-1);
    // A shift that starts again (周末 08:30 to 08:30) is a new span even with the same people.
    const restarts = roster.shifts.some((s) => s.name === duty?.shift && s.start === clock(at));
    if (last && !restarts && sameDuty(last, duty)) continue;
    if (last) last.to = toShanghaiIso(new Date(at));
    spans.push({
      shift: duty?.shift ?? null,
      from: toShanghaiIso(new Date(at)),
      to: toShanghaiIso(new Date(end)),
      primary: person(duty, 'primary'),
      secondary: person(duty, 'secondary'),
      leader: person(duty, 'leader'),
    });
  }
  return spans;
}

/** Each day from `from`'s through `days` more: what the roster and the working calendar make of it. */
export function rosterDays(
  roster: OnCallRoster,
  calendar: WorkingCalendarConfig,
  from: Date,
  days: number,
): RosterDay[] {
  const first = Math.floor((from.getTime() + OFFSET_MS) / DAY_MS) * DAY_MS;
  return Array.from({ length: days + 1 }, (_, index) => {
    const day = new Date(first + index * DAY_MS);
    const date = day.toISOString().slice(0, 10);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    const makeup = weekend && roster.workdays.includes(date);
    const kind = roster.holidays.includes(date) ? 'holiday' : weekend && !makeup ? 'weekend' : 'workday';
    const holiday = calendar.holidays.find((h) => h.from <= date && date <= h.to)?.name ?? null;
    const makeupOf = calendar.workdays.find((w) => w.date === date)?.name ?? null;
    const working = holiday === null && (makeupOf !== null || !weekend);
    return {
      date,
      weekday: WEEKDAY_ZH[day.getUTCDay()] as string,
      roster: kind,
      makeup,
      calendar: { working, holiday, makeup: makeupOf },
      mismatch: working !== (kind === 'workday'),
    };
  });
}

/** Channel name → the phones it texts, for the channels of `kind: sms`. */
export function smsPhones(channels: Readonly<Record<string, ChannelConfig>>): Map<string, string[]> {
  const phones = new Map<string, string[]>();
  for (const [name, channel] of Object.entries(channels))
    if (channel.kind === 'sms') phones.set(name, [...channel.phones]);
  return phones;
}

function mask(phone: string): string {
  // A short landline extension would show too much through the mobile mask.
  return phone.length >= 11 ? maskPhone(phone) : `****${phone.slice(-2)}`;
}

function clock(at: number): string {
  return new Date(at + OFFSET_MS).toISOString().slice(11, 16);
}

function sameDuty(span: DutySpan, duty: Duty | null): boolean {
  return (
    span.shift === (duty?.shift ?? null) &&
    span.primary?.id === duty?.primary.id &&
    span.secondary?.id === duty?.secondary.id &&
    span.leader?.id === duty?.leader.id
  );
}
