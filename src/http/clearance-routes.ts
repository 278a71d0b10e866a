import type { FastifyInstance } from 'fastify';
import { clearanceView } from '../leads/clearance.ts';
import { loadLeads } from '../leads/lead-store.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import type { Store } from '../store/store.ts';
import { requireUser } from './auth-routes.ts';

/** `GET /api/clearance`: the 动态清零 view, the same numbers as `wagewatch leads clearance` and the reports. */
export function registerClearanceRoutes(
  app: FastifyInstance,
  deps: { store: Store; campaign: LeadsConfig['campaign']; now?: () => Date },
): void {
  const now = deps.now ?? (() => new Date());
  app.get(
    '/api/clearance',
    { schema: { tags: ['leads'], summary: '动态清零进度' } },
    async (request, reply) => {
      if (!requireUser(request, reply, ['admin', 'hr', 'monitor', 'police', 'unit'])) return reply;
      return clearanceView(await loadLeads(deps.store), deps.campaign, now());
    },
  );
}
