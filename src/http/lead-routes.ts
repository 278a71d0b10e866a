import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { allowedLeadActions, ownsLead } from '../leads/lead-actions.ts';
import type { LeadOperations } from '../leads/lead-operations.ts';
import type { Lead } from '../leads/lead-record.ts';
import { LEAD_KIND, loadLeads } from '../leads/lead-store.ts';
import { leadView } from '../leads/lead-view.ts';
import { ledgerFilterSchema, selectLedger } from '../leads/ledger-selection.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { csrfForSessions, requireUser } from './auth-routes.ts';

export interface LeadRouteDeps {
  store: Store;
  operations: LeadOperations;
  now?: () => Date;
}

const listQuery = ledgerFilterSchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
const unmaskBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });

type SignedIn = NonNullable<ReturnType<typeof requireUser>>;

/** Who may see a lead at all: a unit only its own; the other roles every lead (masked). */
export function visible(actor: SignedIn | null, lead: Lead): boolean {
  return !!actor && (actor.role !== 'unit' || ownsLead(actor, lead));
}

/** A lead as `actor` sees it, with the actions the console may offer them on it. */
export function ledgerView(lead: Lead, actor: SignedIn, unmasked = false) {
  return { ...leadView(lead, unmasked), allowed_actions: allowedLeadActions(lead, actor) };
}

/**
 * The lead ledger over HTTP, with the same rules as everywhere: a unit sees and works only its
 * own leads (another's is 403), personal data is masked unless unmasked with a reason (audited),
 * and every action goes through the state machine with the signed-in person as the actor.
 */
export function registerLeadRoutes(app: FastifyInstance, deps: LeadRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  app.get(
    '/api/leads',
    { schema: { tags: ['leads'], summary: '线索列表（个人信息脱敏，分页）' } },
    async (request, reply) => {
      const actor = requireUser(request, reply);
      if (!actor) return reply;
      const query = listQuery.safeParse(request.query, ZH_ERRORS);
      if (!query.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: '查询参数有误',
          details: query.error.issues,
        });
      const { page, page_size, ...filter } = query.data;
      const leads = selectLedger(await loadLeads(deps.store), filter, (lead) => visible(actor, lead));
      return {
        items: leads.slice((page - 1) * page_size, page * page_size).map((lead) => ledgerView(lead, actor)),
        total: leads.length,
        page,
        page_size,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/leads/:id',
    { schema: { tags: ['leads'], summary: '线索详情（脱敏）' } },
    async (request, reply) => {
      const actor = requireUser(request, reply);
      if (!actor) return reply;
      const lead = (await deps.store.getRecord<Lead>(LEAD_KIND, request.params.id))?.data;
      if (!lead) return sendApiError(reply, 404, { code: 'not_found', message: '没有这条线索' });
      if (!visible(actor, lead))
        return sendApiError(reply, 403, { code: 'forbidden', message: '无权查看其他单位的线索' });
      return ledgerView(lead, actor);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/leads/:id/unmask',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '查看完整个人信息（须填写事由，记入审计）' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply, ['admin', 'hr', 'police', 'unit']);
      if (!actor) return reply;
      const body = unmaskBody.safeParse(request.body, ZH_ERRORS);
      if (!body.success)
        return sendApiError(reply, 400, { code: 'reason_required', message: '请填写查看事由' });
      const lead = (await deps.store.getRecord<Lead>(LEAD_KIND, request.params.id))?.data;
      if (!lead) return sendApiError(reply, 404, { code: 'not_found', message: '没有这条线索' });
      if (!visible(actor, lead))
        return sendApiError(reply, 403, { code: 'forbidden', message: '无权查看其他单位的线索' });
      // Audited before anything is shown: a failure to record means nothing is revealed.
      await deps.store.appendAudit({
        at: toShanghaiIso(now()),
        actor: actor.name,
        action: 'lead.unmask',
        target_kind: LEAD_KIND,
        target_id: lead.id,
        reason: body.data.reason,
      });
      return ledgerView(lead, actor, true);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/leads/:id/actions',
    {
      onRequest: csrfForSessions(app),
      schema: { tags: ['leads'], summary: '办理：分派、签收、退单、核实、解决、回访、办结、重新打开' },
    },
    async (request, reply) => {
      const actor = requireUser(request, reply);
      if (!actor) return reply;
      const lead = (await deps.store.getRecord<Lead>(LEAD_KIND, request.params.id))?.data;
      if (!lead) return sendApiError(reply, 404, { code: 'not_found', message: '没有这条线索' });
      if (!visible(actor, lead))
        return sendApiError(reply, 403, { code: 'forbidden', message: '无权办理其他单位的线索' });
      return ledgerView(await deps.operations.act(lead.id, request.body, actor), actor);
    },
  );
}
