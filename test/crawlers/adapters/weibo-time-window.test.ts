import { describe, expect, it } from 'vitest';
import {
  initialWindow,
  type SearchWindow,
  splitWindow,
  timescope,
} from '../../../crawlers/adapters/weibo/time-window.ts';

const NOW = new Date('2026-11-26T10:20:00+08:00');
const BOUNDS = { lookback_hours: 24, overlap_minutes: 30, max_lookback_hours: 168 };
const shown = (w: SearchWindow) => timescope(w);
const window = (start: string, end: string): SearchWindow => ({
  start: new Date(start).toISOString(),
  end: new Date(end).toISOString(),
});

describe('search windows for s.weibo.com', () => {
  it.each<[string, string | null, Partial<typeof BOUNDS>, string]>([
    ['a first pass looks back lookback_hours', null, {}, 'custom:2026-11-25-10:2026-11-26-11'],
    [
      'a later pass starts overlap before the newest post seen',
      '2026-11-26T08:40:00+08:00',
      {},
      'custom:2026-11-26-8:2026-11-26-11',
    ],
    [
      'the overlap may reach into the hour before',
      '2026-11-26T08:10:00+08:00',
      {},
      'custom:2026-11-26-7:2026-11-26-11',
    ],
    [
      'an old cursor is bounded by max_lookback_hours',
      '2026-10-01T00:00:00+08:00',
      {},
      'custom:2026-11-19-11:2026-11-26-11',
    ],
    [
      'a cursor in the future still searches the current hour',
      '2026-11-27T00:00:00+08:00',
      {},
      'custom:2026-11-26-10:2026-11-26-11',
    ],
    [
      'an unreadable cursor counts as none',
      'yesterday',
      { lookback_hours: 2 },
      'custom:2026-11-26-8:2026-11-26-11',
    ],
  ])('%s', (_, newestSeen, bounds, expected) => {
    expect(shown(initialWindow(NOW, newestSeen, { ...BOUNDS, ...bounds }))).toBe(expected);
  });

  it('splits up to a day into hours, newest first', () => {
    expect(splitWindow(window('2026-11-26T08:00:00+08:00', '2026-11-26T11:00:00+08:00')).map(shown)).toEqual([
      'custom:2026-11-26-10:2026-11-26-11',
      'custom:2026-11-26-9:2026-11-26-10',
      'custom:2026-11-26-8:2026-11-26-9',
    ]);
    expect(splitWindow(window('2026-11-25T22:00:00+08:00', '2026-11-26T01:00:00+08:00')).map(shown)).toEqual([
      'custom:2026-11-26-0:2026-11-26-1',
      'custom:2026-11-25-23:2026-11-26-0',
      'custom:2026-11-25-22:2026-11-25-23',
    ]);
  });

  it('splits more than a day at Shanghai midnights', () => {
    expect(splitWindow(window('2026-11-23T15:00:00+08:00', '2026-11-26T11:00:00+08:00')).map(shown)).toEqual([
      'custom:2026-11-26-0:2026-11-26-11',
      'custom:2026-11-25-0:2026-11-26-0',
      'custom:2026-11-24-0:2026-11-25-0',
      'custom:2026-11-23-15:2026-11-24-0',
    ]);
  });

  it('cannot split one hour', () => {
    expect(splitWindow(window('2026-11-26T10:00:00+08:00', '2026-11-26T11:00:00+08:00'))).toEqual([]);
  });
});
