// Bare BullMQ in a fresh process against the bench's Redis: no-op processors, the pipeline's job
// options, fixed concurrencies (see BARE_CONCURRENCY), jobs added with addBulk as the pipeline's emitters add them.
// Reports the single-queue rate (jobs/s) and the rate of a no-op chain shaped like the pipeline.
import { type Job, Queue, Worker } from 'bullmq';
import { defaultJobOptions } from '../../src/queues/pipeline-queues.ts';
import { connectRedis } from '../../src/redis/redis-connection.ts';
import { BUNDLED_CONFIG_DIR } from '../../src/settings/config-location.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import { median } from './measure.ts';

/** Jobs per addBulk call: a full feed page, as the collect stage hands posts on. */
const BATCH = 500;
const CHAIN = ['classify', 'index', 'event', 'alert'] as const;

const { redisUrl, prefix, jobs, chainPosts, rounds } = JSON.parse(process.argv[2] as string) as {
  redisUrl: string;
  prefix: string;
  jobs: number;
  chainPosts: number;
  rounds: number;
};
const { settings } = await loadConfig({ configDir: BUNDLED_CONFIG_DIR, env: {}, cwd: process.cwd() });
const jobOptions = defaultJobOptions(settings.queues);
const connection = connectRedis(redisUrl, 'wagewatch-bench-bare');

async function addAll(queue: Queue, name: string, count: number): Promise<void> {
  for (let from = 0; from < count; from += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - from) }, (_, k) => ({
      name,
      data: { i: from + k },
      opts: { jobId: `${name}-${from + k}` },
    }));
    await queue.addBulk(batch);
  }
}

/** A promise that settles after `n` ticks. */
function countdown(n: number): { tick: () => void; reached: Promise<void> } {
  let left = n;
  let settle: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { tick: () => void (--left === 0 && settle()), reached };
}

/**
 * Bare BullMQ at fixed concurrencies, not the stages' settings: the baseline must not move when
 * the stages are tuned. 8 is where one no-op worker moves its most here (the stages ran at 8
 * before batches; at their present 2 a bare queue moves less and the ratio would look better).
 */
const BARE_CONCURRENCY = { classify: 8, index: 8, event: 1, alert: 4 } as const;

/** One queue, one no-op worker at concurrency 8: jobs/s from first add to last done. */
async function singleQueue(round: number, count: number): Promise<number> {
  const queue = new Queue(`bare-${round}`, { connection, prefix, defaultJobOptions: jobOptions });
  const worker = new Worker(`bare-${round}`, async () => undefined, {
    connection,
    prefix,
    concurrency: BARE_CONCURRENCY.classify,
  });
  const allDone = countdown(count);
  worker.on('completed', allDone.tick);
  await worker.waitUntilReady();
  const started = performance.now();
  await addAll(queue, 'bare', count);
  await allDone.reached;
  const rate = count / ((performance.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

/** classify → index → event → alert with no-op stages, each handing one job on; posts/s through all. */
async function chain(round: number): Promise<number> {
  const chainPrefix = `${prefix}-chain-${round}`;
  const queues = CHAIN.map(
    (stage) => new Queue(stage, { connection, prefix: chainPrefix, defaultJobOptions: jobOptions }),
  );
  await (queues[2] as Queue).setGlobalConcurrency(1);
  const workers = CHAIN.map((stage, k) => {
    const next = queues[k + 1];
    const processor = async (job: Job) => {
      if (next)
        await next.addBulk([
          { name: CHAIN[k + 1] as string, data: job.data, opts: { jobId: `${k + 1}-${job.data.i}` } },
        ]);
    };
    return new Worker(stage, processor, {
      connection,
      prefix: chainPrefix,
      concurrency: BARE_CONCURRENCY[stage as keyof typeof BARE_CONCURRENCY],
    });
  });
  const allDone = countdown(chainPosts);
  (workers[3] as Worker).on('completed', allDone.tick);
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  const started = performance.now();
  await addAll(queues[0] as Queue, 'classify', chainPosts);
  await allDone.reached;
  const rate = chainPosts / ((performance.now() - started) / 1000);
  await Promise.all(workers.map((worker) => worker.close()));
  for (const queue of queues) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  return rate;
}

const single: number[] = [];
const chained: number[] = [];
await singleQueue(-1, Math.round(jobs / 4)); // warm-up: connections, scripts loaded, JIT
for (let round = 0; round < rounds; round++) {
  single.push(await singleQueue(round, jobs));
  chained.push(await chain(round));
}
await connection.quit();
process.send?.({ jobsPerS: median(single), chainPostsPerS: median(chained) }, undefined, {}, () =>
  process.exit(0),
);
