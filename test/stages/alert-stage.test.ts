import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertForPost } from '../../src/alerts/alert-message.ts';
import type { Channel } from '../../src/alerts/channels/channel.ts';
import { createWebhookChannel } from '../../src/alerts/channels/webhook-channel.ts';
import type { RoutingConfig } from '../../src/alerts/routing-schema.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/demo/webhook-receiver.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { Secret } from '../../src/settings/secret.ts';
import { createAlertStage } from '../../src/stages/alert-stage.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const words = (text: string) => text.split('');
const tempDir = useTempDirs();

describe('alert stage with loopback receivers', () => {
  let store: Store;
  let receiver: WebhookReceiver;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'a.sqlite'),
      tokenizeForIndex: words,
      tokenizeForQuery: words,
    });
    receiver = await startWebhookReceiver({ secret: 'duty-key' });
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
    await receiver.close();
    await store.close();
  });

  const routing = (channels: string[]): RoutingConfig => ({
    departments: { default: ['人社'], by_industry: {}, by_risk: {}, by_group: {} },
    channels: Object.fromEntries(channels.map((name) => [name, { kind: 'console', style: 'brief' }])),
    routes: [{ levels: ['red', 'orange', 'yellow'], channels }],
    operations: { channels: [] },
  });
  const webhook = (name: string, url: string) => {
    const channel = createWebhookChannel(name, {
      url,
      secret: new Secret('KEY', 'duty-key'),
      timeoutMs: 2000,
    });
    closers.push(async () => channel.close?.());
    return channel;
  };
  const alertFor = (level: 'red' | 'yellow', id = '1') =>
    alertForPost(
      stored(
        samplePost(id, '工人爬上塔吊讨薪', { title: '讨薪' }),
        sampleClassification({ lead: true, level, town: '石桥镇' }),
      ),
    );
  const stageWith = (channels: Channel[]) =>
    createAlertStage({
      store,
      routing: routing(channels.map((c) => c.name)),
      channels: new Map(channels.map((c) => [c.name, c])),
      logger: createSilentLogger(),
    });

  it('delivers a signed alert once, however often the job runs', async () => {
    const stage = stageWith([webhook('duty', receiver.url)]);
    const alert = alertFor('red');
    if (!alert) throw new Error('no alert');
    expect(await stage({ v: 1, alert })).toMatchObject({ status: 'raised', delivered: ['duty'] });
    expect(await stage({ v: 1, alert })).toMatchObject({ status: 'repeat', delivered: [] });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ key: alert.key, signatureValid: true });
    expect(receiver.received[0]?.body.text).toMatch(/^【红色预警】石桥镇 · 讨薪/);
  });

  it('after a 500, a retry sends only to the channel that missed it', async () => {
    let failures = 1;
    const flaky: LoopbackServer = await startLoopbackServer((_request, response) => {
      response.writeHead(failures-- > 0 ? 500 : 200).end();
    });
    closers.push(() => flaky.close());
    const stage = stageWith([webhook('duty', receiver.url), webhook('backup', `${flaky.url}/hook`)]);
    const alert = alertFor('yellow');
    if (!alert) throw new Error('no alert');
    await expect(stage({ v: 1, alert })).rejects.toThrow(/not delivered to backup: webhook backup: HTTP 500/);
    expect(await stage({ v: 1, alert })).toMatchObject({ status: 'repeat', delivered: ['backup'] });
    expect(receiver.received).toHaveLength(1);
    expect(flaky.requests).toHaveLength(2);
    expect(
      (await store.listDeliveries(alert.key)).map((d) => `${d.channel}:${d.status}:${d.attempt}`),
    ).toEqual(['duty:delivered:1', 'backup:failed:1', 'backup:delivered:2']);
  });

  it('records a 4xx refusal and does not try that channel again', async () => {
    const revoked = await startLoopbackServer((_request, response) => response.writeHead(403).end());
    closers.push(() => revoked.close());
    const stage = stageWith([webhook('revoked', `${revoked.url}/hook`)]);
    const alert = alertFor('yellow');
    if (!alert) throw new Error('no alert');
    expect(await stage({ v: 1, alert })).toMatchObject({ status: 'raised', delivered: [] });
    expect(await stage({ v: 1, alert })).toMatchObject({ status: 'repeat', delivered: [] });
    expect(revoked.requests).toHaveLength(1);
    expect((await store.listDeliveries(alert.key))[0]).toMatchObject({
      status: 'rejected',
      detail: 'webhook revoked: HTTP 403',
    });
  });

  it('does not announce a post again when its level falls back', async () => {
    const stage = stageWith([webhook('duty', receiver.url)]);
    const red = alertFor('red', '9');
    const yellow = alertFor('yellow', '9');
    if (!red || !yellow) throw new Error('no alert');
    await stage({ v: 1, alert: red });
    expect(await stage({ v: 1, alert: yellow })).toMatchObject({ status: 'superseded' });
    expect(receiver.received).toHaveLength(1);
  });
});
