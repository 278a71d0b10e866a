import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { EventRecord } from '../events/event-record.ts';
import { hourOf } from '../events/event-record.ts';
import type { AlertNotification } from './notification.ts';

export interface NotificationContext {
  key: string;
  kind: AlertNotification['kind'];
  level: AlertNotification['level'];
  /** Source id → the name people know it by (微博搜索·实时). */
  sourceNames: ReadonlyMap<string, string>;
  ackUrl: string | null;
  recipients: readonly string[];
  now: Date;
}

/** The message about an event, as the people on duty read it (already masked by the event). */
export function notificationFor(event: EventRecord, context: NotificationContext): AlertNotification {
  const lastHour = hourOf(toShanghaiIso(context.now));
  return {
    key: context.key,
    kind: context.kind,
    level: context.level,
    event_id: event.id,
    title: event.title || '（无标题）',
    summary: event.summary,
    town: event.town,
    amount_yuan: event.amount_yuan,
    workers: event.workers,
    sources: event.sources.map((id) => context.sourceNames.get(id) ?? id),
    posts: event.post_count,
    spread: {
      per_hour: event.hourly.find(([hour]) => hour === lastHour)?.[1] ?? 0,
      reposts: event.engagement.reposts,
      comments: event.engagement.comments,
    },
    owners: event.departments,
    risks: event.risks,
    reasons: event.level_reasons,
    first_seen: event.first_seen,
    last_seen: event.last_seen,
    url: event.url,
    ack_url: context.ackUrl,
    recipients: [...context.recipients],
  };
}
