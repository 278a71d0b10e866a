import type { FastifyInstance } from 'fastify';
import type { LiveAlerts } from '../alerts/live-feed.ts';
import { levelRank } from '../domain/classification.ts';
import type { EventRecord } from '../events/event-record.ts';
import { loadAll } from '../store/all-records.ts';
import type { Store } from '../store/store.ts';
import { requireUser } from './auth-routes.ts';

const HEARTBEAT_MS = 15_000;
/** Who watches public opinion: the duty room, the HR bureau, public security, the admin. */
const WATCHERS = ['admin', 'monitor', 'hr', 'police'] as const;

/**
 * The duty room's view of events: `GET /api/events` (the incidents, newest and highest first)
 * and `GET /api/alerts/stream`, a server-sent-event stream of each notification as it goes out.
 * Messages are masked already (notifications never carry a phone or ID number).
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  deps: { store: Store; live: LiveAlerts | null },
): void {
  app.get<{ Querystring: { status?: string } }>(
    '/api/events',
    { schema: { tags: ['events'], summary: '事件列表（默认未处置）' } },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      const all = request.query.status === 'all';
      const items = (await loadAll<EventRecord>(deps.store, 'event'))
        .filter((e) => all || e.status !== 'resolved')
        .sort((a, b) => levelRank(b.level) - levelRank(a.level) || b.last_seen.localeCompare(a.last_seen))
        .slice(0, 500)
        .map((e) => ({
          id: e.id,
          level: e.level,
          status: e.status,
          title: e.title,
          summary: e.summary,
          town: e.town,
          post_count: e.post_count,
          first_seen: e.first_seen,
          last_seen: e.last_seen,
          sources: e.sources,
          amount_yuan: e.amount_yuan,
          workers: e.workers,
        }));
      return { items };
    },
  );

  app.get(
    '/api/alerts/stream',
    { schema: { tags: ['events'], summary: '实时预警（server-sent events）' } },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      if (!deps.live) return reply.code(503).send({ code: 'unavailable', message: '实时推送未启用' });
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write(': 已连接\n\n');
      const stop = deps.live.subscribe((notification) => {
        out.write(`event: alert\nid: ${notification.key}\ndata: ${JSON.stringify(notification)}\n\n`);
      });
      const heartbeat = setInterval(() => out.write(': 心跳\n\n'), HEARTBEAT_MS);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        stop();
      });
    },
  );
}
