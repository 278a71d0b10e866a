import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentError, ThrottledError } from '../../src/errors.ts';
import { createSilentLogger } from '../../src/logger.ts';
import type { Item } from '../../src/queues/payloads.ts';
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
  batch_size: 3,
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
  const classifyJob = (id: string, text = '拖欠工资'): Item<'classify'> => ({ post: samplePost(id, text) });
  const record = async (items: Item<'classify'>[]) => items.map(({ post }) => seen.push(post.id));
  const state = async (jobId: string) => (await queues.queue('classify').getJob(jobId))?.getState();

  it('fails a poison payload at once, without retries, and keeps processing', async () => {
    run(record);
    await queues.queue('classify').add('classify', { v: 2, posts: [] }, { jobId: 'poison' });
    await queues.emitter('classify')([classifyJob('after')]);
    await waitFor('the good job', () => seen.includes('forum:after'));
    await waitFor('the poison job to fail', async () => (await state('poison')) === 'failed');
    const poison = await queues.queue('classify').getJob('poison');
    if (!poison) throw new Error('poison job vanished');
    expect(poison.attemptsMade).toBe(1);
    expect(poison.failedReason).toMatch(/^invalid classify payload/);
  });

  it('does the good items of a batch and refuses the bad ones by position, keeping the job', async () => {
    run(record);
    const items = [classifyJob('one'), { post: { id: 'forum:broken', text: '' } }, classifyJob('three')];
    await queues.queue('classify').add('classify', { v: 2, items }, { jobId: 'mixed' });
    await waitFor('the job to fail', async () => (await state('mixed')) === 'failed');
    expect(seen).toEqual(['forum:one', 'forum:three']);
    const job = await queues.queue('classify').getJob('mixed');
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toMatch(/^invalid classify item 2 \(post forum:broken\): /);
    expect(job?.data.items).toHaveLength(3);
  });

  it('still reads a version 1 job, queued one post at a time before an upgrade', async () => {
    run(record);
    await queues.queue('classify').add('classify', { v: 1, ...classifyJob('old') }, { jobId: 'v1' });
    await waitFor('the old job', async () => (await state('v1')) === 'completed');
    expect(seen).toEqual(['forum:old']);
  });

  it('puts at most batch_size posts in a job and hands the handler a whole batch', async () => {
    const batches: number[] = [];
    run(async (items) => {
      batches.push(items.length);
      return record(items);
    });
    await queues.emitter('classify')(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => classifyJob(id)));
    await waitFor('every post', () => seen.length === 7);
    expect(batches.sort()).toEqual([1, 3, 3]);
    expect(new Set(seen).size).toBe(7);
  });

  it('gives one job per batch however often it is emitted', async () => {
    run(record);
    const emit = queues.emitter('classify');
    await emit([classifyJob('same')]);
    await emit([classifyJob('same')]);
    await waitFor('the job', () => seen.includes('forum:same'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((id) => id === 'forum:same')).toHaveLength(1);
  });

  it('retries a transient failure with backoff until it succeeds', async () => {
    let calls = 0;
    run(async () => {
      calls++;
      if (calls < 3) throw new Error('store briefly unavailable');
      return [];
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
      return [];
    });
    await queues.emitter('classify')([classifyJob('slow-down')]);
    const delayed = await waitFor('the delay', async () => (await queues.queue('classify').getDelayed())[0]);
    expect(delayed.attemptsMade).toBe(0);
    await waitFor('completion', async () => (await queues.queue('classify').getCompleted()).length === 1);
    expect(calls).toBe(2);
  });
});
