import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { deadlineFor, deadlinePolicySchema } from '../../src/leads/deadline-policy.ts';
import { calendarSchema, createWorkingCalendar } from '../../src/leads/working-days.ts';

const calendar = createWorkingCalendar(
  calendarSchema.parse(parse(readFileSync(new URL('../../config/calendar.yaml', import.meta.url), 'utf8'))),
);
const policy = deadlinePolicySchema.parse(
  parse(`
default_days: 10
by_level: { red: 2, orange: 5, blue: 20 }
by_source: { county-secretary-mailbox: 3, tieba-search: 7 }
`),
);
const at = (local: string) => new Date(`${local}+08:00`);
const wednesday = at('2026-03-04T10:00:00');

describe('deadlineFor: the smallest applicable entry wins', () => {
  it.each([
    ['yellow', 'weibo-web-search', 10, 'default', '2026-03-18', 'no entry: the default'],
    ['none', 'weibo-web-search', 10, 'default', '2026-03-18', 'level none has no entry'],
    ['red', 'weibo-web-search', 2, 'level', '2026-03-06', 'red'],
    ['blue', 'weibo-web-search', 20, 'level', '2026-04-01', 'an entry longer than the default still applies'],
    ['orange', 'county-secretary-mailbox', 3, 'source', '2026-03-09', 'source tighter than level'],
    ['red', 'county-secretary-mailbox', 2, 'level', '2026-03-06', 'level tighter than source'],
    ['yellow', 'tieba-search', 7, 'source', '2026-03-13', 'source only'],
    ['yellow', 'constructor', 10, 'default', '2026-03-18', 'not fooled by Object.prototype'],
  ] as const)('%s from %s → %i days (%s), due %s: %s', (level, source, days, basis, dueDay, _why) => {
    expect(deadlineFor({ level, source, signedAt: wednesday }, policy, calendar)).toEqual({
      days,
      basis,
      due_at: `${dueDay}T23:59:59+08:00`,
    });
  });

  it('counts from signing (签收) across 春节 and its make-up Saturdays', () => {
    const signedAt = at('2026-02-12T16:00:00');
    const deadline = deadlineFor({ level: 'yellow', source: 'weibo-web-search', signedAt }, policy, calendar);
    // 02-13, 02-14 (Sat), 02-24 … 02-27, 02-28 (Sat), 03-02 … 03-04
    expect(deadline.due_at).toBe('2026-03-04T23:59:59+08:00');
    expect(deadlineFor({ level: 'red', source: 'x', signedAt }, policy, calendar).due_at).toBe(
      '2026-02-14T23:59:59+08:00',
    );
  });

  it('counts from the next working day when signed during 国庆节', () => {
    const signedAt = at('2026-10-02T11:00:00');
    expect(deadlineFor({ level: 'red', source: 'x', signedAt }, policy, calendar).due_at).toBe(
      '2026-10-09T23:59:59+08:00',
    );
  });
});

describe('deadlineFor: a stated due date (办理时限)', () => {
  const lead = { level: 'yellow', source: 'weibo-web-search', signedAt: wednesday } as const;

  it('wins when earlier, with the working days the unit actually gets', () => {
    expect(deadlineFor({ ...lead, statedDueBy: '2026-03-10' }, policy, calendar)).toEqual({
      days: 4,
      basis: 'stated',
      due_at: '2026-03-10T23:59:59+08:00',
    });
  });

  it('is ignored when later, on the same day, or absent', () => {
    for (const statedDueBy of ['2026-03-31', '2026-03-18', null, undefined]) {
      expect(deadlineFor({ ...lead, statedDueBy }, policy, calendar)).toMatchObject({
        days: 10,
        basis: 'default',
      });
    }
  });

  it('leaves a date already past at signing in the past, with negative days', () => {
    expect(deadlineFor({ ...lead, statedDueBy: '2026-03-02' }, policy, calendar)).toEqual({
      days: -2,
      basis: 'stated',
      due_at: '2026-03-02T23:59:59+08:00',
    });
  });

  it('gives a stated date on a rest day to its last minute', () => {
    expect(deadlineFor({ ...lead, statedDueBy: '2026-03-07' }, policy, calendar)).toMatchObject({
      days: 2,
      due_at: '2026-03-07T23:59:59+08:00',
    });
  });

  it('refuses a malformed date', () => {
    expect(() => deadlineFor({ ...lead, statedDueBy: '2026-3-7' }, policy, calendar)).toThrow(RangeError);
  });
});

describe('deadlinePolicySchema', () => {
  it('needs only default_days', () => {
    expect(deadlinePolicySchema.parse({ default_days: 15 })).toEqual({
      default_days: 15,
      by_level: {},
      by_source: {},
    });
  });

  it('reports every problem at once', () => {
    const result = deadlinePolicySchema.safeParse({
      default_days: 0,
      by_level: { red: 1.5, purple: 3 },
      by_source: { 'tieba-search': 300 },
      extra: true,
    });
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['default_days'], message: 'at least 1 working day' },
      { path: ['by_level', 'red'], message: 'a whole number of working days' },
      { path: ['by_level'], message: 'Unrecognized key: "purple"' },
      { path: ['by_source', 'tieba-search'], message: 'at most 250 working days (about a year)' },
      { path: [], message: 'Unrecognized key: "extra"' },
    ]);
  });
});
