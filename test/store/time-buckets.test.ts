import { describe, expect, it } from 'vitest';
import { bucketsCovering, dayKey, monthKey } from '../../src/store/time-buckets.ts';

describe('time buckets', () => {
  it('keys days and months on the Shanghai calendar', () => {
    expect(dayKey('2026-11-25T16:30:00Z')).toBe('20261126');
    expect(dayKey('2026-11-26T23:59:59+08:00')).toBe('20261126');
    expect(monthKey('2026-11-30T16:00:00Z')).toBe('202612');
  });

  it('covers a short range with days, edges included', () => {
    expect(bucketsCovering('2026-11-24T12:00:00+08:00', '2026-11-26T08:00:00+08:00')).toEqual([
      'd20261124',
      'd20261125',
      'd20261126',
    ]);
    expect(bucketsCovering('2026-11-26T00:00:00+08:00', '2026-11-27T00:00:00+08:00')).toEqual(['d20261126']);
  });

  it('covers a long range with months', () => {
    expect(bucketsCovering('2026-01-15T00:00:00+08:00', '2026-05-02T00:00:00+08:00')).toEqual([
      'm202601',
      'm202602',
      'm202603',
      'm202604',
      'm202605',
    ]);
  });

  it('gives nothing to narrow with when the range is open or empty', () => {
    expect(bucketsCovering(undefined, '2026-11-26T00:00:00+08:00')).toBeNull();
    expect(bucketsCovering('2026-11-27T00:00:00+08:00', '2026-11-26T00:00:00+08:00')).toEqual([]);
  });
});
