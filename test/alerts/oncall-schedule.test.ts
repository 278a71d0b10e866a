import { describe, expect, it } from 'vitest';
import { onCallSchema } from '../../src/alerts/oncall.ts';
import { dutyTimeline, rosterDays } from '../../src/alerts/oncall-schedule.ts';
import { calendarSchema } from '../../src/leads/working-days.ts';

const person = (name: string, channels: string[]) => ({ name, channels });
const roster = onCallSchema.parse({
  people: {
    zhang: person('张伟', ['sms-zhang']),
    li: person('李娜', ['email-li']),
    wang: person('王强', ['console']),
  },
  shifts: [
    {
      name: '白班',
      days: ['workday'],
      start: '08:30',
      end: '17:30',
      primary: 'zhang',
      secondary: 'li',
      leader: 'wang',
    },
    {
      name: '夜班',
      days: ['workday'],
      start: '17:30',
      end: '08:30',
      primary: 'li',
      secondary: 'zhang',
      leader: 'wang',
    },
    {
      name: '周末',
      days: ['weekend'],
      start: '09:00',
      end: '18:00',
      primary: 'li',
      secondary: 'zhang',
      leader: 'wang',
    },
  ],
  // 调休: Sunday 2026-09-27 is worked; 10-01 is a holiday the roster knows, 10-02 one it does not.
  holidays: ['2026-10-01'],
  workdays: ['2026-09-27'],
});
const calendar = calendarSchema.parse({
  covered_years: [2026],
  holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
  workdays: [{ name: '国庆节', date: '2026-09-27' }],
});
const phones = new Map([['sms-zhang', ['13812345678', '07551234']]]);

describe('the roster over the coming days', () => {
  it('names each day for the roster and the calendar, and flags where the two disagree', () => {
    const days = rosterDays(roster, calendar, new Date('2026-09-26T12:00:00+08:00'), 6);
    expect(days.map((d) => [d.date, d.weekday, d.roster, d.makeup, d.calendar.working, d.mismatch])).toEqual([
      ['2026-09-26', '周六', 'weekend', false, false, false],
      ['2026-09-27', '周日', 'workday', true, true, false],
      ['2026-09-28', '周一', 'workday', false, true, false],
      ['2026-09-29', '周二', 'workday', false, true, false],
      ['2026-09-30', '周三', 'workday', false, true, false],
      ['2026-10-01', '周四', 'holiday', false, false, false],
      ['2026-10-02', '周五', 'workday', false, false, true],
    ]);
    expect(days[5]?.calendar).toEqual({ working: false, holiday: '国庆节', makeup: null });
    expect(days[1]?.calendar).toEqual({ working: true, holiday: null, makeup: '国庆节' });
  });

  it('follows dutyAt through shifts, gaps and make-up days, with phones masked', () => {
    const spans = dutyTimeline(roster, phones, new Date('2026-09-26T12:00:00+08:00'), 1);
    expect(spans.map((s) => [s.shift, s.from.slice(5, 16), s.to.slice(5, 16)])).toEqual([
      ['夜班', '09-26T00:00', '09-26T08:30'],
      [null, '09-26T08:30', '09-26T09:00'],
      ['周末', '09-26T09:00', '09-26T18:00'],
      [null, '09-26T18:00', '09-27T08:30'],
      ['白班', '09-27T08:30', '09-27T17:30'],
      ['夜班', '09-27T17:30', '09-28T00:00'],
    ]);
    expect(spans[4]?.primary).toEqual({
      id: 'zhang',
      name: '张伟',
      channels: ['sms-zhang'],
      phones: ['138****5678', '****34'],
    });
    expect(spans[1]?.primary).toBeNull();
  });
});
