import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LiveAlerts } from '../alerts/live-feed.ts';
import { getAccount } from '../auth/accounts.ts';
import type { LeadIntake } from '../leads/lead-intake.ts';
import type { LeadOperations } from '../leads/lead-operations.ts';
import type { LeadsConfig } from '../leads/leads-config.ts';
import type { EscalationTrigger } from '../queues/escalate-now.ts';
import type { GenerateDeps } from '../reports/generate-report.ts';
import type { Store } from '../store/store.ts';
import { registerAckRoutes } from './ack-routes.ts';
import { registerAuth } from './auth-routes.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { registerClearanceRoutes } from './clearance-routes.ts';
import { registerConsoleRoutes } from './console-routes.ts';
import { registerErrorHandler } from './error-handler.ts';
import { registerEscalationRoutes } from './escalation-routes.ts';
import { registerEventRoutes } from './event-routes.ts';
import { registerInsightRoutes } from './insight-routes.ts';
import { type IntakeSource, registerIntakeRoutes } from './intake-routes.ts';
import { registerLeadExportRoutes } from './lead-export-routes.ts';
import { registerLeadLedgerRoutes } from './lead-ledger-routes.ts';
import { registerLeadRoutes } from './lead-routes.ts';
import { registerLiveRoutes } from './live-routes.ts';
import { registerReportRoutes } from './report-routes.ts';
import { registerSearchRoutes } from './search-routes.ts';
import { createSessions, type SessionPolicy } from './sessions.ts';
import { registerSilenceRoutes } from './silence-routes.ts';
import { registerSystemRoutes, type SystemDeps } from './system-routes.ts';

export interface HttpServerDeps {
  store: Store;
  /** Signs acknowledgement links; without it the link routes are not served. */
  linkKey: string | null;
  /** Report downloads; without them the report route is not served. */
  reports?: GenerateDeps;
  /** Lead intake from the platforms; without it the intake route is not served. */
  intake?: { intake: LeadIntake; sources: ReadonlyMap<string, IntakeSource> };
  /** The lead ledger for signed-in people. */
  leads?: LeadOperations;
  sessions?: SessionPolicy & { secureCookies: boolean };
  /** The live alert feed for the console; null or absent: the stream answers 503. */
  live?: LiveAlerts | null;
  /** Brings escalations forward (the alert queue); null or absent: 升级 answers 503. */
  escalations?: EscalationTrigger | null;
  /** Ledger exports of more rows than this need a second person's approval (default 200). */
  exportApprovalRows?: number;
  /** The campaign, for the 清零 view. */
  campaign?: LeadsConfig['campaign'];
  /** Sources, rules and roster for the 系统 page; without them those routes are not served. */
  system?: SystemDeps;
  now?: () => Date;
}

const DEFAULT_SESSIONS = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, secureCookies: false };

/**
 * The HTTP face of a wagewatch process, built apart from `listen` so tests inject requests:
 * health, sign-in, the API (described at /api/openapi.json), lead intake, report downloads and
 * the acknowledgement links alert messages carry. Everything but health, sign-in, the links
 * and token-authenticated machine routes needs a session.
 */
export async function buildHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  // A batch of 500 leads with long descriptions fits; anything bigger is refused with 413.
  // Open live streams would hold a shutdown forever: close them with the server.
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, forceCloseConnections: true });
  await app.register(swagger, {
    openapi: {
      info: { title: 'wagewatch API', description: '根治欠薪舆情与线索监测', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ww_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(formbody);
  registerErrorHandler(app);
  const now = deps.now ? { now: deps.now } : {};
  const policy = deps.sessions ?? DEFAULT_SESSIONS;
  await registerAuth(app, {
    store: deps.store,
    sessions: createSessions(deps.store, policy, deps.now, async (session) => {
      // Disabling an account or changing its password ends every session it had.
      const account = await getAccount(deps.store, session.username);
      return !!account && !account.disabled && account.password_changed_at <= session.created_at;
    }),
    secureCookies: policy.secureCookies,
    ...now,
  });
  app.get('/api/health', { schema: { tags: ['system'], summary: '健康检查（无需登录）' } }, async () => ({
    ok: true,
  }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (deps.linkKey) registerAckRoutes(app, { store: deps.store, linkKey: deps.linkKey, ...now });
  registerEventRoutes(app, { store: deps.store, ...now });
  registerEscalationRoutes(app, { store: deps.store, escalations: deps.escalations ?? null, ...now });
  registerSilenceRoutes(app, { store: deps.store, ...now });
  if (deps.leads) {
    registerLeadRoutes(app, { store: deps.store, operations: deps.leads, ...now });
    registerLeadLedgerRoutes(app, { operations: deps.leads });
    registerLeadExportRoutes(app, {
      store: deps.store,
      approvalRows: deps.exportApprovalRows ?? 200,
      ...now,
    });
  }
  registerLiveRoutes(app, { store: deps.store, live: deps.live ?? null });
  registerSearchRoutes(app, { store: deps.store });
  registerCaseRoutes(app, { store: deps.store, ...now });
  registerInsightRoutes(app, { store: deps.store, ...now });
  if (deps.campaign) registerClearanceRoutes(app, { store: deps.store, campaign: deps.campaign, ...now });
  if (deps.reports) registerReportRoutes(app, deps.reports);
  if (deps.system) registerSystemRoutes(app, { ...deps.system, store: deps.store, ...now });
  if (deps.intake)
    registerIntakeRoutes(app, {
      store: deps.store,
      intake: deps.intake.intake,
      sources: deps.intake.sources,
      ...now,
    });
  registerConsoleRoutes(app);
  return app;
}
