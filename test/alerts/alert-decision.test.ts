import { describe, expect, it } from 'vitest';
import {
  type AlertTimings,
  afterSending,
  decideAlert,
  emptyAlertState,
} from '../../src/alerts/alert-decision.ts';
import { silenceFor } from '../../src/alerts/silences.ts';
import { sampleEvent } from '../helpers/sample-events.ts';

const timings: AlertTimings = {
  red: { group_wait_s: 0, repeat_interval_m: 60, ack_within_m: 5 },
  orange: { group_wait_s: 30, repeat_interval_m: 240, ack_within_m: 15 },
  yellow: { group_wait_s: 120, repeat_interval_m: 1440 },
  blue: { group_wait_s: 600, repeat_interval_m: 1440 },
};
const T0 = new Date('2026-11-26T09:00:00+08:00');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const context = (now: Date, over: Partial<Parameters<typeof decideAlert>[2]> = {}) => ({
  routed: (level: string) => level !== 'blue',
  timings,
  silence: null,
  now,
  ...over,
});

describe('whether to tell the people on duty about an event', () => {
  it('raises once, stays quiet until the level rises or a reminder is due, then reminds at the highest level told', () => {
    const event = sampleEvent({ level: 'orange' });
    const first = decideAlert(event, emptyAlertState(event.id), context(T0));
    expect(first).toMatchObject({
      send: true,
      kind: 'raised',
      level: 'orange',
      key: `event:${event.id}:orange:1:raised`,
    });
    let state = afterSending(emptyAlertState(event.id), first as never, T0);
    expect(decideAlert(event, state, context(at(10)))).toMatchObject({
      send: false,
      reason: 'not_due',
      recheckAt: at(240),
    });

    const red = { ...event, level: 'red' as const };
    const up = decideAlert(red, state, context(at(20)));
    expect(up).toMatchObject({ send: true, kind: 'level_up', level: 'red' });
    state = afterSending(state, up as never, at(20));

    // Back to orange: a red message inhibits orange follow-ups; the red reminder still comes.
    expect(decideAlert(event, state, context(at(30)))).toMatchObject({ send: false, reason: 'inhibited' });
    expect(decideAlert(event, state, context(at(80)))).toMatchObject({
      send: true,
      kind: 'repeat',
      level: 'red',
      key: `event:${event.id}:red:3:repeat`,
    });
  });

  it('sends no reminder once acknowledged, but still tells of a rise', () => {
    const event = sampleEvent({ level: 'orange', status: 'acknowledged' });
    const state = afterSending(emptyAlertState(event.id), { key: 'k1', level: 'orange', kind: 'raised' }, T0);
    expect(decideAlert(event, state, context(at(500)))).toMatchObject({
      send: false,
      reason: 'acknowledged',
    });
    expect(decideAlert({ ...event, level: 'red' }, state, context(at(500)))).toMatchObject({
      send: true,
      kind: 'level_up',
    });
  });

  it('says nothing about a resolved event, an unrouted level, or a silenced one', () => {
    expect(decideAlert(sampleEvent({ status: 'resolved' }), emptyAlertState('x'), context(T0))).toMatchObject(
      { reason: 'resolved' },
    );
    expect(decideAlert(sampleEvent({ level: 'blue' }), emptyAlertState('x'), context(T0))).toMatchObject({
      reason: 'not_routed',
    });
    const event = sampleEvent();
    const silence = {
      id: 's1',
      keyword: '安置房',
      starts_at: '2026-11-26T08:00:00+08:00',
      ends_at: '2026-11-26T12:00:00+08:00',
      author: '值班员张伟',
      reason: '已由住建局现场处置，暂停推送',
      created_at: '2026-11-26T08:00:00+08:00',
    };
    expect(silenceFor(event, [silence], T0)).toBe(silence);
    expect(silenceFor(event, [silence], at(300))).toBeNull();
    expect(decideAlert(event, emptyAlertState(event.id), context(T0, { silence }))).toMatchObject({
      reason: 'silenced',
    });
  });

  it('silences a source only for events seen on that source alone', () => {
    const base = {
      id: 's2',
      starts_at: '2026-11-26T08:00:00+08:00',
      ends_at: '2026-11-27T08:00:00+08:00',
      author: 'a',
      reason: '测试来源',
      created_at: '2026-11-26T08:00:00+08:00',
    };
    const silence = { ...base, source: 'forum' };
    expect(silenceFor(sampleEvent({ sources: ['forum'] }), [silence], T0)).toBe(silence);
    expect(silenceFor(sampleEvent({ sources: ['forum', 'weibo'] }), [silence], T0)).toBeNull();
  });
});
