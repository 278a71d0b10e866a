import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import { registerAckRoutes } from './ack-routes.ts';

export interface HttpServerDeps {
  store: Store;
  /** Signs acknowledgement links; without it the link routes are not served. */
  linkKey: string | null;
  now?: () => Date;
}

/**
 * The HTTP face of a wagewatch process (built apart from `listen`, so tests inject requests):
 * health for probes, and the acknowledgement links alert messages carry.
 */
export async function buildHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });
  await app.register(formbody);
  app.get('/api/health', async () => ({ ok: true }));
  if (deps.linkKey)
    registerAckRoutes(app, {
      store: deps.store,
      linkKey: deps.linkKey,
      ...(deps.now ? { now: deps.now } : {}),
    });
  return app;
}
