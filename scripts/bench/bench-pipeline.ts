import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSilentLogger } from '../../src/logger.ts';
import { STAGES } from '../../src/queues/payloads.ts';
import { startPrivateRedis } from '../../src/redis/private-redis.ts';
import { connectRedis } from '../../src/redis/redis-connection.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { benchViralEvent } from './bench-viral.ts';
import { percentile, round } from './measure.ts';
import { BRANDS, benchCorpus } from './pipeline-corpus.ts';
import { startAlertReceiver } from './pipeline-receiver.ts';
import { type RunContext, runPaced, runStageByStage, runThroughput } from './pipeline-runs.ts';
import { FEED_ITEMS, startPipelineSite } from './pipeline-site.ts';

/** Sizes, from the environment so a quick or a long run needs no code change. */
function pipelineOptions(env: NodeJS.ProcessEnv) {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    posts: Math.min(BRANDS - FEED_ITEMS, number('PIPELINE_BENCH_POSTS', 5000)),
    warmup: Math.min(FEED_ITEMS, number('PIPELINE_BENCH_WARMUP', 500)),
    rate: number('PIPELINE_BENCH_RATE', 200),
    pacedSeconds: number('PIPELINE_BENCH_PACED_S', 30),
    pollMs: number('PIPELINE_BENCH_POLL_MS', 100),
    bareJobs: number('PIPELINE_BENCH_BARE_JOBS', 20_000),
    viralPosts: number('PIPELINE_BENCH_VIRAL_POSTS', 1000),
    timeoutMs: number('PIPELINE_BENCH_TIMEOUT_S', 240) * 1000,
    cpuProfDir: env.PIPELINE_BENCH_CPU_PROF ? resolve(env.PIPELINE_BENCH_CPU_PROF) : undefined,
    runs: new Set((env.PIPELINE_BENCH_RUNS ?? 'one,split,stages,paced,viral,bare').split(',')),
  };
}

const note = (text: string) => process.stderr.write(`  pipeline: ${text}\n`);

/**
 * The whole pipeline against a loopback RSS site and a loopback webhook, on a private Redis and
 * the embedded store, in child processes (so this runner's memory is not counted): throughput
 * with every stage in one process and with one process per stage, fetch-to-alert latency at a
 * steady offered load, and bare BullMQ on the same Redis for comparison. Sizes: pipelineOptions.
 */
export async function benchPipeline(
  config: AppConfig,
): Promise<Record<string, number | Record<string, number>>> {
  const options = pipelineOptions(process.env);
  if (options.cpuProfDir) mkdirSync(options.cpuProfDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'wagewatch-bench-pipeline-'));
  const redisServer = await startPrivateRedis({ dataDir: dir, logger: createSilentLogger() });
  const redis = connectRedis(redisServer.url, 'wagewatch-bench');
  const { redisPid } = JSON.parse(readFileSync(join(dir, 'redis', 'owner.json'), 'utf8')) as {
    redisPid: number;
  };
  const pacedPosts = options.runs.has('paced') ? Math.round(options.rate * options.pacedSeconds) : 0;
  note(`building ${Math.max(options.posts, pacedPosts)} distinct posts…`);
  const corpus = benchCorpus(Math.max(options.posts, pacedPosts));
  // Another seed, other ids, other brands: warm-up posts are neither the measured posts nor their events.
  const warmup = benchCorpus(options.warmup, { seed: 7, idPrefix: 'w', firstBrand: BRANDS - FEED_ITEMS });
  const site = await startPipelineSite({ posts: corpus.slice(0, options.posts), live: corpus, warmup });
  const receiver = await startAlertReceiver();
  const ctx: RunContext = {
    config,
    dir,
    redis,
    redisUrl: redisServer.url,
    redisPid,
    site,
    receiver,
    warmupPosts: warmup.length,
    timeoutMs: options.timeoutMs,
    cpuProfDir: options.cpuProfDir,
  };
  const results: Record<string, number | Record<string, number>> = {};
  const problems = { missing: 0, failed: 0 };
  try {
    for (const [name, measure] of Object.entries(RUNS)) {
      if (!options.runs.has(name)) continue;
      const run = await measure(ctx, options);
      Object.assign(results, run.results);
      problems.missing += run.missing;
      problems.failed += run.failed;
    }
    Object.assign(results, overheadRatios(results));
    return { ...results, missing_posts: problems.missing, failed_jobs: problems.failed };
  } finally {
    redis.disconnect();
    await Promise.all([site.close(), receiver.close()]);
    await redisServer.stop();
    // PIPELINE_BENCH_KEEP=1 keeps every process's log and store for a look afterwards.
    if (process.env.PIPELINE_BENCH_KEEP === '1') note(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

type Options = ReturnType<typeof pipelineOptions>;
type Measured = { results: Record<string, number | Record<string, number>>; missing: number; failed: number };

/** The runs in the order they go, each giving its keys; PIPELINE_BENCH_RUNS picks some. */
const RUNS: Record<string, (ctx: RunContext, options: Options) => Promise<Measured>> = {
  async one(ctx, options) {
    note(`${options.posts} posts, every stage in one process…`);
    const one = await runThroughput(ctx, 'one', [STAGES]);
    note(
      `${one.posts} posts stored in ${round(one.storedSeconds, 1)} s, all alerted in ${round(one.seconds, 1)} s`,
    );
    const results = {
      e2e_posts_per_s: Math.round(one.posts / one.seconds),
      e2e_stored_posts_per_s: Math.round(one.posts / one.storedSeconds),
      e2e_drain_s: round(one.drainSeconds, 1),
      e2e_events_alerted: one.raised,
      peak_rss_mb: one.peakRssMb.all as number,
      cpu_ms_per_post: one.cpuMsPerPost,
    };
    return { results, missing: one.missing, failed: one.failed };
  },
  async split(ctx, options) {
    note(`${options.posts} posts, one process per stage…`);
    const split = await runThroughput(
      ctx,
      'split',
      STAGES.map((stage) => [stage]),
    );
    note(
      `${split.posts} posts stored in ${round(split.storedSeconds, 1)} s, all alerted in ${round(split.seconds, 1)} s`,
    );
    const results = {
      e2e_posts_per_s_split: Math.round(split.posts / split.seconds),
      e2e_stored_posts_per_s_split: Math.round(split.posts / split.storedSeconds),
      e2e_drain_s_split: round(split.drainSeconds, 1),
      peak_rss_mb_split: split.peakRssMb,
      cpu_ms_per_post_split: split.cpuMsPerPost,
    };
    return { results, missing: split.missing, failed: split.failed };
  },
  async stages(ctx, options) {
    note(`${options.posts} posts, one process per stage, each stage released alone…`);
    const alone = await runStageByStage(ctx);
    const perStage = Object.fromEntries(
      Object.entries(alone.seconds).map(([stage, seconds]) => [stage, Math.round(alone.posts / seconds)]),
    );
    note(`posts/s of each stage alone: ${JSON.stringify(perStage)}`);
    return { results: { stage_posts_per_s: perStage }, missing: alone.missing, failed: alone.failed };
  },
  async paced(ctx, options) {
    note(`${options.rate} posts/s for ${options.pacedSeconds} s, every stage in one process…`);
    const paced = await runPaced(ctx, options.rate, options.pacedSeconds, options.pollMs);
    const results = {
      fetch_to_alert_p50_ms: round(percentile(paced.latencies, 50), 1),
      fetch_to_alert_p99_ms: round(percentile(paced.latencies, 99), 1),
      fetch_to_alert_samples: paced.latencies.length,
    };
    return { results, missing: paced.missing, failed: paced.failed };
  },
  async viral(ctx, options) {
    note(`one story reposted ${options.viralPosts} times, event stage and lead intake…`);
    const results = await benchViralEvent(ctx.config, ctx.dir, ctx.redisUrl, options.viralPosts);
    return { results, missing: 0, failed: 0 };
  },
  async bare(ctx, options) {
    note('bare BullMQ…');
    const bare = await bareBullmq(ctx.redisUrl, options.bareJobs);
    const results = {
      bullmq_bare_jobs_per_s: Math.round(bare.jobsPerS),
      bullmq_bare_chain_posts_per_s: Math.round(bare.chainPostsPerS),
    };
    return { results, missing: 0, failed: 0 };
  },
};

/**
 * The queue overhead, bare BullMQ jobs/s against the pipeline per stage: each stage alone
 * (`stage_posts_per_s`), the worst of them as `queue_overhead_ratio`; and, stricter, against the
 * posts/s of every stage together in one process (`queue_overhead_ratio_e2e`, which until
 * 2026-11-28 was `queue_overhead_ratio`).
 */
function overheadRatios(results: Record<string, number | Record<string, number>>) {
  const bare = results.bullmq_bare_jobs_per_s;
  if (typeof bare !== 'number') return {};
  const ratios: Record<string, number | Record<string, number>> = {};
  if (typeof results.e2e_posts_per_s === 'number')
    ratios.queue_overhead_ratio_e2e = round(bare / results.e2e_posts_per_s, 2);
  const perStage = results.stage_posts_per_s;
  if (typeof perStage === 'object') {
    const byStage = Object.fromEntries(
      Object.entries(perStage).map(([stage, postsPerS]) => [stage, round(bare / postsPerS, 2)]),
    );
    ratios.queue_overhead_ratio_by_stage = byStage;
    ratios.queue_overhead_ratio = Math.max(...Object.values(byStage));
  }
  return ratios;
}

/** Bare BullMQ (bare-queue-child.ts) in a fresh process on the same Redis: medians of 3 rounds. */
async function bareBullmq(
  redisUrl: string,
  jobs: number,
): Promise<{ jobsPerS: number; chainPostsPerS: number }> {
  const spec = { redisUrl, prefix: 'bench-bare', jobs, chainPosts: Math.round(jobs / 4), rounds: 3 };
  const child = fork(new URL('./bare-queue-child.ts', import.meta.url), [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as { jobsPerS: number; chainPostsPerS: number }));
    child.once('exit', (code) => reject(new Error(`bare BullMQ process exited with ${code}`)));
  });
}
