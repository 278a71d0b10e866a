import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ackToken } from '../../src/alerts/ack-link.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const now = new Date('2026-11-26T10:00:00+08:00');

describe('acknowledgement links', () => {
  let store: Store;
  let event: EventRecord;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'h.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    event = sampleEvent({ level: 'red' });
    await store.putRecord('event', event.id, event, null);
  });
  afterEach(() => store.close());

  it('shows the event on GET and acknowledges only on the POST from its button, audited', async () => {
    const app = await buildHttpServer({ store, linkKey: 'k', now: () => now });
    const token = ackToken('k', event.id, new Date(now.getTime() + 3_600_000));
    const shown = await app.inject({ method: 'GET', url: `/ack/${token}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('红色预警');
    expect(shown.body).toContain('<form method="post">');
    expect(shown.body).toContain('处置完毕');
    expect((await store.getRecord<EventRecord>('event', event.id))?.data.status).toBe('open');

    const done = await app.inject({
      method: 'POST',
      url: `/ack/${token}`,
      payload: 'who=张伟',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.body).toContain('已确认，升级提醒已停止');
    expect((await store.getRecord<EventRecord>('event', event.id))?.data).toMatchObject({
      status: 'acknowledged',
      acknowledged: { by: '张伟（消息链接）' },
    });
    expect(await store.listAudit({ target_id: event.id })).toEqual([
      expect.objectContaining({ actor: '张伟', action: 'event.acknowledge' }),
    ]);
    const again = await app.inject({
      method: 'POST',
      url: `/ack/${token}`,
      payload: 'who=李娜',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(again.body).toContain('此前已确认');
    await app.close();
  });

  it('resolves from the link with who and what was done, audited; refuses a resolve without them', async () => {
    const app = await buildHttpServer({ store, linkKey: 'k', now: () => now });
    const token = ackToken('k', event.id, new Date(now.getTime() + 3_600_000));
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const bare = await app.inject({
      method: 'POST',
      url: `/ack/${token}`,
      payload: 'action=resolve&who=王强',
      headers: form,
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain('处置须填写经办人和处置情况');
    const done = await app.inject({
      method: 'POST',
      url: `/ack/${token}`,
      payload: `action=resolve&who=${encodeURIComponent('王强')}&reason=${encodeURIComponent('工资已由总包单位代发')}`,
      headers: form,
    });
    expect(done.body).toContain('已标记为处置完毕');
    expect((await store.getRecord<EventRecord>('event', event.id))?.data.status).toBe('resolved');
    expect(await store.listAudit({ target_id: event.id })).toEqual([
      expect.objectContaining({ actor: '王强', action: 'event.resolve', reason: '工资已由总包单位代发' }),
    ]);
    const shown = await app.inject({ method: 'GET', url: `/ack/${token}` });
    expect(shown.body).toContain('已处置');
    expect(shown.body).not.toContain('<form');
    await app.close();
  });

  it('refuses a forged or expired link, and answers health without a key', async () => {
    const app = await buildHttpServer({ store, linkKey: 'k', now: () => now });
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/ack/${ackToken('other', event.id, new Date(now.getTime() + 60_000))}`,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/ack/${ackToken('k', event.id, new Date(now.getTime() - 1000))}`,
        })
      ).statusCode,
    ).toBe(410);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ ok: true });
    await app.close();
  });
});
