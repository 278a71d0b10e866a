import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createSilenceBook } from '../alerts/silence-book.ts';
import { isoTimestamp } from '../domain/post.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';
import { issueSummary } from './event-query.ts';

/** Who silences: the duty room and the admin, as who acknowledges. */
const ACTING = ['admin', 'monitor'] as const;
/** A week at most: anything longer is a change to the rules, not a silence. */
const MAX_MINUTES = 7 * 24 * 60;
/** How far back `GET /api/silences` lists silences already over. */
const RECENT_MS = 24 * 3_600_000;

const addBody = z
  .strictObject({
    event_id: z.string().trim().min(1).max(200).optional(),
    keyword: z.string().trim().min(1).max(40, '关键词不超过 40 字').optional(),
    source: z.string().trim().min(1).max(80).optional(),
    duration_minutes: z
      .int('须为整数分钟')
      .min(1, `须为 1–${MAX_MINUTES} 分钟`)
      .max(MAX_MINUTES, `须为 1–${MAX_MINUTES} 分钟`)
      .optional(),
    ends_at: isoTimestamp.optional(),
    reason: z.string().trim().min(2, '静默原因至少 2 个字').max(500, '静默原因不超过 500 字'),
  })
  .refine((b) => [b.event_id, b.keyword, b.source].filter(Boolean).length === 1, {
    path: ['event_id'],
    message: '请在 event_id、keyword、source 中指定且只指定一个',
  })
  .refine((b) => (b.duration_minutes === undefined) !== (b.ends_at === undefined), {
    path: ['duration_minutes'],
    message: '请在 duration_minutes（分钟）、ends_at（结束时间）中指定且只指定一个',
  });
const endBody = z.strictObject({ reason: z.string().trim().min(2, '原因至少 2 个字').max(500).optional() });

/**
 * Silences from the console: list the active and the recently ended ones, silence an event, a
 * keyword or a source for a while, and end one early. The silence book the CLI uses keeps them
 * and audits each change (`silence.add`, `silence.end`) in the signed-in person's name.
 */
export function registerSilenceRoutes(app: FastifyInstance, deps: { store: Store; now?: () => Date }): void {
  const now = deps.now ?? (() => new Date());
  const book = createSilenceBook(deps.store, now);

  app.get(
    '/api/silences',
    { schema: { tags: ['alerts'], summary: '静默：生效中的与 24 小时内结束的' } },
    async (request, reply) => {
      if (!requireUser(request, reply, ACTING)) return reply;
      return { active: await book.active(), recent: await book.recent(RECENT_MS) };
    },
  );

  app.post(
    '/api/silences',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['alerts'], summary: '新增静默（事件、关键词或来源；须填原因，记入审计）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ACTING);
      if (!actor) return reply;
      const body = addBody.safeParse(request.body ?? {}, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: issueSummary('静默设置有误', body.error.issues),
          details: body.error.issues,
        });
      const { event_id, keyword, source, duration_minutes, ends_at, reason } = body.data;
      const durationMs = duration_minutes
        ? duration_minutes * 60_000
        : Date.parse(ends_at ?? '') - now().getTime();
      if (!(durationMs > 0 && durationMs <= MAX_MINUTES * 60_000))
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: '静默设置有误：ends_at 须在现在之后、7 天之内',
        });
      if (event_id && !(await deps.store.getRecord<EventRecord>('event', event_id)))
        return sendApiError(reply, 404, { code: 'not_found', message: `没有这个事件：${event_id}` });
      const matcher = event_id ? { event_id } : keyword ? { keyword } : { source: source as string };
      const silence = await book.add(matcher, durationMs, actor.name, reason);
      return reply.code(201).send(silence);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/silences/:id/end',
    { onRequest: csrfForSessions(app), schema: { tags: ['alerts'], summary: '提前结束静默（记入审计）' } },
    async (request, reply) => {
      const actor = requireUser(request, reply, ACTING);
      if (!actor) return reply;
      const body = endBody.safeParse(request.body ?? {}, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: issueSummary('请求有误', body.error.issues),
          details: body.error.issues,
        });
      try {
        return await book.end(request.params.id, actor.name, body.data.reason ?? '控制台提前结束');
      } catch (error) {
        if (error instanceof PermanentError && error.code === 'unknown_silence')
          return sendApiError(reply, 404, {
            code: 'not_found',
            message: `没有这个静默：${request.params.id}`,
          });
        if (error instanceof ConflictError)
          return sendApiError(reply, 409, { code: 'conflict', message: '该静默刚被他人改动，请刷新后重试' });
        throw error;
      }
    },
  );
}
