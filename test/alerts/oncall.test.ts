import { describe, expect, it } from 'vitest';
import { coverageGaps, dutyAt, onCallSchema } from '../../src/alerts/oncall.ts';

const roster = onCallSchema.parse({
  people: {
    zhang: { name: '张伟', channels: ['sms-zhang'] },
    li: { name: '李娜', channels: ['sms-li'] },
    wang: { name: '王强', channels: ['sms-wang'] },
    zhao: { name: '赵敏', channels: ['sms-zhao'] },
  },
  shifts: [
    {
      name: '节假日全天',
      days: ['holiday'],
      start: '08:30',
      end: '08:30',
      primary: 'zhao',
      secondary: 'li',
      leader: 'wang',
    },
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
      start: '08:30',
      end: '08:30',
      primary: 'zhao',
      secondary: 'zhang',
      leader: 'wang',
    },
  ],
  holidays: ['2027-02-06'],
  workdays: ['2027-02-14'],
});
const at = (local: string) => new Date(`${local}+08:00`);
const shiftAt = (local: string) => dutyAt(roster, at(local))?.shift ?? null;

describe('who is on duty (Asia/Shanghai)', () => {
  it('follows day and night shifts on a working day, across midnight', () => {
    expect(shiftAt('2027-02-03T09:00:00')).toBe('白班'); // Wednesday
    expect(dutyAt(roster, at('2027-02-03T09:00:00'))?.primary).toEqual({
      id: 'zhang',
      name: '张伟',
      channels: ['sms-zhang'],
    });
    expect(shiftAt('2027-02-03T17:30:00')).toBe('夜班');
    expect(shiftAt('2027-02-04T02:00:00')).toBe('夜班'); // Wednesday's night shift, after midnight
    expect(shiftAt('2027-02-04T08:29:00')).toBe('夜班');
    expect(shiftAt('2027-02-04T08:30:00')).toBe('白班');
  });

  it('hands Friday night over to the weekend shift at 08:30 Saturday', () => {
    expect(shiftAt('2027-02-13T07:00:00')).toBe('夜班'); // Saturday morning, Friday's night
    expect(shiftAt('2027-02-13T09:00:00')).toBe('周末');
  });

  it('uses the holiday shift on a public holiday, and working shifts on a make-up workday', () => {
    expect(shiftAt('2027-02-06T12:00:00')).toBe('节假日全天'); // a Saturday that is a holiday
    expect(shiftAt('2027-02-07T03:00:00')).toBe('节假日全天'); // until 08:30 the next day
    expect(shiftAt('2027-02-14T10:00:00')).toBe('白班'); // Sunday, 调休上班
  });

  it('finds no gaps in this roster, and finds them in one without nights', () => {
    expect(coverageGaps(roster, at('2027-02-01T00:00:00'), 21)).toEqual([]);
    const daysOnly = onCallSchema.parse({ ...roster, shifts: [roster.shifts[1]] });
    expect(coverageGaps(daysOnly, at('2027-02-03T00:00:00'), 1).length).toBeGreaterThan(0);
  });

  it('refuses a shift naming somebody not in people', () => {
    const result = onCallSchema.safeParse({ ...roster, shifts: [{ ...roster.shifts[1], leader: 'nobody' }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['shifts', 0, 'leader'],
      message: expect.stringContaining('nobody'),
    });
  });
});
