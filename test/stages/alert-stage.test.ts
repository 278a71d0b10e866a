import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actOnEvent } from '../../src/alerts/acknowledge.ts';
import { createAlertWork } from '../../src/alerts/alert-work.ts';
import type { Channel } from '../../src/alerts/channels/channel-plugin.ts';
import { createWebhookChannel } from '../../src/alerts/channels/webhook-channel.ts';
import { createOutbox } from '../../src/alerts/delivery/outbox.ts';
import { createChannelRateLimiter } from '../../src/alerts/delivery/rate-limit.ts';
import { createSendLeases } from '../../src/alerts/delivery/send-lease.ts';
import type { AlertNotification } from '../../src/alerts/notification.ts';
import { onCallSchema } from '../../src/alerts/oncall.ts';
import { routingSchema } from '../../src/alerts/routing-schema.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/demo/webhook-receiver.ts';
import type { EventRecord } from '../../src/events/event-record.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Payload } from '../../src/queues/payloads.ts';
import { Secret } from '../../src/settings/secret.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { startLoopbackServer } from '../helpers/loopback-server.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const T0 = new Date('2026-11-26T10:00:00+08:00'); // a Thursday: the day shift is on

const roster = onCallSchema.parse({
  people: {
    zhang: { name: '张伟', channels: ['sms-zhang'] },
    li: { name: '李娜', channels: ['sms-li'] },
    wang: { name: '王强', channels: ['sms-wang'] },
  },
  shifts: [
    {
      name: '全天',
      days: ['all'],
      start: '00:00',
      end: '00:00',
      primary: 'zhang',
      secondary: 'li',
      leader: 'wang',
    },
  ],
});

/** A channel that records what it was given, and can be made to fail. */
function recorder(name: string, limits = { messages: 100, perMs: 60_000, maxBytes: 100_000 }) {
  const sent: AlertNotification[][] = [];
  let failWith: Error | null = null;
  const channel: Channel = {
    name,
    limits,
    async send(message) {
      if (failWith) throw failWith;
      sent.push([...message.notifications]);
    },
    async notify() {},
  };
  const fail = (error: Error | null) => {
    failWith = error;
  };
  return { channel, sent, fail };
}

describe('alert stage: events to the people on duty', () => {
  let store: Store;
  let redis: Redis;
  let receiver: WebhookReceiver;
  let clock: Date;
  let emitted: { payload: Payload<'alert'>; delayMs: number }[];
  const closers: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'a.sqlite'),
      tokenizeForIndex: (t) => t.split(''),
      tokenizeForQuery: (t) => t.split(''),
    });
    redis = connectTestRedis();
    receiver = await startWebhookReceiver({ secret: 'duty-key' });
    clock = T0;
    emitted = [];
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await receiver.close();
    await store.close();
    await redis.quit();
  });

  function work(
    channels: Channel[],
    routes: { levels: string[]; channels: string[] }[],
    fallbacks: Record<string, string> = {},
    prefix = uniquePrefix('alert'),
  ) {
    const routing = routingSchema.parse({
      departments: { default: ['人社'], by_industry: {}, by_risk: {}, by_group: {} },
      channels: Object.fromEntries(channels.map((c) => [c.name, { kind: 'console' }])),
      routes,
      fallbacks,
    });
    return createAlertWork({
      store,
      routing,
      timings: routing.alerting,
      delivery: {
        store,
        channels: new Map(channels.map((c) => [c.name, c])),
        limiter: createChannelRateLimiter(redis, prefix, () => clock.getTime()),
        outbox: createOutbox(redis, prefix),
        leases: createSendLeases(redis, prefix, () => 30_000),
        fallbackOf: (name) => fallbacks[name] ?? null,
        scheduleFlush: async (channel, window, at) =>
          void emitted.push({
            payload: { v: 2, type: 'flush', channel, window },
            delayMs: at - clock.getTime(),
          }),
        logger: createSilentLogger(),
        now: () => clock,
      },
      roster,
      links: { key: 'link-key', publicUrl: 'http://127.0.0.1:8080', ttlMs: 86_400_000 },
      sourceNames: new Map([['forum', '本地论坛']]),
      emit: async (payloads, options) =>
        void emitted.push(...payloads.map((payload) => ({ payload, delayMs: options?.delayMs ?? 0 }))),
      logger: createSilentLogger(),
      now: () => clock,
    });
  }

  async function saveEvent(event: EventRecord) {
    const current = await store.getRecord<EventRecord>('event', event.id);
    await store.putRecord('event', event.id, event, current?.version ?? null);
  }
  const notify = (event: EventRecord): Payload<'alert'> => ({
    v: 2,
    type: 'notify',
    event_id: event.id,
    level: event.level,
  });

  it('tells the duty webhook once, in Chinese, signed, with an ack link; again only when the level rises', async () => {
    const duty = createWebhookChannel('duty', {
      url: receiver.url,
      secret: new Secret('K', 'duty-key'),
      timeoutMs: 2000,
    });
    closers.push(async () => duty.close?.());
    const alerts = work([duty], [{ levels: ['red', 'orange', 'yellow'], channels: ['duty'] }]);
    const event = sampleEvent({ level: 'orange' });
    await saveEvent(event);

    expect(await alerts.handle(notify(event))).toMatchObject({ outcome: 'raised', delivered: ['duty'] });
    expect(await alerts.handle(notify(event))).toMatchObject({ outcome: 'not_due' });
    expect(receiver.received).toHaveLength(1);
    const [message] = receiver.received;
    expect(message?.signatureValid).toBe(true);
    const sent = (message?.body.notifications as (AlertNotification & { text: string })[])[0];
    expect(sent?.text).toContain('【橙色预警·新预警】河口镇');
    expect(sent?.text).toContain('责任单位：人社、住建');
    expect(sent?.ack_url).toMatch(/^http:\/\/127\.0\.0\.1:8080\/ack\//);

    await saveEvent({ ...event, level: 'red' });
    expect(await alerts.handle(notify({ ...event, level: 'red' }))).toMatchObject({ outcome: 'level_up' });
    expect(receiver.received.map((r) => r.key)).toEqual([
      `event:${event.id}:orange:1:raised`,
      `event:${event.id}:red:2:level_up`,
    ]);
    // Red wants an acknowledgement: an escalation is planned for 5 minutes later.
    expect(emitted.filter((e) => e.payload.type === 'escalate').map((e) => e.delayMs)).toEqual([
      15 * 60_000,
      5 * 60_000,
    ]);
  });

  it('sends one message per channel when two workers take up the same event at the same moment', async () => {
    const slow = recorder('slow');
    const send = slow.channel.send;
    slow.channel.send = async (message) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await send(message);
    };
    const prefix = uniquePrefix('alert-race');
    const routes = [{ levels: ['red'], channels: ['slow'] }];
    const one = work([slow.channel], routes, {}, prefix);
    const two = work([slow.channel], routes, {}, prefix);
    const event = sampleEvent({ level: 'red' });
    await saveEvent(event);
    const outcomes = await Promise.allSettled([one.handle(notify(event)), two.handle(notify(event))]);
    // The loser is told to look again later; by then the ledger shows the message delivered.
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect(String(outcome.reason)).toMatch(/being sent by another worker/);
    await one.handle(notify(event));
    await two.handle(notify(event));
    expect(slow.sent).toHaveLength(1);
    const ledger = await store.listDeliveries(`event:${event.id}:red:1:raised`);
    expect(ledger.map((d) => `${d.channel}:${d.status}`)).toEqual(['slow:delivered']);
  });

  it('retries a channel that answered 500, and sends each channel the message once', async () => {
    let calls = 0;
    const flaky = await startLoopbackServer((_req, res) => {
      calls++;
      res.writeHead(calls === 1 ? 500 : 200).end('{}');
    });
    closers.push(() => flaky.close());
    const webhook = createWebhookChannel('flaky', {
      url: `${flaky.url}/hook`,
      secret: null,
      timeoutMs: 2000,
    });
    const steady = recorder('steady');
    closers.push(async () => webhook.close?.());
    const alerts = work([webhook, steady.channel], [{ levels: ['orange'], channels: ['flaky', 'steady'] }]);
    const event = sampleEvent({ level: 'orange' });
    await saveEvent(event);
    await expect(alerts.handle(notify(event))).rejects.toThrow(/flaky: .*HTTP 500/);
    // The job is retried: the decision was claimed, so the retry resends only what is missing.
    await alerts.handle(notify(event));
    const retried = await store.listDeliveries(`event:${event.id}:orange:1:raised`);
    expect(retried.map((d) => `${d.channel}:${d.status}`)).toEqual([
      'flaky:failed',
      'steady:delivered',
      'flaky:delivered',
    ]);
    expect(steady.sent).toHaveLength(1);
    expect(calls).toBe(2);
  });

  it('hands the message to the fallback when a channel refuses for good (revoked key)', async () => {
    const revoked = await startLoopbackServer((_req, res) => res.writeHead(403).end());
    closers.push(() => revoked.close());
    const robot = createWebhookChannel('robot', {
      url: `${revoked.url}/hook`,
      secret: null,
      timeoutMs: 2000,
    });
    closers.push(async () => robot.close?.());
    const mail = recorder('mail');
    const alerts = work([robot, mail.channel], [{ levels: ['orange'], channels: ['robot'] }], {
      robot: 'mail',
    });
    const event = sampleEvent({ level: 'orange' });
    await saveEvent(event);
    expect(await alerts.handle(notify(event))).toMatchObject({ outcome: 'raised', delivered: ['mail'] });
    expect(mail.sent).toHaveLength(1);
    const ledger = await store.listDeliveries(`event:${event.id}:orange:1:raised`);
    expect(ledger.map((d) => `${d.channel}:${d.status}`)).toEqual(['robot:rejected', 'mail:delivered']);
  });

  it("holds messages over a robot's rate limit and sends them as one digest when the window opens", async () => {
    const robot = recorder('robot', { messages: 2, perMs: 60_000, maxBytes: 100_000 });
    const alerts = work([robot.channel], [{ levels: ['orange'], channels: ['robot'] }]);
    const events = Array.from({ length: 5 }, (_, i) => sampleEvent({ id: `ev-burst-${i}`, level: 'orange' }));
    for (const event of events) {
      await saveEvent(event);
      await alerts.handle(notify(event));
    }
    expect(robot.sent.map((batch) => batch.length)).toEqual([1, 1]);
    const flushes = emitted.filter((e) => e.payload.type === 'flush');
    expect(new Set(flushes.map((f) => JSON.stringify(f.payload))).size).toBe(1);
    clock = new Date(T0.getTime() + 60_000);
    await alerts.handle(flushes[0]?.payload as Payload<'alert'>);
    expect(robot.sent.map((batch) => batch.length)).toEqual([1, 1, 3]);
    for (const event of events.slice(2)) {
      const ledger = await store.listDeliveries(`event:${event.id}:orange:1:raised`);
      expect(ledger.map((d) => d.status)).toEqual(['held', 'delivered']);
    }
  });

  it('escalates to the secondary, then the leader too, until acknowledged; then stops', async () => {
    const group = recorder('group');
    const people = ['sms-zhang', 'sms-li', 'sms-wang'].map((name) => recorder(name));
    const alerts = work(
      [group.channel, ...people.map((p) => p.channel)],
      [{ levels: ['red'], channels: ['group'] }],
    );
    const event = sampleEvent({ level: 'red' });
    await saveEvent(event);
    await alerts.handle(notify(event));
    // The person on duty is told at once, with the group.
    expect(people[0]?.sent[0]?.[0]?.recipients).toEqual(['张伟（值班）']);
    const escalation = emitted.find((e) => e.payload.type === 'escalate')?.payload as Payload<'alert'>;

    clock = new Date(T0.getTime() + 5 * 60_000);
    await alerts.handle(escalation);
    expect(people[1]?.sent.at(-1)?.[0]).toMatchObject({ kind: 'escalated', recipients: ['李娜（副班）'] });
    expect(people[2]?.sent).toHaveLength(0);
    const step2 = emitted.filter((e) => e.payload.type === 'escalate').at(-1);
    expect(step2).toMatchObject({ payload: { step: 2 }, delayMs: 5 * 60_000 });

    clock = new Date(T0.getTime() + 10 * 60_000);
    await alerts.handle(step2?.payload as Payload<'alert'>);
    expect(people[2]?.sent.at(-1)?.[0]?.recipients).toEqual(['李娜（副班）', '王强（带班领导）']);

    await actOnEvent(store, event.id, 'acknowledge', { who: '王强', via: '短信链接' }, clock);
    const step3 = emitted.filter((e) => e.payload.type === 'escalate').at(-1)?.payload as Payload<'alert'>;
    clock = new Date(T0.getTime() + 15 * 60_000);
    expect(await alerts.handle(step3)).toMatchObject({ outcome: 'stopped: acknowledged' });
    expect(await store.listAudit({ target_kind: 'event' })).toEqual([
      expect.objectContaining({ actor: '王强', action: 'event.acknowledge', target_id: event.id }),
    ]);
  });

  it('says nothing while a silence covers the event', async () => {
    const group = recorder('group');
    const alerts = work([group.channel], [{ levels: ['orange'], channels: ['group'] }]);
    const event = sampleEvent({ level: 'orange' });
    await saveEvent(event);
    await store.putRecord(
      'silence',
      's1',
      {
        id: 's1',
        event_id: event.id,
        starts_at: '2026-11-26T09:00:00+08:00',
        ends_at: '2026-11-26T12:00:00+08:00',
        author: '张伟',
        reason: '已现场处置',
        created_at: '2026-11-26T09:00:00+08:00',
      },
      null,
    );
    expect(await alerts.handle(notify(event))).toMatchObject({ outcome: 'silenced' });
    expect(group.sent).toHaveLength(0);
  });
});
