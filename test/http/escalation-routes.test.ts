import { join } from 'node:path';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AlertState, emptyAlertState } from '../../src/alerts/alert-decision.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createEscalationTrigger } from '../../src/queues/escalate-now.ts';
import { type Payload, singleJobId } from '../../src/queues/payloads.ts';
import { createPipelineQueues, type PipelineQueues } from '../../src/queues/pipeline-queues.ts';
import { createStageWorker } from '../../src/queues/stage-worker.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { type SignedIn, signedIn } from '../helpers/signed-in.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const tempDir = useTempDirs();
const T0 = new Date('2026-11-26T10:00:00+08:00');
const QUEUE_SETTINGS = {
  attempts: 4,
  backoff_ms: 20,
  completed_keep_hours: 1,
  completed_keep_count: 1000,
  failed_keep_count: 1000,
  shutdown_grace_s: 5,
  lock_s: 30,
  concurrency: { collect: 1, classify: 2, index: 1, event: 1 as const, alert: 1 },
  batch_size: 100,
};

describe('POST /api/events/:id/escalate on a real alert queue', () => {
  let store: Store;
  let redis: Redis;
  let prefix: string;
  let queues: PipelineQueues;
  let app: FastifyInstance;
  let worker: Worker | undefined;
  let event: EventRecord;
  let duty: SignedIn;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'x.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    event = sampleEvent({ level: 'red' });
    await store.putRecord('event', event.id, event, null);
    redis = connectTestRedis();
    prefix = uniquePrefix('escalate');
    queues = createPipelineQueues(redis, prefix, QUEUE_SETTINGS);
    app = await buildHttpServer({
      store,
      linkKey: null,
      escalations: createEscalationTrigger(queues),
      now: () => T0,
    });
    duty = await signedIn(app, store, 'duty', 'monitor', T0);
    worker = undefined;
  });
  afterEach(async () => {
    await app.close();
    await worker?.close();
    await queues.close();
    await redis.quit();
    await store.close();
  });

  const escalate = (id: string, payload: object = { reason: '值班员电话未接通' }, csrf = true) =>
    duty.call({ method: 'POST', url: `/api/events/${id}/escalate`, payload, csrf });
  const step = (eventId: string, n: number, key = `event:${eventId}:red:1:raised`): Payload<'alert'> => ({
    v: 2,
    type: 'escalate',
    event_id: eventId,
    notification_key: key,
    step: n,
  });
  const stateOf = async (payload: Payload<'alert'>) =>
    (await queues.queue('alert').getJob(singleJobId(payload)))?.getState();

  it('brings the planned escalation step forward, leaves other work alone, and audits who and why', async () => {
    const emit = queues.emitter('alert');
    // What the alert stage plans after a red message: the first escalation 15 minutes on, a reminder check.
    await emit([step(event.id, 1)], { delayMs: 15 * 60_000 });
    const recheck: Payload<'alert'> = {
      v: 2,
      type: 'notify',
      event_id: event.id,
      level: 'red',
      tag: 'recheck-1',
    };
    await emit([recheck], { delayMs: 30 * 60_000 });
    const other = step('ev-other', 1, 'event:ev-other:red:1:raised');
    await emit([other], { delayMs: 60_000 });

    const res = await escalate(event.id);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ changed: true, how: 'promoted', step: 1 });
    expect(await stateOf(step(event.id, 1))).toBe('waiting');
    expect(await stateOf(recheck)).toBe('delayed');
    expect(await stateOf(other)).toBe('delayed');

    // Asked again while it waits for the alert stage: nothing more is done, or audited.
    const again = await escalate(event.id, { reason: '再次升级' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ changed: false, how: 'under_way', step: 1 });
    expect(await store.listAudit({ target_kind: 'event' })).toEqual([
      expect.objectContaining({
        actor: 'duty（duty）',
        action: 'event.escalate',
        target_id: event.id,
        reason: '值班员电话未接通',
        after: { step: 1, how: 'promoted' },
      }),
    ]);
  });

  it('has the alert stage take the step at once; with none planned, starts a chain from the last message', async () => {
    const handled: Payload<'alert'>[] = [];
    worker = createStageWorker({
      stage: 'alert',
      handler: async (payload) => void handled.push(payload),
      connection: redis,
      prefix,
      concurrency: 1,
      logger: createSilentLogger(),
    });
    worker.run();
    await queues.emitter('alert')([step(event.id, 2)], { delayMs: 15 * 60_000 });
    expect((await escalate(event.id)).json()).toMatchObject({ how: 'promoted', step: 2 });
    await waitFor('step 2 handled', () => handled.some((p) => p.type === 'escalate' && p.step === 2));

    const quiet = sampleEvent({ id: 'ev-quiet', level: 'yellow' });
    await store.putRecord('event', quiet.id, quiet, null);
    const told: AlertState = { ...emptyAlertState(quiet.id), last_key: 'event:ev-quiet:yellow:1:raised' };
    await store.putRecord('alert-state', quiet.id, told, null);
    const started = await escalate(quiet.id);
    expect(started.statusCode).toBe(202);
    expect(started.json()).toEqual({ changed: true, how: 'started', step: 1 });
    await waitFor('the started chain handled', () =>
      handled.some((p) => 'event_id' in p && p.event_id === quiet.id),
    );
    expect(handled.find((p) => 'event_id' in p && p.event_id === quiet.id)).toEqual(
      step(quiet.id, 1, 'event:ev-quiet:yellow:1:raised:console:2026-11-26T10:00'),
    );
  });

  it('refuses what cannot be escalated, and who may not escalate', async () => {
    await store.putRecord('event', 'ev-acked', sampleEvent({ id: 'ev-acked', status: 'acknowledged' }), null);
    const acked = await escalate('ev-acked');
    expect(acked.statusCode).toBe(409);
    expect(acked.json().message).toBe('事件已确认，不再升级');
    expect((await escalate('ev-nope')).statusCode).toBe(404);
    const noReason = await escalate(event.id, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/升级原因/);
    const noCsrf = await escalate(event.id, { reason: '没有令牌' }, false);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf');
    const hr = await signedIn(app, store, 'liu.hr', 'hr', T0);
    expect(
      (
        await hr.call({
          method: 'POST',
          url: `/api/events/${event.id}/escalate`,
          payload: { reason: '人社局' },
        })
      ).statusCode,
    ).toBe(403);
    expect(await queues.queue('alert').getJobCounts()).toMatchObject({ waiting: 0, delayed: 0 });
    expect(await store.listAudit({ target_kind: 'event' })).toEqual([]);
  });

  it('answers 503 in Chinese when the server has no alert queue', async () => {
    const bare = await buildHttpServer({ store, linkKey: null, now: () => T0 });
    try {
      const person = await signedIn(bare, store, 'duty2', 'monitor', T0);
      const res = await person.call({
        method: 'POST',
        url: `/api/events/${event.id}/escalate`,
        payload: { reason: '值班员电话未接通' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'unavailable', message: expect.stringContaining('任务队列') });
    } finally {
      await bare.close();
    }
  });
});
