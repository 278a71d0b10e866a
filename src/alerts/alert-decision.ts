import { type Level, levelRank } from '../domain/classification.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Silence } from './silences.ts';

type AlertLevel = Exclude<Level, 'none'>;

/** Per level: how long to wait for more posts before the first message, and how often to remind. */
export interface LevelTiming {
  group_wait_s: number;
  repeat_interval_m: number;
  /** Red and orange want an acknowledgement within this long, or the alert escalates. */
  ack_within_m?: number | undefined;
}

export type AlertTimings = Readonly<Record<AlertLevel, LevelTiming>>;

/** What has been said about an event so far (store record kind `alert-state`). */
export interface AlertState {
  event_id: string;
  round: number;
  last_level: AlertLevel | null;
  last_at: string | null;
  last_key: string | null;
  history: { key: string; level: AlertLevel; kind: 'raised' | 'level_up' | 'repeat'; at: string }[];
  /**
   * A message decided but not yet delivered to every channel: a retried job sends it again
   * (the delivery ledger skips channels that have it) before deciding anything new.
   */
  pending?: { key: string; level: AlertLevel; kind: 'raised' | 'level_up' | 'repeat'; at: string } | null;
}

export type AlertDecision =
  | { send: true; kind: 'raised' | 'level_up' | 'repeat'; level: AlertLevel; key: string }
  | {
      send: false;
      reason: 'resolved' | 'not_routed' | 'silenced' | 'acknowledged' | 'inhibited' | 'not_due';
      /** When a reminder would be due, for scheduling the next look. */
      recheckAt?: Date;
    };

export function emptyAlertState(eventId: string): AlertState {
  return { event_id: eventId, round: 0, last_level: null, last_at: null, last_key: null, history: [] };
}

/**
 * Whether to tell the people on duty about an event now (pure), in Alertmanager's model: a
 * first message when the event first reaches a routed level; another when its level rises; a
 * reminder at the highest level told when the repeat interval has passed and nobody has
 * acknowledged. A red message inhibits lower-level follow-ups; a silence mutes everything.
 */
export function decideAlert(
  event: EventRecord,
  state: AlertState,
  context: {
    routed: (level: AlertLevel) => boolean;
    timings: AlertTimings;
    silence: Silence | null;
    now: Date;
  },
): AlertDecision {
  if (event.status === 'resolved') return { send: false, reason: 'resolved' };
  if (event.level === 'none' || !context.routed(event.level)) return { send: false, reason: 'not_routed' };
  if (context.silence) return { send: false, reason: 'silenced' };
  const level = event.level;
  const key = (kind: string, at: AlertLevel) => `event:${event.id}:${at}:${state.round + 1}:${kind}`;
  if (state.last_level === null) return { send: true, kind: 'raised', level, key: key('raised', level) };
  if (levelRank(level) > levelRank(state.last_level))
    return { send: true, kind: 'level_up', level, key: key('level_up', level) };
  if (event.status === 'acknowledged') return { send: false, reason: 'acknowledged' };
  const told = state.last_level;
  const due = new Date(
    Date.parse(state.last_at as string) + context.timings[told].repeat_interval_m * 60_000,
  );
  if (context.now.getTime() >= due.getTime())
    return { send: true, kind: 'repeat', level: told, key: key('repeat', told) };
  return {
    send: false,
    reason: levelRank(level) < levelRank(told) ? 'inhibited' : 'not_due',
    recheckAt: due,
  };
}

/** The state after a message went out. */
export function afterSending(
  state: AlertState,
  sent: { key: string; level: AlertLevel; kind: 'raised' | 'level_up' | 'repeat' },
  at: Date,
): AlertState {
  const when = at.toISOString();
  return {
    ...state,
    round: state.round + 1,
    last_level: sent.level,
    last_at: when,
    last_key: sent.key,
    history: [...state.history, { ...sent, at: when }].slice(-50),
    pending: { ...sent, at: when },
  };
}
