import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StageThread, startStageThread } from '../../src/app/stage-thread-host.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { createPipelineQueues, type PipelineQueues } from '../../src/queues/pipeline-queues.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { loadProjectConfig } from '../helpers/project-config.ts';
import { connectTestRedis, testRedisUrl, uniquePrefix } from '../helpers/redis.ts';
import { samplePost } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const tempDir = useTempDirs();
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** The classify stage alone on a thread (it needs only a post to work on), against its own prefix and store. */
describe('a stage thread', () => {
  let config: AppConfig;
  let redis: Redis;
  let queues: PipelineQueues;
  let thread: StageThread | undefined;
  const completed: { stage: string; result: unknown }[] = [];

  beforeEach(async () => {
    const base = await loadProjectConfig();
    config = {
      ...base,
      settings: {
        ...base.settings,
        data_dir: await tempDir(),
        redis: { ...base.settings.redis, prefix: uniquePrefix('thread') },
        queues: { ...base.settings.queues, lock_s: 1, shutdown_grace_s: 5 },
      },
    };
    redis = connectTestRedis();
    queues = createPipelineQueues(redis, config.settings.redis.prefix, config.settings.queues);
    completed.length = 0;
  });
  afterEach(async () => {
    await thread?.close();
    thread = undefined;
    await queues.close();
    redis.disconnect();
  });

  const start = (over: Partial<AppConfig['settings']> = {}) =>
    startStageThread({
      config: { ...config, settings: { ...config.settings, ...over } },
      env: {},
      cwd: process.cwd(),
      redisUrl: testRedisUrl(),
      stages: ['classify'],
      log: { file: join(config.settings.data_dir, 'thread.log') },
      logger: createSilentLogger(),
      consoleOut: discard(),
      onCompleted: (stage, result) => completed.push({ stage, result }),
      closeTimeoutMs: 20_000,
      restartDelayMs: 50,
    });
  const classifyOne = async (id: string) => {
    await queues.emitter('classify')([
      { post: samplePost(id, '某建筑公司拖欠30名农民工工资45万元，工人多次讨要未果。') },
    ]);
    await waitFor(`post ${id} classified on the thread`, () =>
      completed.some(({ result }) => JSON.stringify(result).includes(id)),
    );
  };

  it('works its stage with connections of its own, reports each job to the parent, and closes', async () => {
    thread = await start();
    await classifyOne('thread-1');
    expect(completed.map(({ stage }) => stage)).toEqual(['classify']);
    // What the thread's classify stage handed on is on the queue for the next stage.
    expect(await queues.queue('index').getJobCounts('waiting')).toEqual({ waiting: 1 });
    const worker = thread.worker();
    // A heap cap of its own: the process's --max-old-space-size would apply to each thread.
    expect(worker.resourceLimits?.maxOldGenerationSizeMb).toBe(192);
    await thread.close();
    thread = undefined;
    expect(worker.threadId).toBe(-1);
  });

  it('is started again when it dies, and the new thread takes the work', async () => {
    thread = await start();
    const first = thread.worker();
    await first.terminate();
    await waitFor('a new thread', () => thread?.worker() !== first);
    await classifyOne('after-restart');
  });

  it('fails to start with the error that kept its runtime from being built', async () => {
    const file = join(await tempDir(), 'not-a-dir');
    await writeFile(file, '');
    await expect(start({ data_dir: join(file, 'data') })).rejects.toThrow(/not-a-dir/);
  });
});
