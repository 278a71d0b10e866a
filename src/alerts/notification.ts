import { z } from 'zod';
import { LEVEL_NAMES_ZH, levelSchema } from '../domain/classification.ts';
import { isoTimestamp } from '../domain/post.ts';

/** Why a notification goes out now. */
export const NOTIFICATION_KINDS = ['raised', 'level_up', 'repeat', 'escalated'] as const;

/**
 * One message about one event to the people on duty: everything a channel needs to render it,
 * already masked (no phone or ID number survives into a message). It is also the payload that
 * crosses the delivery queue, so it is checked by schema at the boundary.
 */
export const alertNotificationSchema = z.strictObject({
  /** Idempotency key: one per event, level and notification round. A channel sends a key once. */
  key: z.string().min(1).max(300),
  kind: z.enum(NOTIFICATION_KINDS),
  level: levelSchema.exclude(['none']),
  event_id: z.string().min(1),
  title: z.string(),
  /** A short masked excerpt of the most telling post. */
  summary: z.string(),
  town: z.string().nullable(),
  amount_yuan: z.number().nullable(),
  workers: z.number().int().nullable(),
  /** Display names of the sources the event was seen on. */
  sources: z.array(z.string()),
  posts: z.int().nonnegative(),
  /** Posts in the last hour, and reposts + comments summed over the event's posts. */
  spread: z.strictObject({
    per_hour: z.number().nonnegative(),
    reposts: z.int().nonnegative(),
    comments: z.int().nonnegative(),
  }),
  /** Departments that own it (住建, 人社 …). */
  owners: z.array(z.string()),
  risks: z.array(z.string()),
  reasons: z.array(z.string()),
  first_seen: isoTimestamp,
  last_seen: isoTimestamp,
  /** The most telling post's address. */
  url: z.url(),
  /** A signed, expiring link that acknowledges the event; null when no console is configured. */
  ack_url: z.url().nullable(),
  /** Who this round is for, on escalation (值班员 / 副班 / 带班领导 and their names). */
  recipients: z.array(z.string()),
});

export type AlertNotification = z.infer<typeof alertNotificationSchema>;

const KIND_ZH = {
  raised: '新预警',
  level_up: '预警升级',
  repeat: '持续关注',
  escalated: '未确认升级提醒',
} as const;
const RISK_ZH: Readonly<Record<string, string>> = {
  extreme: '极端行为',
  mass_gathering: '群体聚集',
  criminal: '涉嫌犯罪',
};

/** `【红色预警·新预警】河口镇 · 工地拖欠工资…`: the one line every channel leads with. */
export function renderNotificationHeadline(n: AlertNotification): string {
  return `【${LEVEL_NAMES_ZH[n.level]}预警·${KIND_ZH[n.kind]}】${n.town ?? '属地未识别'} · ${n.title}`;
}

/** The body lines, in Chinese, in the order a person on duty reads them. */
export function renderNotificationLines(n: AlertNotification): string[] {
  const money = n.amount_yuan === null ? null : `涉及金额：约 ${formatYuan(n.amount_yuan)}`;
  const people = n.workers === null ? null : `涉及人数：${n.workers} 人`;
  const risks = n.risks.map((r) => RISK_ZH[r] ?? r).join('、');
  return [
    ...(n.recipients.length > 0 ? [`请 ${n.recipients.join('、')} 处理`] : []),
    `首次发现：${clock(n.first_seen)}　最近：${clock(n.last_seen)}`,
    `来源：${n.sources.join('、') || '—'}　相关帖子 ${n.posts} 条，近1小时 ${n.spread.per_hour} 条，转发 ${n.spread.reposts}、评论 ${n.spread.comments}`,
    ...[money, people].filter((line): line is string => line !== null),
    ...(risks ? [`风险：${risks}`] : []),
    `责任单位：${n.owners.join('、') || '人社'}`,
    `摘要：${n.summary}`,
    ...(n.reasons.length > 0 ? [`依据：${n.reasons.join('；')}`] : []),
    `原文：${n.url}`,
    ...(n.ack_url ? [`确认处理：${n.ack_url}`] : []),
  ];
}

/** Plain text: headline then body, for SMS, email and consoles. */
export function renderNotificationText(n: AlertNotification): string {
  return [renderNotificationHeadline(n), ...renderNotificationLines(n)].join('\n');
}

export function formatYuan(yuan: number): string {
  if (yuan >= 10_000) return `${Number((yuan / 10_000).toFixed(1))} 万元`;
  return `${Math.round(yuan)} 元`;
}

function clock(iso: string): string {
  return iso.replace('T', ' ').slice(5, 16);
}

/**
 * A digest of several notifications, for when a burst outruns a platform's rate limit: one
 * headline with the counts by level, then one line per notification, highest level first.
 */
export function renderDigestText(notifications: readonly AlertNotification[]): string {
  const order = ['red', 'orange', 'yellow', 'blue'] as const;
  const sorted = [...notifications].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  const counts = order
    .map((level) => [level, notifications.filter((n) => n.level === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${LEVEL_NAMES_ZH[level].slice(0, 1)}${count}`)
    .join(' ');
  return [
    `【预警汇总】${notifications.length} 条预警（${counts}）`,
    ...sorted.map((n) => `${renderNotificationHeadline(n)}\n  ${n.ack_url ?? n.url}`),
  ].join('\n');
}
