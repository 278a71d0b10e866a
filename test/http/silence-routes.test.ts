import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silenceFor } from '../../src/alerts/silences.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { type SignedIn, signedIn } from '../helpers/signed-in.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const T0 = new Date('2026-11-26T10:00:00+08:00');

describe('silences from the console', () => {
  let store: Store;
  let app: FastifyInstance;
  let clock: Date;
  let event: EventRecord;
  let duty: SignedIn;
  beforeEach(async () => {
    clock = T0;
    store = createEmbeddedStore({
      file: join(await tempDir(), 's.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    event = sampleEvent({ level: 'red' });
    await store.putRecord('event', event.id, event, null);
    app = await buildHttpServer({ store, linkKey: null, now: () => clock });
    duty = await signedIn(app, store, 'duty', 'monitor', T0);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const add = (payload: object, who = duty, csrf = true) =>
    who.call({ method: 'POST', url: '/api/silences', payload, csrf });
  const list = async () => (await duty.call({ method: 'GET', url: '/api/silences' })).json();

  it('silences an event for an hour in the signed-in name, lists it, ends it early, each audited as the CLI does', async () => {
    const added = await add({ event_id: event.id, duration_minutes: 60, reason: '住建局已到场处置' });
    expect(added.statusCode, added.body).toBe(201);
    const silence = added.json();
    expect(silence).toMatchObject({
      event_id: event.id,
      author: 'duty（duty）',
      reason: '住建局已到场处置',
      starts_at: '2026-11-26T10:00:00+08:00',
      ends_at: '2026-11-26T11:00:00+08:00',
    });
    // The alert stage reads the same records: the event is muted now.
    expect(silenceFor(event, (await list()).active, T0)?.id).toBe(silence.id);
    expect(await list()).toEqual({ active: [silence], recent: [] });

    clock = new Date(T0.getTime() + 10 * 60_000);
    const ended = await duty.call({ method: 'POST', url: `/api/silences/${silence.id}/end`, payload: {} });
    expect(ended.json()).toMatchObject({ changed: true, silence: { ends_at: '2026-11-26T10:10:00+08:00' } });
    expect(await list()).toMatchObject({ active: [], recent: [{ id: silence.id }] });
    // Ending it again changes nothing, and audits nothing.
    const again = await duty.call({ method: 'POST', url: `/api/silences/${silence.id}/end`, payload: {} });
    expect(again.json()).toMatchObject({ changed: false, silence: { ends_at: '2026-11-26T10:10:00+08:00' } });

    const audit = await store.listAudit({ target_kind: 'silence' });
    expect(audit.map((a) => [a.action, a.actor, a.target_id, a.reason])).toEqual([
      ['silence.add', 'duty（duty）', silence.id, '住建局已到场处置'],
      ['silence.end', 'duty（duty）', silence.id, '控制台提前结束'],
    ]);
    expect(audit[0]?.after).toEqual(silence);
  });

  it('silences a keyword until a set time, and a source', async () => {
    const keyword = await add({
      keyword: '安置房',
      ends_at: '2026-11-26T14:00:00+08:00',
      reason: '专班跟进',
    });
    expect(keyword.json()).toMatchObject({ keyword: '安置房', ends_at: '2026-11-26T14:00:00+08:00' });
    const source = await add({ source: 'forum', duration_minutes: 240, reason: '论坛重复转帖' });
    expect(source.json()).toMatchObject({ source: 'forum', ends_at: '2026-11-26T14:00:00+08:00' });
    expect((await list()).active).toHaveLength(2);
  });

  it('refuses what is not a silence, in Chinese, naming the field', async () => {
    const cases: [object, number, string][] = [
      [{ event_id: event.id, duration_minutes: 60, reason: '好' }, 400, 'reason'],
      [{ event_id: event.id, keyword: '讨薪', duration_minutes: 60, reason: '两个都给' }, 400, 'event_id'],
      [{ duration_minutes: 60, reason: '什么都没给' }, 400, 'event_id'],
      [{ event_id: event.id, reason: '没有时长' }, 400, 'duration_minutes'],
      [{ event_id: event.id, duration_minutes: 60 * 24 * 8, reason: '太久了' }, 400, 'duration_minutes'],
      [{ event_id: event.id, ends_at: '2026-11-26T09:00:00+08:00', reason: '已经过去' }, 400, 'ends_at'],
      [{ event_id: event.id, duration_minutes: 60, reason: '多余字段', by: '张伟' }, 400, 'by'],
      [{ event_id: 'ev-nope', duration_minutes: 60, reason: '没有这个事件' }, 404, 'ev-nope'],
    ];
    for (const [payload, status, named] of cases) {
      const res = await add(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().message, JSON.stringify(payload)).toContain(named);
    }
    expect((await add(cases[0]?.[0] as object)).json().message).toBe(
      '静默设置有误：reason 静默原因至少 2 个字',
    );
    expect(
      (await duty.call({ method: 'POST', url: '/api/silences/sil-nope/end', payload: {} })).statusCode,
    ).toBe(404);
    expect(await store.listAudit({ target_kind: 'silence' })).toEqual([]);
  });

  it('needs the CSRF token with a session, and an acting role', async () => {
    const refused = await add({ event_id: event.id, duration_minutes: 60, reason: '没有令牌' }, duty, false);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'csrf' });
    const silence = (await add({ event_id: event.id, duration_minutes: 60, reason: '有令牌' })).json();
    const endRefused = await duty.call({
      method: 'POST',
      url: `/api/silences/${silence.id}/end`,
      payload: {},
      csrf: false,
    });
    expect(endRefused.statusCode).toBe(403);
    expect((await list()).active).toHaveLength(1);

    const hr = await signedIn(app, store, 'liu.hr', 'hr', T0);
    expect((await hr.call({ method: 'GET', url: '/api/silences' })).statusCode).toBe(403);
    expect((await add({ keyword: '讨薪', duration_minutes: 60, reason: '人社局' }, hr)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/silences' })).statusCode).toBe(401);
    expect((await store.listAudit({ target_kind: 'silence' })).map((a) => [a.action, a.reason])).toEqual([
      ['silence.add', '有令牌'],
    ]);
  });
});
