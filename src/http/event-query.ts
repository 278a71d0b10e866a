import { type core, z } from 'zod';
import { levelRank } from '../domain/classification.ts';
import { isoTimestamp } from '../domain/post.ts';
import type { EventRecord } from '../events/event-record.ts';

const ALERT_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;
/** `unresolved` (the default) is open or acknowledged; `open` is the record's own 未确认. */
export const EVENT_STATUS_FILTERS = ['unresolved', 'all', 'open', 'acknowledged', 'resolved'] as const;

const DAY_MS = 86_400_000;
const isoMoment = z.union([isoTimestamp, z.iso.date()], {
  error: '须为日期（2026-11-26）或带时区的时间（2026-11-26T09:00:00+08:00）',
});

/** `GET /api/events`: what the duty room may ask of the events list. */
export const eventListQuery = z
  .strictObject({
    status: z
      .enum(EVENT_STATUS_FILTERS, { error: `须为 ${EVENT_STATUS_FILTERS.join('、')} 之一` })
      .optional(),
    level: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').filter(Boolean) : undefined))
      .pipe(
        z.array(z.enum(ALERT_LEVELS, { error: '须为 red、orange、yellow、blue，多个用逗号分隔' })).optional(),
      ),
    town: z.string().trim().max(40, '不超过 40 字').optional(),
    q: z.string().trim().max(100, '不超过 100 字').optional(),
    since: isoMoment.optional(),
    until: isoMoment.optional(),
    page: z.coerce.number({ error: '须为正整数' }).int('须为正整数').min(1, '须为正整数').default(1),
    page_size: z.coerce
      .number({ error: '须为 1–200 的整数' })
      .int('须为 1–200 的整数')
      .min(1, '须为 1–200 的整数')
      .max(200, '须为 1–200 的整数')
      .default(50),
  })
  .refine((q) => !q.since || !q.until || startOf(q.since) < endOf(q.until), {
    path: ['until'],
    message: '须晚于 since',
  });

export type EventListQuery = z.output<typeof eventListQuery>;

/** A bare day is a whole Shanghai day: from its midnight (since) … */
function startOf(moment: string): number {
  return moment.length === 10 ? Date.parse(`${moment}T00:00:00+08:00`) : Date.parse(moment);
}

/** … to the next midnight (until); a time is taken as it is. */
function endOf(moment: string): number {
  return moment.length === 10 ? Date.parse(`${moment}T00:00:00+08:00`) + DAY_MS : Date.parse(moment);
}

/**
 * The events a query asks for (pure), highest level first, then latest activity. `since`/`until`
 * keep the events seen in that span: last seen at or after `since`, first seen before `until`.
 */
export function selectEvents(events: readonly EventRecord[], query: EventListQuery): EventRecord[] {
  const status = query.status ?? 'unresolved';
  const since = query.since ? startOf(query.since) : null;
  const until = query.until ? endOf(query.until) : null;
  const needle = query.q?.toLowerCase();
  return events
    .filter((e) =>
      status === 'unresolved' ? e.status !== 'resolved' : status === 'all' || e.status === status,
    )
    .filter((e) => !query.level || (query.level as string[]).includes(e.level))
    .filter((e) => !query.town || e.town === query.town)
    .filter((e) => !needle || `${e.title}\n${e.summary}`.toLowerCase().includes(needle))
    .filter((e) => since === null || Date.parse(e.last_seen) >= since)
    .filter((e) => until === null || Date.parse(e.first_seen) < until)
    .sort((a, b) => levelRank(b.level) - levelRank(a.level) || b.last_seen.localeCompare(a.last_seen));
}

/** 「查询参数有误：level 须为 …；page_size 须为 …」: each problem named by its field. */
export function issueSummary(heading: string, issues: readonly core.$ZodIssue[]): string {
  const parts = issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') return `不支持的参数 ${issue.keys.join('、')}`;
    const field = String(issue.path[0] ?? '参数');
    return issue.message.includes(field) ? issue.message : `${field} ${issue.message}`;
  });
  return `${heading}：${parts.join('；')}`;
}

/** An event as the list shows it. */
export function eventListItem(e: EventRecord) {
  return {
    id: e.id,
    level: e.level,
    status: e.status,
    title: e.title,
    summary: e.summary,
    town: e.town,
    post_count: e.post_count,
    first_seen: e.first_seen,
    last_seen: e.last_seen,
    sources: e.sources,
    amount_yuan: e.amount_yuan,
    workers: e.workers,
  };
}
