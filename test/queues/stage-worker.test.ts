import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, ThrottledError } from '../../src/errors.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Payload } from '../../src/queues/payloads.ts';
import { createPipelineQueues, type PipelineQueues } from '../../src/queues/pipeline-queues.ts';
import { createStageWorker, type StageHandler } from '../../src/queues/stage-worker.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { samplePost } from '../helpers/sample-posts.ts';
import { waitFor } from '../helpers/wait-for.ts';

const QUEUE_SETTINGS = {
  attempts: 4,
  backoff_ms: 20,
  completed_keep_hours: 1,
  completed_keep_count: 1000,
  failed_keep_count: 1000,
  shutdown_grace_s: 5,
  lock_s: 30,
  concurrency: { collect: 1, classify: 2, index: 1, event: 1 as const, alert: 1 },
};

describe('stage worker on a real Redis', () => {
  let redis: Redis;
  let prefix: string;
  let queues: PipelineQueues;
  let worker: Worker | undefined;
  const seen: string[] = [];

  beforeEach(() => {
    redis = connectTestRedis();
    prefix = uniquePrefix('worker');
    queues = createPipelineQueues(redis, prefix, QUEUE_SETTINGS);
    seen.length = 0;
  });
  afterEach(async () => {
    await worker?.close();
    await queues.close();
    await redis.quit();
  });

  function run(handler: StageHandler<'classify'>) {
    worker = createStageWorker({
      stage: 'classify',
      handler,
      connection: redis,
      prefix,
      concurrency: 2,
      logger: createSilentLogger(),
    });
    worker.run();
  }
  const classifyJob = (id: string, text = '拖欠工资'): Payload<'classify'> => ({
    v: 1,
    post: samplePost(id, text),
  });
  const state = async (jobId: string) => (await queues.queue('classify').getJob(jobId))?.getState();

  it('fails a poison payload at once, without retries, and keeps processing', async () => {
    run(async ({ post }) => void seen.push(post.id));
    await queues
      .queue('classify')
      .add('classify', { v: 1, post: { id: 'no-colon', text: '' } }, { jobId: 'poison' });
    await queues.emitter('classify')([classifyJob('after')]);
    await waitFor('the good job', () => seen.includes('forum:after'));
    await waitFor('the poison job to fail', async () => (await state('poison')) === 'failed');
    const poison = await queues.queue('classify').getJob('poison');
    if (!poison) throw new Error('poison job vanished');
    expect(poison.attemptsMade).toBe(1);
    expect(poison.failedReason).toMatch(/^invalid classify payload/);
  });

  it('gives one job per post however often it is emitted', async () => {
    run(async ({ post }) => void seen.push(post.id));
    const emit = queues.emitter('classify');
    await emit([classifyJob('same')]);
    await emit([classifyJob('same'), classifyJob('same')]);
    await waitFor('the job', () => seen.includes('forum:same'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((id) => id === 'forum:same')).toHaveLength(1);
  });

  it('retries a transient failure with backoff until it succeeds', async () => {
    let calls = 0;
    run(async () => {
      calls++;
      if (calls < 3) throw new Error('store briefly unavailable');
    });
    await queues.emitter('classify')([classifyJob('flaky')]);
    const jobs = await queues.queue('classify').getJobs(['waiting', 'delayed', 'active', 'completed']);
    const id = jobs[0]?.id as string;
    await waitFor('completion after retries', async () => (await state(id)) === 'completed');
    expect(calls).toBe(3);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    run(async () => {
      calls++;
      throw new PermanentError('HTTP 404');
    });
    await queues.emitter('classify')([classifyJob('gone')]);
    const failed = await waitFor('failure', async () => (await queues.queue('classify').getFailed())[0]);
    expect(failed.failedReason).toBe('HTTP 404');
    expect(calls).toBe(1);
  });

  it('waits as long as a throttling answer asks, without using up attempts', async () => {
    let calls = 0;
    run(async () => {
      calls++;
      if (calls === 1) throw new ThrottledError('HTTP 429', 300);
    });
    await queues.emitter('classify')([classifyJob('slow-down')]);
    const delayed = await waitFor('the delay', async () => (await queues.queue('classify').getDelayed())[0]);
    expect(delayed.attemptsMade).toBe(0);
    await waitFor('completion', async () => (await queues.queue('classify').getCompleted()).length === 1);
    expect(calls).toBe(2);
  });
});
