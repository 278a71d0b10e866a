import { z } from 'zod';
import type { WorkingCalendar } from './working-days.ts';

/** The supervision ladder for overdue leads, lowest first. */
export const LADDER_STEPS = ['none', 'reminder', 'supervision', 'listed'] as const;
export const ladderStepSchema = z.enum(LADDER_STEPS);
export type LadderStep = z.infer<typeof ladderStepSchema>;

export const LADDER_STEP_NAMES_ZH: Readonly<Record<LadderStep, string>> = {
  none: '无',
  reminder: '催办',
  supervision: '督办',
  listed: '挂牌督办',
};

/**
 * The `ladder` block. A lead is 催办 from the first working day after its due day, 督办
 * `supervision_after_days` working days later and 挂牌督办 `listed_after_days` after that. With
 * the defaults: 催办 on overdue working day 1, 督办 on day 4, 挂牌督办 on day 11. Nest it with
 * `.prefault({})`, not `.default({})`, so a missing block still gets these defaults.
 */
export const ladderConfigSchema = z.strictObject({
  supervision_after_days: z.int('a whole number of working days').min(1).max(60).default(3),
  listed_after_days: z.int('a whole number of working days').min(1).max(120).default(7),
});

export type LadderConfig = z.infer<typeof ladderConfigSchema>;

export interface LadderPosition {
  step: LadderStep;
  /** Working days after the due day up to and including today; 0 while not overdue. */
  daysOverdue: number;
  /** Past `dueAt` at all, even on a weekend before the first overdue working day (still `none`). */
  overdue: boolean;
}

/**
 * Where an open lead stands on the ladder at `now` (pure). The due day is in time to its last
 * millisecond; only working days count, so a lead due on Friday is 催办 on Monday (or on a
 * make-up Saturday), and a holiday week adds nothing.
 */
export function ladderStep(
  dueAt: Date,
  now: Date,
  calendar: WorkingCalendar,
  config: LadderConfig,
): LadderPosition {
  if (now.getTime() <= dueAt.getTime()) return { step: 'none', daysOverdue: 0, overdue: false };
  const daysOverdue = calendar.workingDaysBetween(dueAt, now);
  const supervisionFrom = 1 + config.supervision_after_days;
  const listedFrom = supervisionFrom + config.listed_after_days;
  const step: LadderStep =
    daysOverdue >= listedFrom
      ? 'listed'
      : daysOverdue >= supervisionFrom
        ? 'supervision'
        : daysOverdue >= 1
          ? 'reminder'
          : 'none';
  return { step, daysOverdue, overdue: true };
}

/**
 * The steps to announce when a lead's computed step differs from the one last announced. Only
 * the highest new step is announced: when steps were jumped over (a stated due date already
 * past at signing, or a checker that was down), the lower ones are moot and three notices at
 * once would bury the one that matters; `daysOverdue` tells the reader how late it is. Nothing
 * is announced when the computed step is not higher (say the deadline was extended): a notice
 * once sent is not withdrawn. A list, so callers need not change if skipped steps are ever added.
 */
export function nextSteps(currentStep: LadderStep, computedStep: LadderStep): LadderStep[] {
  return rank(computedStep) > rank(currentStep) ? [computedStep] : [];
}

function rank(step: LadderStep): number {
  return LADDER_STEPS.indexOf(step);
}
