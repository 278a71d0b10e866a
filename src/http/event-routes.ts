import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actOnEvent } from '../alerts/acknowledge.ts';
import { verifyApiToken } from '../auth/api-tokens.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { PermanentError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { bearerToken, csrfForSessions, requireUser } from './auth-routes.ts';

const bodySchema = z.strictObject({
  /** Who acted: required from a machine; a signed-in person is known already. */
  by: z.string().trim().min(1).max(40).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});

/**
 * `POST /api/events/:id/ack` and `/resolve`: the duty room's own systems (a big-screen app, a
 * phone app) acknowledge or resolve an event with a machine token of scope `events`, naming the
 * person; audited like every other way in.
 */
export function registerEventRoutes(app: FastifyInstance, deps: { store: Store; now?: () => Date }): void {
  const now = deps.now ?? (() => new Date());
  for (const [path, action] of [
    ['ack', 'acknowledge'],
    ['resolve', 'resolve'],
  ] as const) {
    const options = {
      onRequest: csrfForSessions(app),
      schema: {
        tags: ['events'],
        summary: action === 'acknowledge' ? '确认事件（停止提醒与升级）' : '处置事件',
      },
    };
    app.post<{ Params: { id: string } }>(`/api/events/:id/${path}`, options, async (request, reply) => {
      const token = bearerToken(request) ?? '';
      const caller = token ? await verifyApiToken(deps.store, token, 'events') : null;
      const person = !token && request.session ? requireUser(request, reply, ['admin', 'monitor']) : null;
      if (!token && request.session && !person) return reply;
      if (!caller && !person)
        return sendApiError(reply, 401, { code: 'unauthorized', message: '请先登录或提供接口令牌' });
      const body = bodySchema.safeParse(request.body ?? {}, ZH_ERRORS);
      if (!body.success || (caller && !body.data.by))
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: '请求体须为 {"by": "姓名", "reason"?: "说明"}',
          details: body.success ? [{ path: ['by'], message: '接口调用须写明经办人' }] : body.error.issues,
        });
      try {
        const result = await actOnEvent(
          deps.store,
          request.params.id,
          action,
          {
            who: person?.name ?? body.data.by ?? '',
            via: person ? '控制台' : `接口（${caller?.name}）`,
            ...(body.data.reason ? { reason: body.data.reason } : {}),
          },
          now(),
        );
        return { changed: result.changed, status: result.event.status };
      } catch (error) {
        if (error instanceof PermanentError && error.code === 'unknown_event')
          return sendApiError(reply, 404, {
            code: 'not_found',
            message: `没有这个事件：${request.params.id}`,
          });
        throw error;
      }
    });
  }
}
