import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AlertState } from '../alerts/alert-decision.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { EscalationTrigger } from '../queues/escalate-now.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';

const bodySchema = z.strictObject({
  reason: z.string().trim().min(2, '升级原因至少 2 个字').max(500, '升级原因不超过 500 字'),
});

/**
 * `POST /api/events/:id/escalate`: the duty room pages the next on the roster now instead of
 * waiting for the acknowledgement deadline. The alert stage does the paging, as for any
 * escalation; this only brings the step forward, and audits who asked and why.
 */
export function registerEscalationRoutes(
  app: FastifyInstance,
  deps: { store: Store; escalations: EscalationTrigger | null; now?: () => Date },
): void {
  const now = deps.now ?? (() => new Date());
  app.post<{ Params: { id: string } }>(
    '/api/events/:id/escalate',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['events'], summary: '立即升级未确认事件到下一级值班（须填原因，记入审计）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ['admin', 'monitor']);
      if (!actor) return reply;
      if (!deps.escalations)
        return sendApiError(reply, 503, {
          code: 'unavailable',
          message: '升级需要任务队列（Redis），本服务未接入；请电话联系副班或带班领导',
        });
      const body = bodySchema.safeParse(request.body ?? {}, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, {
          code: 'reason_required',
          message: '请填写升级原因（至少 2 个字）',
          details: body.error.issues,
        });
      const id = request.params.id;
      const event = (await deps.store.getRecord<EventRecord>('event', id))?.data;
      if (!event) return sendApiError(reply, 404, { code: 'not_found', message: `没有这个事件：${id}` });
      if (event.status !== 'open')
        return sendApiError(reply, 409, {
          code: 'invalid_state',
          message: event.status === 'acknowledged' ? '事件已确认，不再升级' : '事件已处置，不再升级',
        });
      const at = toShanghaiIso(now());
      // A chain started from here is named after the event's last message and the minute, so a
      // double click is one job and a later request is a chain of its own.
      const last = (await deps.store.getRecord<AlertState>('alert-state', id))?.data.last_key;
      const startKey = `${last ?? `event:${id}`}:console:${at.slice(0, 16)}`;
      const result = await deps.escalations.escalateNow(id, startKey);
      const changed = result.how !== 'under_way';
      if (changed)
        await deps.store.appendAudit({
          at,
          actor: actor.name,
          action: 'event.escalate',
          target_kind: 'event',
          target_id: id,
          reason: body.data.reason,
          after: { step: result.step, how: result.how },
        });
      return reply.code(changed ? 202 : 200).send({ changed, ...result });
    },
  );
}
