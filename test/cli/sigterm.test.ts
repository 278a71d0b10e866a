import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGES } from '../../src/queues/payloads.ts';
import { createPipelineQueues } from '../../src/queues/pipeline-queues.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { connectTestRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { BIN, withoutWagewatchEnv } from '../helpers/run-cli.ts';
import { samplePost } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const POSTS = 1500;
/** Posts per job here: small batches, so that SIGTERM finds jobs in flight and jobs queued. */
const BATCH = 10;
const JOBS = POSTS / BATCH;
const tempDir = useTempDirs();

describe('SIGTERM while processing', () => {
  it('finishes active jobs, exits cleanly, and a restart completes every job exactly once', async () => {
    const dataDir = await tempDir();
    const prefix = uniquePrefix('sigterm');
    const env = {
      ...withoutWagewatchEnv(process.env),
      REDIS_URL: testRedisUrl(),
      WAGEWATCH_REDIS_PREFIX: prefix,
      WAGEWATCH_DATA_DIR: dataDir,
      WAGEWATCH_LOG_LEVEL: 'warn',
      WAGEWATCH_HTTP_PORT: '0',
    };
    const redis = connectTestRedis();
    const queues = createPipelineQueues(redis, prefix, {
      ...(await loadProjectConfig()).settings.queues,
      batch_size: BATCH,
    });
    const texts = ['河口镇工地拖欠工资三个月', '今天天气很好', '县里召开根治欠薪部署会'];
    await queues.emitter('classify')(
      Array.from({ length: POSTS }, (_, i) => ({
        post: samplePost(`s${i}`, `${texts[i % 3]}（${i}）`),
      })),
    );

    const start = () => spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const first = start();
    let stderr = '';
    first.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    await waitFor(
      'some posts to be indexed',
      async () => (await queues.queue('index').getCompletedCount()) >= 10,
      30_000,
    );
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    for (const stage of STAGES) {
      expect(await queues.queue(stage).getActiveCount(), `${stage} active after exit`).toBe(0);
      expect(await queues.queue(stage).getFailedCount(), `${stage} failed`).toBe(0);
    }
    const doneBeforeRestart = await queues.queue('index').getCompletedCount();
    expect(doneBeforeRestart).toBeLessThan(JOBS);

    const second = start();
    const store = createEmbeddedStore({
      file: join(dataDir, 'wagewatch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    try {
      await waitFor('every post stored', async () => (await store.countPosts()) === POSTS, 60_000);
      await waitFor(
        'the index queue to finish',
        async () => (await queues.queue('index').getCompletedCount()) === JOBS,
        20_000,
      );
    } finally {
      second.kill('SIGTERM');
      await new Promise((resolve) => second.on('exit', resolve));
      await store.close();
    }
    expect(await queues.queue('classify').getCompletedCount()).toBe(JOBS);
    expect(await queues.queue('classify').getFailedCount()).toBe(0);
    await queues.close();
    await redis.quit();
  });
});
