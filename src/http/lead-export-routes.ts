import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import {
  APPROVER_ROLES,
  approvedExport,
  decideExport,
  EXPORT_KIND,
  listExports,
  requestExport,
} from '../leads/export-requests.ts';
import type { Lead } from '../leads/lead-record.ts';
import { loadLeads } from '../leads/lead-store.ts';
import { renderLedgerXlsx } from '../leads/ledger-export.ts';
import { type LedgerFilter, ledgerFilterSchema, selectLedger } from '../leads/ledger-selection.ts';
import { shanghaiYmd } from '../leads/working-days.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';
import { visible } from './lead-routes.ts';

export interface LeadExportRouteDeps {
  store: Store;
  /** Exports of more rows than this need a second person's approval. */
  approvalRows: number;
  now?: () => Date;
}

const EXPORTERS = ['admin', 'hr', 'unit'] as const;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const exportBody = ledgerFilterSchema.extend({
  /** Names, phone and ID numbers in full: audited like an unmasked view. */
  unmask: z.boolean().default(false),
  reason: z.string().trim().min(2).max(200),
});
const decisionBody = z.strictObject({ note: z.string().trim().min(1).max(500).optional() });

type Person = NonNullable<ReturnType<typeof requireUser>>;

/**
 * The ledger as a workbook. Every export is audited with who, the filter, how many rows, whether
 * personal data was unmasked, and why; one larger than `approvalRows` is only released after a
 * second person (人社局 or admin, not the requester) approves a request for it.
 */
export function registerLeadExportRoutes(app: FastifyInstance, deps: LeadExportRouteDeps): void {
  const now = deps.now ?? (() => new Date());

  async function selection(person: Person, filter: LedgerFilter): Promise<Lead[]> {
    return selectLedger(await loadLeads(deps.store), filter, (lead) => visible(person, lead));
  }

  async function sendWorkbook(
    reply: FastifyReply,
    person: Person,
    input: { filter: LedgerFilter; unmask: boolean; reason: string },
    requestId: string | null,
  ) {
    const leads = await selection(person, input.filter);
    // Audited before anything leaves: a failure to record means nothing is released.
    await deps.store.appendAudit({
      at: toShanghaiIso(now()),
      actor: person.name,
      action: 'lead.export',
      target_kind: EXPORT_KIND,
      target_id: requestId ?? 'ledger',
      reason: input.reason,
      after: { filter: input.filter, unmask: input.unmask, rows: leads.length, request: requestId },
    });
    const body = await renderLedgerXlsx(leads, input.unmask, '线索台账');
    const name = `线索台账-${shanghaiYmd(now())}.xlsx`;
    return reply
      .header('content-type', XLSX)
      .header(
        'content-disposition',
        `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .send(body);
  }

  /** Who asks to export what, and how many rows that is for them; null once refused. */
  async function exportAsked(request: FastifyRequest, reply: FastifyReply) {
    const person = requireUser(request, reply, EXPORTERS);
    if (!person) return null;
    const input = parseExport(request, reply);
    if (!input) return null;
    return { person, input, rows: (await selection(person, input.filter)).length };
  }

  function parseExport(request: { body: unknown }, reply: FastifyReply) {
    const body = exportBody.safeParse(request.body ?? {}, ZH_ERRORS);
    if (!body.success) {
      void sendApiError(reply, 400, {
        code: 'invalid_body',
        message:
          '请求体须为 {"state"?: 状态, "town"?: 乡镇, "unmask"?: 是否显示完整个人信息, "reason": "导出事由"}',
        details: body.error.issues,
      });
      return null;
    }
    const { unmask, reason, ...filter } = body.data;
    return { filter, unmask, reason };
  }

  app.post(
    '/api/leads/export',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '导出线索台账（XLSX；须填写事由；超过限额须另一人审批）' },
    },
    async (request, reply) => {
      const asked = await exportAsked(request, reply);
      if (!asked) return reply;
      const { person, input, rows } = asked;
      if (rows > deps.approvalRows)
        return sendApiError(reply, 409, {
          code: 'approval_required',
          message: `本次导出 ${rows} 条，超过 ${deps.approvalRows} 条须另一人审批：请提交导出申请`,
          details: { rows, limit: deps.approvalRows },
        });
      return sendWorkbook(reply, person, input, null);
    },
  );

  app.post(
    '/api/exports',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '申请批量导出（由人社局或管理员中的另一人审批）' },
    },
    async (request, reply) => {
      const asked = await exportAsked(request, reply);
      if (!asked) return reply;
      const { person, input, rows } = asked;
      const made = await requestExport(deps.store, { requester: person, ...input, rows }, now());
      return reply.code(201).send(made);
    },
  );

  app.get(
    '/api/exports',
    { schema: { tags: ['leads'], summary: '导出申请（审批人见全部，申请人见本人）' } },
    async (request, reply) => {
      const person = requireUser(request, reply, EXPORTERS);
      if (!person) return reply;
      // What the console may offer on each: approve someone else's pending request, download one's own.
      return {
        items: (await listExports(deps.store, person)).map((item) => ({
          ...item,
          mine: item.requester.name === person.name,
          can_decide:
            item.status === 'pending' &&
            item.requester.name !== person.name &&
            person.role !== 'system' &&
            APPROVER_ROLES.includes(person.role),
        })),
      };
    },
  );

  for (const [path, decision] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const)
    app.post<{ Params: { id: string } }>(
      `/api/exports/:id/${path}`,
      {
        onRequest: csrfForSessions(app),
        schema: { tags: ['leads'], summary: decision === 'approved' ? '批准导出申请' : '驳回导出申请' },
      },
      async (request, reply) => {
        const person = requireUser(request, reply, APPROVER_ROLES);
        if (!person) return reply;
        const body = decisionBody.safeParse(request.body ?? {}, ZH_ERRORS);
        if (!body.success)
          return sendApiError(reply, 400, {
            code: 'invalid_body',
            message: '请求体须为 {"note"?: "审批意见"}',
            details: body.error.issues,
          });
        return decideExport(deps.store, request.params.id, person, decision, body.data.note ?? null, now());
      },
    );

  app.post<{ Params: { id: string } }>(
    '/api/exports/:id/download',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '下载已批准的导出（申请人本人，批准后 24 小时内）' },
    },
    async (request, reply) => {
      const person = requireUser(request, reply, EXPORTERS);
      if (!person) return reply;
      const approved = await approvedExport(deps.store, request.params.id, person, now());
      return sendWorkbook(reply, person, approved, approved.id);
    },
  );
}
