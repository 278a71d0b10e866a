import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const now = new Date('2026-11-26T10:00:00+08:00');

describe('acknowledging and resolving events over the API', () => {
  let store: Store;
  let event: EventRecord;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'e.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    event = sampleEvent({ level: 'red' });
    await store.putRecord('event', event.id, event, null);
  });
  afterEach(() => store.close());

  it('acknowledges then resolves with an events token, audited with the person and the system', async () => {
    const app = await buildHttpServer({ store, linkKey: null, now: () => now });
    const { token } = await createApiToken(store, {
      name: '值班大屏',
      scopes: ['events'],
      source: null,
      createdBy: '管理员',
    });
    const { token: intakeOnly } = await createApiToken(store, {
      name: '12345',
      scopes: ['intake'],
      source: 'hotline-12345',
      createdBy: '管理员',
    });
    const call = (path: string, bearer: string | null, payload: object) =>
      app.inject({
        method: 'POST',
        url: `/api/events/${path}`,
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        payload,
      });
    expect((await call(`${event.id}/ack`, null, { by: '张伟' })).statusCode).toBe(401);
    expect((await call(`${event.id}/ack`, intakeOnly, { by: '张伟' })).statusCode).toBe(401);
    expect((await call(`${event.id}/ack`, token, {})).json()).toMatchObject({ code: 'invalid_body' });
    expect((await call('ev-nope/ack', token, { by: '张伟' })).statusCode).toBe(404);
    expect((await call(`${event.id}/ack`, token, { by: '张伟' })).json()).toEqual({
      changed: true,
      status: 'acknowledged',
    });
    expect((await call(`${event.id}/ack`, token, { by: '李娜' })).json()).toEqual({
      changed: false,
      status: 'acknowledged',
    });
    expect((await call(`${event.id}/resolve`, token, { by: '王强', reason: '工资已发放' })).json()).toEqual({
      changed: true,
      status: 'resolved',
    });
    expect(
      (await store.listAudit({ target_id: event.id })).map((a) => [a.actor, a.action, a.reason]),
    ).toEqual([
      ['张伟', 'event.acknowledge', 'via 接口（值班大屏）'],
      ['王强', 'event.resolve', '工资已发放'],
    ]);
    await app.close();
  });
});
