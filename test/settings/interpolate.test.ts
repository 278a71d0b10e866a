import { describe, expect, it } from 'vitest';
import { interpolate, isSingleReference } from '../../src/settings/interpolate.ts';

describe('interpolate', () => {
  const env = { HOST: 'redis.internal', EMPTY: '', PORT: '6380' };
  it.each([
    ['redis://${HOST}:${PORT}', 'redis://redis.internal:6380'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${EMPTY:-used when empty}', 'used when empty'],
    ['${MISSING:-}', ''],
    ['cost $$5 ${PORT}', 'cost $5 6380'],
    ['no references', 'no references'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, env)).toEqual({ ok: true, value: expected });
  });

  it('names every unset variable that has no default', () => {
    expect(interpolate('${A}/${B:-x}/${C}', {})).toEqual({
      ok: false,
      message: 'environment variable A, C is not set and has no default',
    });
  });

  it('tells a whole-value reference from text around one', () => {
    expect(isSingleReference('${PORT:-8080}')).toBe(true);
    expect(isSingleReference('http://${HOST}')).toBe(false);
  });
});
