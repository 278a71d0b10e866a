import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFeedPublisher, createLiveAlerts, type LiveAlerts } from '../../src/alerts/live-feed.ts';
import { createAccount } from '../../src/auth/accounts.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { redNotification } from '../helpers/sample-notifications.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';

describe('the live alert feed and the events list', () => {
  let store: Store;
  let redis: Redis;
  let live: LiveAlerts;
  let app: FastifyInstance;
  let base: string;
  let prefix: string;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'l.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    await createAccount(store, {
      username: 'duty',
      display_name: '值班员',
      role: 'monitor',
      password: PASSWORD,
      createdBy: 'first-run',
    });
    await createAccount(store, {
      username: 'hekou',
      display_name: '河口镇',
      role: 'unit',
      unit: '河口镇',
      password: PASSWORD,
      createdBy: 'first-run',
    });
    const event = sampleEvent({ level: 'red' });
    await store.putRecord('event', event.id, event, null);
    redis = connectTestRedis();
    prefix = uniquePrefix('live');
    live = await createLiveAlerts(redis.duplicate(), prefix);
    app = await buildHttpServer({ store, linkKey: null, live });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await app.close();
    await live.close();
    await redis.quit();
    await store.close();
  });

  async function cookieFor(username: string): Promise<string> {
    const res = await fetch(`${base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  }

  it('streams each notification to a signed-in monitor as it goes out, and lists open events', async () => {
    const cookie = await cookieFor('duty');
    const events = (await (await fetch(`${base}/api/events`, { headers: { cookie } })).json()) as {
      items: unknown[];
    };
    expect(events.items).toEqual([expect.objectContaining({ level: 'red', status: 'open' })]);

    const controller = new AbortController();
    const stream = await fetch(`${base}/api/alerts/stream`, {
      headers: { cookie },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const until = async (needle: string) => {
      while (!text.includes(needle)) text += decoder.decode((await reader.read()).value);
    };
    await until('已连接');
    await createFeedPublisher(
      redis,
      prefix,
    )(redNotification({ key: 'event:e1:red:1:raised', title: '河口镇农民工聚集讨薪' }));
    await until('河口镇农民工聚集讨薪');
    expect(text).toMatch(/event: alert\nid: event:e1:red:1:raised\ndata: \{.*"level":"red"/);
    controller.abort();
  });

  it('keeps the stream and the events from units and from nobody', async () => {
    expect((await fetch(`${base}/api/alerts/stream`)).status).toBe(401);
    const unit = await cookieFor('hekou');
    expect((await fetch(`${base}/api/alerts/stream`, { headers: { cookie: unit } })).status).toBe(403);
    expect((await fetch(`${base}/api/events`, { headers: { cookie: unit } })).status).toBe(403);
  });
});
