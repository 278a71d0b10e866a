import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { calendarSchema, createWorkingCalendar, shanghaiYmd } from '../../src/leads/working-days.ts';

const shipped = parse(readFileSync(new URL('../../config/calendar.yaml', import.meta.url), 'utf8'));
const calendar = createWorkingCalendar(calendarSchema.parse(shipped));
const at = (local: string) => new Date(`${local}+08:00`);
const endOf = (ymd: string) => at(`${ymd}T23:59:59.999`);

describe('the shipped calendar (config/calendar.yaml)', () => {
  it('passes its schema, and covers 2026 only until the 2027 notice is entered', () => {
    expect(calendarSchema.safeParse(shipped).error).toBeUndefined();
    expect(calendar.covers('2026-01-01')).toBe(true);
    expect(calendar.covers('2026-12-31')).toBe(true);
    expect(calendar.covers('2025-12-31')).toBe(false);
    expect(calendar.covers('2027-02-08')).toBe(false);
  });

  it.each([
    ['2026-01-01', false, '元旦, a Thursday'],
    ['2026-01-04', true, 'Sunday worked for 元旦'],
    ['2026-02-14', true, 'Saturday worked for 春节'],
    ['2026-02-15', false, '春节 starts on a Sunday'],
    ['2026-02-23', false, '春节 ends on a Monday'],
    ['2026-02-24', true, 'first Tuesday after 春节'],
    ['2026-02-28', true, 'Saturday worked for 春节'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2026-03-02', true, 'an ordinary Monday'],
    ['2026-04-06', false, '清明节 Monday'],
    ['2026-05-05', false, '劳动节 Tuesday'],
    ['2026-05-09', true, 'Saturday worked for 劳动节'],
    ['2026-06-19', false, '端午节 Friday'],
    ['2026-09-20', true, 'Sunday worked for 国庆节'],
    ['2026-09-25', false, '中秋节 Friday'],
    ['2026-10-07', false, '国庆节 Wednesday'],
    ['2026-10-10', true, 'Saturday worked for 国庆节'],
    ['2027-02-08', false, 'provisional 2027 春节 entries are still used'],
    ['2027-05-03', true, 'uncovered 2027: weekday alone'],
    ['2028-05-01', true, 'uncovered 2028: weekday alone'],
  ])('%s is a working day: %s (%s)', (ymd, working) => {
    expect(calendar.isWorkingDay(ymd)).toBe(working);
  });

  it('refuses a malformed or unreal date', () => {
    expect(() => calendar.isWorkingDay('2026-2-1')).toThrow(RangeError);
    expect(() => calendar.covers('2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingDays: the end of the n-th working day after the start day', () => {
  it.each([
    ['2026-03-06T10:00:00', 1, '2026-03-09', 'Friday to Monday, over a weekend'],
    ['2026-03-05T10:00:00', 3, '2026-03-10', 'Thursday plus three'],
    ['2026-02-13T09:00:00', 1, '2026-02-14', '春节: the make-up Saturday counts'],
    ['2026-02-13T09:00:00', 2, '2026-02-24', '春节: then the nine days off are skipped'],
    ['2026-02-12T16:00:00', 5, '2026-02-26', '春节: straight across'],
    ['2026-02-27T16:00:00', 1, '2026-02-28', '春节: the second make-up Saturday'],
    ['2026-09-18T10:00:00', 1, '2026-09-20', '国庆节: the make-up Sunday counts'],
    ['2026-09-20T10:00:00', 1, '2026-09-21', '国庆节: starting on the make-up Sunday'],
    ['2026-09-24T10:00:00', 1, '2026-09-28', '中秋节 Friday and the weekend skipped'],
    ['2026-09-30T10:00:00', 1, '2026-10-08', '国庆节 skipped'],
    ['2026-09-30T10:00:00', 3, '2026-10-10', '国庆节: then the make-up Saturday'],
    [
      '2026-10-03T12:00:00',
      1,
      '2026-10-08',
      'starting on a holiday: counting starts at the next working day',
    ],
    ['2026-02-17T08:00:00', 2, '2026-02-25', 'starting on 春节 初一'],
    ['2026-09-19T10:00:00', 1, '2026-09-20', 'starting on a Saturday before a make-up Sunday'],
    ['2026-03-02T23:59:59', 1, '2026-03-03', 'late on Monday evening: Monday still does not count'],
    ['2026-03-03T00:00:00', 1, '2026-03-04', 'just after midnight: Tuesday is the start day'],
    ['2026-03-03T00:30:00', 1, '2026-03-04', 'the Shanghai day, not UTC (still Monday in UTC)'],
  ])('from %s plus %i → end of %s (%s)', (start, n, due) => {
    expect(calendar.addWorkingDays(at(start), n)).toEqual(endOf(due));
  });

  it('ends at 23:59:59.999 Shanghai time', () => {
    expect(calendar.addWorkingDays(at('2026-03-06T10:00:00'), 1).toISOString()).toBe(
      '2026-03-09T15:59:59.999Z',
    );
  });

  it('gives a start on a rest day the same deadline as one on the working day before', () => {
    for (const n of [1, 2, 5]) {
      const fromHoliday = calendar.addWorkingDays(at('2026-10-03T12:00:00'), n);
      expect(fromHoliday).toEqual(calendar.addWorkingDays(at('2026-09-30T09:00:00'), n));
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %s working days', (n) => {
    expect(() => calendar.addWorkingDays(at('2026-03-02T10:00:00'), n)).toThrow(RangeError);
  });
});

describe('workingDaysBetween: working days after a’s day up to and including b’s', () => {
  it.each([
    ['2026-03-02T00:00:00', '2026-03-02T23:59:59', 0, 'the same day'],
    ['2026-03-06T23:00:00', '2026-03-09T01:00:00', 1, 'Friday to Monday'],
    ['2026-03-02T10:00:00', '2026-03-06T10:00:00', 4, 'Monday to Friday'],
    ['2026-03-06T10:00:00', '2026-03-02T10:00:00', -4, 'backwards'],
    ['2026-02-13T10:00:00', '2026-02-24T10:00:00', 2, 'across 春节 and its make-up Saturday'],
    ['2026-09-19T10:00:00', '2026-10-08T10:00:00', 9, 'across 中秋节 and 国庆节'],
    ['2026-10-01T10:00:00', '2026-10-07T10:00:00', 0, 'within 国庆节'],
  ])('%s → %s: %i (%s)', (a, b, expected) => {
    expect(calendar.workingDaysBetween(at(a), at(b))).toBe(expected);
  });

  it('is the inverse of addWorkingDays, every day of 2026', () => {
    for (
      let day = at('2026-01-01T09:00:00').getTime();
      day < at('2027-01-01T00:00:00').getTime();
      day += 86_400_000
    ) {
      for (const n of [1, 3, 10]) {
        const start = new Date(day);
        expect(
          calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n)),
          shanghaiYmd(start),
        ).toBe(n);
      }
    }
  });
});

describe('calendarSchema', () => {
  const valid = {
    covered_years: [2026],
    holidays: [{ name: '春节', from: '2026-02-15', to: '2026-02-23' }],
    workdays: [{ name: '春节', date: '2026-02-14' }],
  };

  it('reports every problem at once, with paths', () => {
    const result = calendarSchema.safeParse({
      covered_years: [2026, 2028],
      holidays: [
        ...valid.holidays,
        { name: '元宵', from: '2026-02-23', to: '2026-02-24' },
        { name: '国庆节', from: '2026-10-07', to: '2026-10-01' },
        { name: '劳动节', from: '2026-05-01', to: '2026-12-05' },
      ],
      workdays: [
        { name: '春节', date: '2026-02-16' },
        { name: '春节', date: '2026-03-02' },
      ],
    });
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['holidays', 1], message: '元宵 overlaps 春节 on 2026-02-23' },
      { path: ['holidays', 2, 'to'], message: '国庆节 ends before it starts' },
      { path: ['holidays', 3, 'to'], message: '劳动节 spans 219 days, more than any notice' },
      {
        path: ['workdays', 0, 'date'],
        message: '2026-02-16 is a Monday; a make-up workday (调休上班) is a Saturday or Sunday',
      },
      { path: ['workdays', 0, 'date'], message: '2026-02-16 is also a holiday (春节)' },
      {
        path: ['workdays', 1, 'date'],
        message: '2026-03-02 is a Monday; a make-up workday (调休上班) is a Saturday or Sunday',
      },
      {
        path: ['covered_years', 1],
        message: '2028 is marked covered but has no holidays; enter its notice or remove the year',
      },
    ]);
  });

  it.each([
    [{ ...valid, extra: true }, [], 'Unrecognized key'],
    [
      { ...valid, workdays: [{ name: '春节', date: '2026-02-30' }] },
      ['workdays', 0, 'date'],
      'no such calendar date',
    ],
    [
      { ...valid, holidays: [{ name: '春节', from: '2026/02/15', to: '2026-02-23' }] },
      ['holidays', 0, 'from'],
      'YYYY-MM-DD',
    ],
    [{ ...valid, covered_years: [] }, ['covered_years'], 'at least one year'],
  ])('refuses %j', (input, path, message) => {
    const issue = calendarSchema.safeParse(input).error?.issues[0];
    expect(issue).toMatchObject({ path, message: expect.stringContaining(message) });
  });
});
