import type { FastifyInstance } from 'fastify';
import type { LiveAlerts } from '../alerts/live-feed.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import { loadAll } from '../store/all-records.ts';
import type { Store } from '../store/store.ts';
import { sendApiError } from './api-error.ts';
import { requireUser } from './auth-routes.ts';
import { eventListItem, eventListQuery, issueSummary, selectEvents } from './event-query.ts';

const HEARTBEAT_MS = 15_000;
/** Who watches public opinion: the duty room, the HR bureau, public security, the admin. */
const WATCHERS = ['admin', 'monitor', 'hr', 'police'] as const;

/**
 * The duty room's view of events: `GET /api/events` (the incidents, highest and newest first,
 * filtered and paged on the server: event-query.ts) and `GET /api/alerts/stream`, a
 * server-sent-event stream of each notification as it goes out.
 * Messages are masked already (notifications never carry a phone or ID number).
 */
export function registerLiveRoutes(
  app: FastifyInstance,
  deps: { store: Store; live: LiveAlerts | null },
): void {
  app.get(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: '事件列表（默认未处置；按状态、等级、乡镇、关键词、时间筛选，分页）',
      },
    },
    async (request, reply) => {
      if (!requireUser(request, reply, WATCHERS)) return reply;
      const parsed = eventListQuery.safeParse(request.query, ZH_ERRORS);
      if (!parsed.success)
        return sendApiError(reply, 400, {
          code: 'invalid_query',
          message: issueSummary('查询参数有误', parsed.error.issues),
          details: parsed.error.issues,
        });
      const { page, page_size } = parsed.data;
      const events = selectEvents(await loadAll<EventRecord>(deps.store, 'event'), parsed.data);
      return {
        items: events.slice((page - 1) * page_size, page * page_size).map(eventListItem),
        total: events.length,
        page,
        page_size,
      };
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
