import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { LeadIntake } from '../leads/lead-intake.ts';
import type { GenerateDeps } from '../reports/generate-report.ts';
import type { Store } from '../store/store.ts';
import { registerAckRoutes } from './ack-routes.ts';
import { registerEventRoutes } from './event-routes.ts';
import { type IntakeSource, registerIntakeRoutes } from './intake-routes.ts';
import { registerReportRoutes } from './report-routes.ts';

export interface HttpServerDeps {
  store: Store;
  /** Signs acknowledgement links; without it the link routes are not served. */
  linkKey: string | null;
  /** Report downloads; without them the report route is not served. */
  reports?: GenerateDeps;
  /** Lead intake from the platforms; without it the intake route is not served. */
  intake?: { intake: LeadIntake; sources: ReadonlyMap<string, IntakeSource> };
  now?: () => Date;
}

/**
 * The HTTP face of a wagewatch process (built apart from `listen`, so tests inject requests):
 * health for probes, and the acknowledgement links alert messages carry.
 */
export async function buildHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  // A batch of 500 leads with long descriptions fits; anything bigger is refused with 413.
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  await app.register(formbody);
  app.get('/api/health', async () => ({ ok: true }));
  if (deps.linkKey)
    registerAckRoutes(app, {
      store: deps.store,
      linkKey: deps.linkKey,
      ...(deps.now ? { now: deps.now } : {}),
    });
  registerEventRoutes(app, { store: deps.store, ...(deps.now ? { now: deps.now } : {}) });
  if (deps.reports) registerReportRoutes(app, deps.reports);
  if (deps.intake)
    registerIntakeRoutes(app, {
      store: deps.store,
      intake: deps.intake.intake,
      sources: deps.intake.sources,
      ...(deps.now ? { now: deps.now } : {}),
    });
  return app;
}
