import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { maskPii } from '../../classifiers/extract/pii.ts';
import { listAccounts, summarizeAccount } from '../auth/accounts.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import { loadLeads } from '../leads/lead-store.ts';
import { AGGREGATION_DIMENSIONS } from '../store/post-query.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { requireUser } from './auth-routes.ts';

const WATCHERS = ['admin', 'monitor', 'hr', 'police'] as const;
/** Posts of an event shown on its page; the count goes on beyond. */
const EVENT_POSTS_SHOWN = 50;

const statsQuery = z.strictObject({
  by: z.enum(AGGREGATION_DIMENSIONS),
  since: z.iso.date().optional(),
  until: z.iso.date().optional(),
  leads: z.enum(['1', 'true']).optional(),
});
const auditQuery = z.strictObject({
  target_kind: z.string().max(40).optional(),
  target_id: z.string().max(200).optional(),
  actor: z.string().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/**
 * The reading side of the console: an event's timeline with its posts and leads, statistics by
 * day, level, category, town or industry, and, for the admin, accounts and the audit log (read
 * only: nothing in the app changes or deletes an audit entry).
 */
export function registerInsightRoutes(app: FastifyInstance, deps: { store: Store; now?: () => Date }): void {
  const now = deps.now ?? (() => new Date());
  app.get<{ Params: { id: string } }>(
    '/api/events/:id',
    { schema: { tags: ['events'], summary: '事件详情：时间线、帖子与线索' } },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      const event = (await deps.store.getRecord<EventRecord>('event', request.params.id))?.data;
      if (!event) return sendApiError(reply, 404, { code: 'not_found', message: '没有这个事件' });
      const posts = [];
      for (const id of event.post_ids.slice(-EVENT_POSTS_SHOWN)) {
        const stored = await deps.store.getPost(id);
        if (stored)
          posts.push({
            id,
            url: stored.post.url,
            source: stored.post.source,
            author: stored.post.author,
            published_at: stored.post.published_at,
            text: maskPii(stored.post.text.slice(0, 280)),
            level: stored.classification.level,
          });
      }
      const leads = (await loadLeads(deps.store))
        .filter((lead) => lead.facts.event_ids.includes(event.id))
        .map((lead) => ({
          id: lead.id,
          title: lead.facts.title,
          state: lead.work.state,
          town: lead.work.owner_town,
        }));
      const { post_ids: _ids, ...rest } = event;
      return {
        event: rest,
        posts: posts.sort((a, b) => a.published_at.localeCompare(b.published_at)),
        leads,
      };
    },
  );

  app.get(
    '/api/stats',
    { schema: { tags: ['stats'], summary: '统计：按日、等级、类别、乡镇、行业计数' } },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      const q = statsQuery.safeParse(request.query, ZH_ERRORS);
      if (!q.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: '查询参数有误',
          details: q.error.issues,
        });
      const { by, since, until, leads } = q.data;
      const day = (d: string, plus = 0) =>
        toShanghaiIso(new Date(Date.parse(`${d}T00:00:00+08:00`) + plus * 86_400_000));
      return deps.store.aggregatePosts({
        by: [by],
        filter: {
          ...(since ? { since: day(since) } : {}),
          ...(until ? { until: day(until, 1) } : {}),
          ...(leads ? { lead: true } : {}),
        },
      });
    },
  );

  app.get(
    '/api/users',
    { schema: { tags: ['system'], summary: '账号列表（管理员）' } },
    async (request, reply) => {
      if (!requireUser(request, reply, ['admin'])) return reply;
      return { items: (await listAccounts(deps.store)).map((a) => summarizeAccount(a, now())) };
    },
  );

  app.get(
    '/api/audit',
    { schema: { tags: ['system'], summary: '审计日志（只读，管理员）' } },
    async (request, reply) => {
      if (!requireUser(request, reply, ['admin'])) return reply;
      const q = auditQuery.safeParse(request.query, ZH_ERRORS);
      if (!q.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: '查询参数有误',
          details: q.error.issues,
        });
      // Newest first: the store lists oldest first, so read a generous window and turn it round.
      const { limit, ...filter } = q.data;
      const all = await deps.store.listAudit({ ...filter, limit: 100_000 });
      return { items: all.slice(-limit).reverse() };
    },
  );
}
