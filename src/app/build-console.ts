import type { FastifyInstance } from 'fastify';
import { createSourceHealth } from '../../crawlers/source-health.ts';
import { createLiveAlerts } from '../alerts/live-feed.ts';
import { buildHttpServer } from '../http/server.ts';
import { createEscalationTrigger } from '../queues/escalate-now.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { intakeSources } from './build-leads.ts';
import type { Runtime } from './runtime.ts';
import { buildSystemDeps, type SystemDepsOptions } from './system-deps.ts';

export interface ConsoleServer {
  http: FastifyInstance;
  /** Stops serving, then stops listening for live alerts. */
  close(): Promise<void>;
}

/**
 * The console and the API of a running process, with everything it serves wired to the runtime:
 * the live alert feed, leads, intake, reports, sessions by the configured policy. Built apart
 * from `listen`, so `start` and `demo` choose where it listens.
 */
export async function buildConsoleServer(
  config: AppConfig,
  runtime: Runtime,
  /** The environment the rule files were read with at start, so the 规则 view reads them the same way. */
  rulesLocation: Pick<SystemDepsOptions, 'env' | 'cwd'> = {},
): Promise<ConsoleServer> {
  const live = await createLiveAlerts(runtime.redis.duplicate(), config.settings.redis.prefix);
  const { console: web } = config.settings;
  const http = await buildHttpServer({
    store: runtime.store,
    linkKey: config.linkSecret?.reveal() ?? null,
    intake: { intake: runtime.leads.intake, sources: intakeSources(config) },
    reports: { store: runtime.store, config, calendar: runtime.leads.calendar },
    leads: runtime.leads.operations,
    live,
    escalations: createEscalationTrigger(runtime.queues),
    campaign: config.leads.campaign,
    system: buildSystemDeps(config, {
      health: createSourceHealth(runtime.redis, config.settings.redis.prefix),
      ...rulesLocation,
    }),
    exportApprovalRows: web.export_approval_rows,
    sessions: {
      idleMs: web.session_idle_minutes * 60_000,
      maxMs: web.session_max_h * 3_600_000,
      secureCookies: web.secure_cookies,
    },
  });
  return {
    http,
    async close() {
      await http.close();
      await live.close();
    },
  };
}
