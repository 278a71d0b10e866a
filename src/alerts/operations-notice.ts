import { z } from 'zod';
import { isoTimestamp } from '../domain/post.ts';

/** What can go wrong with the machinery, as opposed to what the public says. */
export const OPERATIONS_KINDS = [
  'source_failing',
  'source_blocked',
  'source_silent',
  'source_recovered',
  'queue_backlog',
  'worker_gone',
  'store_unreachable',
  'channel_failing',
  'nothing_collected',
  'recovered',
  // Overdue leads, to their owning units and the leading group: not the operators' machinery,
  // but the same kind of plain notice outside the public-opinion alert routes.
  'lead_reminder',
  'lead_supervision',
  'lead_listed',
] as const;

const LABELS: Partial<Record<(typeof OPERATIONS_KINDS)[number], string>> = {
  lead_reminder: '线索催办',
  lead_supervision: '线索督办',
  lead_listed: '挂牌督办',
};

/** Whether a notice says a problem is over. */
export function isRecovery(kind: (typeof OPERATIONS_KINDS)[number]): boolean {
  return kind === 'source_recovered' || kind === 'recovered';
}

/**
 * A message for the operators (a source down, credentials expired, a source gone silent). It
 * travels apart from public-opinion alerts: its own routing, its own rendering, its own key space.
 */
export const operationsNoticeSchema = z.strictObject({
  key: z.string().min(1),
  kind: z.enum(OPERATIONS_KINDS),
  /** What it is about, e.g. `source:weibo-realtime`. */
  subject: z.string(),
  title: z.string(),
  detail: z.string(),
  at: isoTimestamp,
});

export type OperationsNotice = z.infer<typeof operationsNoticeSchema>;

export function renderOperationsText(notice: OperationsNotice): string {
  const label = LABELS[notice.kind] ?? (isRecovery(notice.kind) ? '运维恢复' : '运维告警');
  return [
    `【${label}】${notice.title}`,
    notice.detail,
    `时间：${notice.at.replace('T', ' ').slice(0, 16)}`,
  ].join('\n');
}
