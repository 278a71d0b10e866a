import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { type DemoSite, startDemoSite } from '../../src/demo/demo-site.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/demo/webhook-receiver.ts';
import { STAGES } from '../../src/queues/payloads.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { BIN, withoutWagewatchEnv } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const POSTS = 40;
const tempDir = useTempDirs();

describe('one process per stage against one Redis', () => {
  let site: DemoSite;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    site = await startDemoSite({ posts: buildDemoCorpus(POSTS), backlog: POSTS, perSecond: 1, pageSize: 20 });
    receiver = await startWebhookReceiver({ secret: 'split-key' });
  });
  afterAll(async () => {
    await site.close();
    await receiver.close();
  });

  it('collects, classifies, stores and alerts with `wagewatch worker <stage>` processes', async () => {
    const dir = await tempDir();
    const configDir = await copyProjectConfig(dir);
    await editConfigFile(configDir, 'sources/demo-site.yaml', 'enabled: false', 'enabled: true');
    await editConfigFile(
      configDir,
      'sources/demo-site.yaml',
      'url: http://127.0.0.1:8090/posts',
      `url: ${site.url}`,
    );
    const env = {
      ...withoutWagewatchEnv(process.env),
      WAGEWATCH_CONFIG_DIR: configDir,
      WAGEWATCH_DATA_DIR: join(dir, 'data'),
      REDIS_URL: testRedisUrl(),
      WAGEWATCH_REDIS_PREFIX: uniquePrefix('split'),
      WAGEWATCH_ALERT_WEBHOOK_URL: receiver.url,
      WAGEWATCH_ALERT_WEBHOOK_SECRET: 'split-key',
      WAGEWATCH_LOG_LEVEL: 'warn',
    };
    const workers: ChildProcess[] = STAGES.map((stage) =>
      spawn(process.execPath, [BIN, 'worker', stage], { env, stdio: 'ignore' }),
    );
    const exits = workers.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve)));
    const store = createEmbeddedStore({
      file: join(dir, 'data', 'wagewatch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    try {
      await waitFor('every post stored', async () => (await store.countPosts()) === POSTS, 60_000);
      await waitFor('every alert delivered', async () => {
        const alerts = await store.countAlerts();
        return alerts > 0 && receiver.received.length === alerts;
      });
    } finally {
      for (const child of workers) child.kill('SIGTERM');
    }
    expect(await Promise.all(exits)).toEqual(STAGES.map(() => 0));
    expect(new Set(receiver.received.map((r) => r.key)).size).toBe(receiver.received.length);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    await store.close();
  });
});
