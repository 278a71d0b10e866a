import type { FastifyInstance } from 'fastify';
import { evidencePackZip } from '../cases/evidence-pack-zip.ts';
import { CASE_STATUS_ZH, type CaseStatus } from '../cases/police-case.ts';
import { decideCase, listCases, syncReviewQueue } from '../cases/review-queue.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';

const REVIEWERS = ['admin', 'police'] as const;

/**
 * 案件研判 over HTTP, for public security and the admin only: the review queue (brought up to
 * date on every read) and decisions, through the same rules and audit as `wagewatch cases`.
 */
export function registerCaseRoutes(app: FastifyInstance, deps: { store: Store; now?: () => Date }): void {
  const now = deps.now ?? (() => new Date());
  app.post<{ Params: { id: string } }>(
    '/api/cases/:id/evidence-pack',
    {
      onRequest: csrfForSessions(app),
      schema: {
        tags: ['cases'],
        summary: '导出证据包（zip：原始页面、清单与 SHA256SUMS；须填写事由，记入审计）',
      },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, REVIEWERS);
      if (!actor) return reply;
      const reason = String((request.body as { reason?: unknown } | null)?.reason ?? '').trim();
      if (reason.length < 2)
        return sendApiError(reply, 400, { code: 'reason_required', message: '请填写导出事由' });
      const zip = await evidencePackZip(deps.store, request.params.id, actor, reason, now());
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(zip.name)}`)
        .send(zip.content);
    },
  );
  app.get<{ Querystring: { status?: string } }>(
    '/api/cases',
    { schema: { tags: ['cases'], summary: '公安研判队列' } },
    async (request, reply) => {
      if (!requireUser(request, reply, REVIEWERS)) return reply;
      const status = request.query.status;
      if (status !== undefined && !(status in CASE_STATUS_ZH))
        return sendApiError(reply, 400, { code: 'invalid_query', message: 'status 须为 pending 或 decided' });
      await syncReviewQueue(deps.store, now());
      return { items: await listCases(deps.store, status ? { status: status as CaseStatus } : {}) };
    },
  );
  app.post<{ Params: { id: string } }>(
    '/api/cases/:id/decide',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['cases'], summary: '研判结论（立案侦查/移交/不予立案/持续关注）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, REVIEWERS);
      if (!actor) return reply;
      return decideCase(deps.store, request.params.id, request.body, actor, now());
    },
  );
}
