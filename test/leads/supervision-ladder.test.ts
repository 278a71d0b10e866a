import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deadlineFor, deadlinePolicySchema } from '../../src/leads/deadline-policy.ts';
import {
  LADDER_STEP_NAMES_ZH,
  type LadderStep,
  ladderConfigSchema,
  ladderStep,
  nextSteps,
} from '../../src/leads/supervision-ladder.ts';
import { calendarSchema, createWorkingCalendar, endOfShanghaiDay } from '../../src/leads/working-days.ts';

const calendar = createWorkingCalendar(
  calendarSchema.parse(parse(readFileSync(new URL('../../config/calendar.yaml', import.meta.url), 'utf8'))),
);
const defaults = ladderConfigSchema.parse({});
const at = (local: string) => new Date(`${local}+08:00`);
const stepAt = (dueDay: string, now: string, config = defaults) =>
  ladderStep(endOfShanghaiDay(dueDay), at(now), calendar, config);

describe('ladderStep with the defaults (督办 after 3 more working days, 挂牌督办 after 7 more)', () => {
  it.each([
    ['2026-03-06T10:00:00', 'none', 0, false, 'on the due day'],
    ['2026-03-06T23:59:00', 'none', 0, false, 'the last minute of the due day'],
    ['2026-03-06T23:59:59.999', 'none', 0, false, 'the last millisecond'],
    ['2026-03-07T00:00:00', 'none', 0, true, 'overdue, but Saturday is no working day'],
    ['2026-03-08T23:59:59', 'none', 0, true, 'nor Sunday'],
    ['2026-03-09T00:00:00', 'reminder', 1, true, '催办 from the first working day after'],
    ['2026-03-11T23:59:59', 'reminder', 3, true, 'the last minute of 催办'],
    ['2026-03-12T00:00:00', 'supervision', 4, true, '督办 three working days later'],
    ['2026-03-20T23:59:59', 'supervision', 10, true, 'the last minute of 督办'],
    ['2026-03-23T00:00:00', 'listed', 11, true, '挂牌督办 seven working days after that'],
    ['2026-06-30T12:00:00', 'listed', 78, true, 'and there it stays'],
  ] as const)('due Friday 2026-03-06, at %s: %s, %i days (%s)', (now, step, daysOverdue, overdue, _why) => {
    expect(stepAt('2026-03-06', now)).toEqual({ step, daysOverdue, overdue });
  });

  it.each([
    ['2026-02-13T23:59:59', 'none', 0],
    ['2026-02-14T00:00:00', 'reminder', 1], // the make-up Saturday is a working day
    ['2026-02-23T23:59:59', 'reminder', 1], // nine days off add nothing
    ['2026-02-25T12:00:00', 'reminder', 3],
    ['2026-02-26T00:00:00', 'supervision', 4],
    ['2026-03-05T23:59:59', 'supervision', 10], // counting the make-up Saturday 02-28
    ['2026-03-06T00:00:00', 'listed', 11],
  ] as const)('due Friday 2026-02-13, before 春节, at %s: %s', (now, step, daysOverdue) => {
    expect(stepAt('2026-02-13', now)).toMatchObject({ step, daysOverdue });
  });

  it.each([
    ['2026-10-07T23:59:59', 'none', 0],
    ['2026-10-08T00:00:00', 'reminder', 1],
    ['2026-10-10T09:00:00', 'reminder', 3], // the make-up Saturday
    ['2026-10-11T09:00:00', 'reminder', 3],
    ['2026-10-12T00:00:00', 'supervision', 4],
  ] as const)('due 2026-09-30, before 国庆节, at %s: %s', (now, step, daysOverdue) => {
    expect(stepAt('2026-09-30', now)).toMatchObject({ step, daysOverdue });
  });

  it.each([
    ['2026-03-09T09:00:00', 'reminder'],
    ['2026-03-10T09:00:00', 'supervision'],
    ['2026-03-11T09:00:00', 'supervision'],
    ['2026-03-12T09:00:00', 'listed'],
  ] as const)('follows its config (1 and 2 more days): at %s, %s', (now, step) => {
    const config = ladderConfigSchema.parse({ supervision_after_days: 1, listed_after_days: 2 });
    expect(stepAt('2026-03-06', now, config).step).toBe(step);
  });

  it('works on the due_at that deadlineFor writes (to the second)', () => {
    const policy = deadlinePolicySchema.parse({ default_days: 2 });
    const signedAt = at('2026-03-04T16:30:00');
    const { due_at } = deadlineFor({ level: 'yellow', source: 'x', signedAt }, policy, calendar);
    expect(due_at).toBe('2026-03-06T23:59:59+08:00');
    expect(ladderStep(new Date(due_at), at('2026-03-06T23:59:30'), calendar, defaults).step).toBe('none');
    expect(ladderStep(new Date(due_at), at('2026-03-09T08:00:00'), calendar, defaults).step).toBe('reminder');
  });
});

describe('nextSteps: only the highest new step is announced', () => {
  it.each([
    ['none', 'none', []],
    ['none', 'reminder', ['reminder']],
    ['reminder', 'reminder', []],
    ['reminder', 'supervision', ['supervision']],
    ['supervision', 'listed', ['listed']],
    ['none', 'listed', ['listed']], // 催办 and 督办 jumped over: moot by now
    ['reminder', 'listed', ['listed']],
    ['listed', 'reminder', []], // deadline extended: nothing is withdrawn
    ['supervision', 'none', []],
  ] as const)('%s → %s: %j', (current, computed, announced) => {
    expect(nextSteps(current, computed)).toEqual(announced);
  });
});

describe('ladder config and labels', () => {
  it('defaults to 3 and 7 working days', () => {
    expect(defaults).toEqual({ supervision_after_days: 3, listed_after_days: 7 });
  });

  it('refuses a zero, a fraction and an unknown key, all at once', () => {
    const result = ladderConfigSchema.safeParse({
      supervision_after_days: 0,
      listed_after_days: 2.5,
      weekly: true,
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([
      ['supervision_after_days'],
      ['listed_after_days'],
      [],
    ]);
  });

  it('names each step in Chinese', () => {
    const steps: LadderStep[] = ['reminder', 'supervision', 'listed'];
    expect(steps.map((step) => LADDER_STEP_NAMES_ZH[step])).toEqual(['催办', '督办', '挂牌督办']);
  });
});
