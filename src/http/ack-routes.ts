import { escapeUTF8 } from 'entities';
import type { FastifyInstance } from 'fastify';
import { verifyAckToken } from '../alerts/ack-link.ts';
import { actOnEvent } from '../alerts/acknowledge.ts';
import { LEVEL_NAMES_ZH } from '../domain/classification.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Store } from '../store/store.ts';

export interface AckRouteDeps {
  store: Store;
  linkKey: string;
  now?: () => Date;
}

const FAILURES = {
  malformed: '链接不完整，请从原消息重新打开。',
  bad_signature: '链接无效（签名不符），请从原消息重新打开。',
  expired: '链接已过期，请登录控制台确认。',
} as const;

/**
 * The signed links in alert messages. GET shows the event and a button; only the POST from
 * that button acknowledges, so a chat app fetching the link for a preview acknowledges nothing.
 */
export function registerAckRoutes(app: FastifyInstance, deps: AckRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  app.get<{ Params: { token: string } }>('/ack/:token', async (request, reply) => {
    const check = verifyAckToken(deps.linkKey, request.params.token, now());
    if (!check.ok)
      return reply
        .code(check.reason === 'expired' ? 410 : 400)
        .type('text/html')
        .send(page('无法确认', `<p>${FAILURES[check.reason]}</p>`));
    const event = (await deps.store.getRecord<EventRecord>('event', check.eventId))?.data;
    if (!event)
      return reply.code(404).type('text/html').send(page('无法确认', '<p>找不到这条预警对应的事件。</p>'));
    const state =
      event.status === 'open'
        ? '未确认'
        : event.status === 'acknowledged'
          ? `已确认（${event.acknowledged?.by ?? ''}）`
          : '已处置';
    return reply.type('text/html').send(
      page(
        '确认预警',
        `<h2>${escapeUTF8(event.level === 'none' ? '' : `${LEVEL_NAMES_ZH[event.level]}预警`)} · ${escapeUTF8(event.town ?? '属地未识别')}</h2>
<p>${escapeUTF8(event.title)}</p><p>${escapeUTF8(event.summary)}</p><p>状态：${escapeUTF8(state)}</p>
${event.status === 'resolved' ? '' : actionForm(event.status === 'open')}`,
      ),
    );
  });
  app.post<{ Params: { token: string }; Body: { who?: string; action?: string; reason?: string } }>(
    '/ack/:token',
    async (request, reply) => {
      const check = verifyAckToken(deps.linkKey, request.params.token, now());
      if (!check.ok)
        return reply
          .code(check.reason === 'expired' ? 410 : 400)
          .type('text/html')
          .send(page('无法确认', `<p>${FAILURES[check.reason]}</p>`));
      const body = request.body ?? {};
      const action = body.action === 'resolve' ? 'resolve' : 'acknowledge';
      const who = (body.who ?? '').trim().slice(0, 40);
      const reason = (body.reason ?? '').trim().slice(0, 200);
      if (!who || (action === 'resolve' && !reason))
        return reply
          .code(400)
          .type('text/html')
          .send(
            page(
              '无法办理',
              `<p>${action === 'resolve' ? '处置须填写经办人和处置情况。' : '请填写确认人。'}</p>`,
            ),
          );
      const result = await actOnEvent(
        deps.store,
        check.eventId,
        action,
        { who, via: '消息链接', ...(reason ? { reason } : {}) },
        now(),
      );
      const told =
        action === 'resolve'
          ? result.changed
            ? '已标记为处置完毕，不再提醒。'
            : '此前已处置，无需重复操作。'
          : result.changed
            ? '已确认，升级提醒已停止。'
            : '此前已确认，无需重复操作。';
      return reply.type('text/html').send(page(action === 'resolve' ? '已处置' : '已确认', `<p>${told}</p>`));
    },
  );
}

/** Acknowledge (while open) and resolve, each a POST from its own button: a preview fetch does neither. */
function actionForm(open: boolean): string {
  const ack = open
    ? `<form method="post"><input type="hidden" name="action" value="acknowledge"><label>确认人 <input name="who" required maxlength="40"></label> <button type="submit">确认已收到并处理</button></form>`
    : '';
  return `${ack}<form method="post"><input type="hidden" name="action" value="resolve"><label>经办人 <input name="who" required maxlength="40"></label> <label>处置情况 <input name="reason" required maxlength="200"></label> <button type="submit">处置完毕</button></form>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeUTF8(title)}</title></head><body>${body}</body></html>`;
}
