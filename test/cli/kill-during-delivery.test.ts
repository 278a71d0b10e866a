import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { type DemoSite, startDemoSite } from '../../src/demo/demo-site.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { BIN, withoutWagewatchEnv } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const POSTS = 40;
const tempDir = useTempDirs();

/**
 * A duty-room receiver that keeps its first request unanswered, so the sender can be killed
 * while a delivery is in flight. Like a real receiver it keys arrivals by the idempotency key.
 */
async function startStallingReceiver() {
  const arrivals: string[] = [];
  let firstArrived: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    firstArrived = resolve;
  });
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      arrivals.push(String(request.headers['x-wagewatch-idempotency-key']));
      if (arrivals.length === 1) {
        firstArrived();
        return; // never answered: the sender dies waiting
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    arrivals,
    first,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('an alert worker killed with SIGKILL in the middle of a delivery', () => {
  let site: DemoSite;
  let receiver: Awaited<ReturnType<typeof startStallingReceiver>>;
  beforeAll(async () => {
    site = await startDemoSite({ posts: buildDemoCorpus(POSTS), backlog: POSTS, perSecond: 1, pageSize: 20 });
    receiver = await startStallingReceiver();
  });
  afterAll(async () => {
    await site.close();
    await receiver.close();
  });

  it('is replaced by another worker that finishes the delivery: nothing missed, nothing new twice', async () => {
    const dir = await tempDir();
    const configDir = await copyProjectConfig(dir);
    await editConfigFile(configDir, 'sources/demo-site.yaml', 'enabled: false', 'enabled: true');
    await editConfigFile(
      configDir,
      'sources/demo-site.yaml',
      'url: http://127.0.0.1:8090/posts',
      `url: ${site.url}`,
    );
    await editConfigFile(configDir, 'default.yaml', 'lock_s: 30', 'lock_s: 2');
    // No group wait, so every level's first message goes out while the doomed worker runs.
    await editConfigFile(
      configDir,
      'routing.yaml',
      'orange: { group_wait_s: 30,',
      'orange: { group_wait_s: 0,',
    );
    await editConfigFile(
      configDir,
      'routing.yaml',
      'yellow: { group_wait_s: 120,',
      'yellow: { group_wait_s: 0,',
    );
    const env = {
      ...withoutWagewatchEnv(process.env),
      WAGEWATCH_CONFIG_DIR: configDir,
      WAGEWATCH_DATA_DIR: join(dir, 'data'),
      REDIS_URL: testRedisUrl(),
      WAGEWATCH_REDIS_PREFIX: uniquePrefix('killdeliver'),
      WAGEWATCH_ALERT_WEBHOOK_URL: receiver.url,
      WAGEWATCH_LOG_LEVEL: 'warn',
    };
    const worker = (stage: string) =>
      spawn(process.execPath, [BIN, 'worker', stage], { env, stdio: 'ignore' });
    const children: ChildProcess[] = ['collect', 'classify', 'index', 'event'].map(worker);
    const doomed = worker('alert');
    const store = createEmbeddedStore({
      file: join(dir, 'data', 'wagewatch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    try {
      await receiver.first;
      const inFlight = receiver.arrivals[0] as string;
      const died = new Promise((resolve) => doomed.on('exit', resolve));
      doomed.kill('SIGKILL');
      await died;
      const killedAt = Date.now();
      // What the doomed worker had sent by then (alert concurrency is 4): any of it may have had
      // no answer read, or no "sent" mark written, when it died.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const inFlightAtKill = new Set(receiver.arrivals);
      children.push(worker('alert'));

      await waitFor('every post stored', async () => (await store.countPosts()) === POSTS, 60_000);
      await waitFor(
        'the in-flight notification delivered by the new worker',
        async () =>
          (await store.listDeliveries(inFlight)).some(
            (d) => d.status === 'delivered' && d.channel === 'duty-webhook',
          ),
        60_000,
      );
      const recoveryMs = Date.now() - killedAt;
      await waitFor(
        'every recorded alert arrived',
        async () => {
          const alerts = await store.countAlerts();
          return alerts > 1 && new Set(receiver.arrivals).size === alerts;
        },
        60_000,
      );
      console.info(`kill during delivery: taken over and delivered ${recoveryMs} ms after the kill`);

      // A message in flight at the kill may arrive twice, under the same idempotency key, so a
      // receiver that honours the key shows it once; the one left unanswered does; every other
      // message arrives exactly once.
      const counts = new Map<string, number>();
      for (const key of receiver.arrivals) counts.set(key, (counts.get(key) ?? 0) + 1);
      expect(counts.get(inFlight)).toBe(2);
      expect([...counts].filter(([key, n]) => (inFlightAtKill.has(key) ? n > 2 : n !== 1))).toEqual([]);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => new Promise((resolve) => child.on('exit', resolve))));
      await store.close();
    }
  }, 180_000);
});
