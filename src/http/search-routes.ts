import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { maskPii } from '../../classifiers/extract/pii.ts';
import { LEVELS } from '../domain/classification.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { requireUser } from './auth-routes.ts';

const list = (values: readonly [string, ...string[]]) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').filter(Boolean) : undefined))
    .pipe(z.array(z.enum(values)).optional());

const querySchema = z.strictObject({
  q: z.string().max(200).optional(),
  since: z.iso.date().optional(),
  until: z.iso.date().optional(),
  level: list(LEVELS as unknown as [string, ...string[]]),
  town: z.string().max(40).optional(),
  source: z.string().max(80).optional(),
  leads: z.enum(['1', 'true']).optional(),
  sort: z.enum(['newest', 'oldest', 'relevance']).optional(),
  page: z.coerce.number().int().min(1).max(500).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

const WATCHERS = ['admin', 'monitor', 'hr', 'police'] as const;

/** Shanghai midnight of a day, as the store's time filters take it. */
const dayStart = (day: string) => `${day}T00:00:00+08:00`;
const nextDay = (day: string) => toShanghaiIso(new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000));

/**
 * 舆情检索: `GET /api/search` over everything collected (Chinese words, level, town, source,
 * day range, leads only), and `GET /api/posts/:id` with the captured pages' fetch times and
 * hashes. Phones and ID numbers in posts are masked in both.
 */
export function registerSearchRoutes(app: FastifyInstance, deps: { store: Store }): void {
  app.get(
    '/api/search',
    { schema: { tags: ['search'], summary: '舆情检索（分页，关键词高亮）' } },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      const parsed = querySchema.safeParse(request.query, ZH_ERRORS);
      if (!parsed.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: '查询参数有误',
          details: parsed.error.issues,
        });
      const q = parsed.data;
      const result = await deps.store.searchPosts({
        ...(q.q?.trim() ? { text: q.q.trim() } : {}),
        ...(q.since ? { since: dayStart(q.since) } : {}),
        ...(q.until ? { until: nextDay(q.until) } : {}),
        ...(q.level ? { levels: q.level as never } : {}),
        ...(q.town ? { towns: [q.town] } : {}),
        ...(q.source ? { sources: [q.source] } : {}),
        ...(q.leads ? { lead: true } : {}),
        sort: q.sort ?? (q.q?.trim() ? 'relevance' : 'newest'),
        limit: q.page_size,
        offset: (q.page - 1) * q.page_size,
      });
      return {
        total: result.total,
        page: q.page,
        page_size: q.page_size,
        items: result.hits.map((hit) => ({
          id: hit.post.id,
          source: hit.post.source,
          url: hit.post.url,
          author: hit.post.author,
          published_at: hit.post.published_at,
          title: hit.post.title ? maskPii(hit.post.title) : null,
          highlight: hit.highlight ? maskPii(hit.highlight) : maskPii(hit.post.text.slice(0, 140)),
          level: hit.classification.level,
          lead: hit.classification.lead,
          town: hit.classification.town,
          risks: hit.classification.risks,
        })),
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/posts/:id',
    { schema: { tags: ['search'], summary: '帖子详情与页面留存' } },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      const stored = await deps.store.getPost(request.params.id);
      if (!stored)
        return sendApiError(reply, 404, { code: 'not_found', message: '没有这条帖子（可能已过保留期）' });
      const evidence = await deps.store.listEvidence(stored.post.id);
      const { post, classification } = stored;
      return {
        post: { ...post, title: post.title ? maskPii(post.title) : null, text: maskPii(post.text) },
        classification,
        evidence: evidence.map((e) => ({
          url: e.url,
          fetched_at: e.fetched_at,
          content_type: e.content_type,
          sha256: e.sha256,
          bytes: e.body.length,
        })),
      };
    },
  );
}
