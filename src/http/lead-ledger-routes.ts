import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { PermanentError } from '../errors.ts';
import { MERGE_MAX } from '../leads/lead-merge.ts';
import type { LeadOperations } from '../leads/lead-operations.ts';
import type { Lead } from '../leads/lead-record.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';
import { ledgerView } from './lead-routes.ts';

export interface LeadLedgerRouteDeps {
  operations: LeadOperations;
}

const reason = z.string().trim().min(2).max(500);
const leadId = z.string().trim().min(1).max(80);
const mergeBody = z.strictObject({ merge: z.array(leadId).min(1).max(MERGE_MAX), reason });
const splitBody = z.strictObject({
  reports: z
    .array(z.strictObject({ source: z.string().min(1).max(80), external_id: z.string().min(1).max(200) }))
    .min(1)
    .max(200),
  reason,
});
/** A bulk assignment is for the morning's new leads: a page of them, not the whole ledger. */
export const BULK_MAX = 200;
const bulkAssignBody = z.strictObject({
  ids: z.array(leadId).min(1).max(BULK_MAX),
  town: z.string().trim().min(1).max(40),
  departments: z.array(z.string().trim().min(1).max(20)).min(1).optional(),
});

const ORGANIZERS = ['admin', 'hr'] as const;

/**
 * The ledger's bulk and structural work for the HR bureau: merging leads the matching kept apart,
 * splitting a wrong merge, and assigning many new leads to one township at once. Each lead goes
 * through the same operations (state machine, versions, audit) as a single action.
 */
export function registerLeadLedgerRoutes(app: FastifyInstance, deps: LeadLedgerRouteDeps): void {
  app.post<{ Params: { id: string } }>(
    '/api/leads/:id/merge',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '合并线索：所列线索并入本线索（须说明原因，记入审计）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ORGANIZERS);
      if (!actor) return reply;
      const body = mergeBody.safeParse(request.body, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: `请求体须为 {"merge": ["线索编号"…(至多 ${MERGE_MAX} 条)], "reason": "原因"}`,
          details: body.error.issues,
        });
      const { target, merged } = await deps.operations.merge(
        request.params.id,
        body.data.merge,
        actor,
        body.data.reason,
      );
      return { target: ledgerView(target, actor), merged: merged.map((lead) => ledgerView(lead, actor)) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/leads/:id/split',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '拆分线索：所列来源记录拆为一条新线索（须说明原因，记入审计）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ORGANIZERS);
      if (!actor) return reply;
      const body = splitBody.safeParse(request.body, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: '请求体须为 {"reports": [{"source": "来源", "external_id": "编号"}…], "reason": "原因"}',
          details: body.error.issues,
        });
      const { kept, split_off } = await deps.operations.split(
        request.params.id,
        body.data.reports,
        actor,
        body.data.reason,
      );
      return { kept: ledgerView(kept, actor), split_off: ledgerView(split_off, actor) };
    },
  );

  app.post(
    '/api/leads/bulk-assign',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: `批量分派（至多 ${BULK_MAX} 条，逐条返回结果）` },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ORGANIZERS);
      if (!actor) return reply;
      const body = bulkAssignBody.safeParse(request.body, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, {
          code: 'invalid_body',
          message: `请求体须为 {"ids": ["线索编号"…(至多 ${BULK_MAX} 条)], "town": "乡镇", "departments"?: ["部门"]}`,
          details: body.error.issues,
        });
      const { ids, town, departments } = body.data;
      const action = { action: 'assign', town, ...(departments ? { departments } : {}) };
      // One lead's refusal (already signed, another town's) must not stop the rest: each answers.
      const results: { id: string; ok: boolean; state?: string; code?: string; message?: string }[] = [];
      for (const id of new Set(ids)) {
        try {
          const lead: Lead = await deps.operations.act(id, action, actor);
          results.push({ id, ok: true, state: lead.work.state });
        } catch (error) {
          if (!(error instanceof PermanentError)) throw error;
          results.push({ id, ok: false, code: error.code, message: error.message });
        }
      }
      return {
        assigned: results.filter((r) => r.ok).length,
        failed: results.filter((r) => !r.ok).length,
        results,
      };
    },
  );
}
