import { z } from 'zod';
import type { Level } from '../domain/classification.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { endOfShanghaiDay, type WorkingCalendar } from './working-days.ts';

const days = z
  .int('a whole number of working days')
  .min(1, 'at least 1 working day')
  .max(250, 'at most 250 working days (about a year)');

/**
 * The `deadlines` block: how many working days a county unit has to handle a lead. The smallest
 * entry that applies wins: `by_level` for the lead's level and `by_source` for its source, so a
 * red lead from a source with a tighter time limit gets the tighter one. `default_days` applies
 * only when neither has an entry, so an entry may also be longer than the default.
 */
export const deadlinePolicySchema = z.strictObject({
  default_days: days,
  by_level: z
    .strictObject({
      red: days.optional(),
      orange: days.optional(),
      yellow: days.optional(),
      blue: days.optional(),
    })
    .default({}),
  /** Keyed by source id (config/sources/*.yaml). */
  by_source: z.record(z.string().min(1), days).default({}),
});

export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

export interface DeadlineInput {
  level: Level;
  source: string;
  /** When the owning unit signed for the lead (签收): the clock starts then, not at discovery. */
  signedAt: Date;
  /** The source's own time limit (办理时限), `YYYY-MM-DD`: the lead is due by the end of that day. */
  statedDueBy?: string | null;
}

/** Which rule set the deadline: the default, a level or source entry, or the source's stated date. */
export type DeadlineBasis = 'default' | 'level' | 'source' | 'stated';

export interface Deadline {
  /** Working days from signing to the due day; for a stated date, those the unit actually gets. */
  days: number;
  /** The end of the due day, `2026-02-25T23:59:59+08:00`. */
  due_at: string;
  basis: DeadlineBasis;
}

/**
 * When a lead is due (pure): `days` working days after signing, per the policy, ending at the
 * end of that working day (see `WorkingCalendar.addWorkingDays`). A stated due date wins when it
 * is earlier; its `days` may then be 0 or negative, for a lead signed on or after its date.
 */
export function deadlineFor(
  input: DeadlineInput,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): Deadline {
  const { days: policyDays, basis } = policyEntry(input, policy);
  const due = calendar.addWorkingDays(input.signedAt, policyDays);
  if (input.statedDueBy) {
    const stated = endOfShanghaiDay(input.statedDueBy);
    if (stated.getTime() < due.getTime())
      return {
        days: calendar.workingDaysBetween(input.signedAt, stated),
        due_at: toShanghaiIso(stated),
        basis: 'stated',
      };
  }
  return { days: policyDays, due_at: toShanghaiIso(due), basis };
}

function policyEntry(input: DeadlineInput, policy: DeadlinePolicy): { days: number; basis: DeadlineBasis } {
  const byLevel = input.level === 'none' ? undefined : policy.by_level[input.level];
  // hasOwn: a source named like an Object.prototype member must not find it.
  const bySource = Object.hasOwn(policy.by_source, input.source) ? policy.by_source[input.source] : undefined;
  // On a tie the level entry is named: the reason a reader is likelier to expect.
  if (byLevel !== undefined && (bySource === undefined || byLevel <= bySource))
    return { days: byLevel, basis: 'level' };
  if (bySource !== undefined) return { days: bySource, basis: 'source' };
  return { days: policy.default_days, basis: 'default' };
}
