import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { STAGES, type StageName } from '../../src/queues/payloads.ts';
import type { PipelineQueues } from '../../src/queues/pipeline-queues.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { round } from './measure.ts';
import type { PipelineSpec } from './pipeline-config.ts';
import type { AlertReceiver } from './pipeline-receiver.ts';
import {
  benchQueues,
  eventPosts,
  failedJobs,
  lastFinishedAt,
  missingPosts,
  type PipelineProcesses,
  processCpuMs,
  stageFinishedAt,
  startPipelineProcesses,
  untilIdle,
  untilStageDrained,
  watchQueues,
} from './pipeline-rig.ts';
import type { PipelineSite } from './pipeline-site.ts';

/** What every run shares: the loopback site and receiver, Redis, the config, the sizes. */
export interface RunContext {
  config: AppConfig;
  dir: string;
  redis: Redis;
  redisUrl: string;
  site: PipelineSite;
  receiver: AlertReceiver;
  /** The redis-server's pid, for its CPU time. */
  redisPid: number;
  warmupPosts: number;
  timeoutMs: number;
  cpuProfDir?: string | undefined;
}

interface Started {
  processes: PipelineProcesses;
  queues: PipelineQueues;
  dataDir: string;
}

/** Starts the processes of a run on their own prefix and data dir, and warms them up. */
async function startRun(
  ctx: RunContext,
  name: string,
  sources: Record<string, string>,
  layout: readonly (readonly StageName[])[],
): Promise<Started> {
  const dataDir = join(ctx.dir, name);
  const spec: Omit<PipelineSpec, 'stages'> = {
    dataDir,
    redisUrl: ctx.redisUrl,
    prefix: `bench-${name}`,
    webhookUrl: ctx.receiver.url,
    webhookSecret: 'bench-pipeline-key',
    sources: { 'bench-warmup': `${ctx.site.url}/warmup.xml`, ...sources },
  };
  const processes = await startPipelineProcesses(spec, layout, ctx.cpuProfDir);
  const queues = benchQueues(ctx.redis, spec.prefix, ctx.config);
  const run = { processes, queues, dataDir };
  // Warm-up: jieba loaded, code compiled, store and connections open before anything is timed.
  await guarded(run, async () => {
    ctx.site.reset();
    await queues.collectNow('bench-warmup');
    await processes.storedAt(ctx.warmupPosts, ctx.timeoutMs);
    await untilIdle(queues, () => ctx.receiver.counts().notifications, ctx.timeoutMs);
  });
  return run;
}

/** Runs `work`; if it fails, no pipeline process of the run outlives the bench. */
async function guarded<T>(run: Started, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    run.processes.kill();
    await run.queues.close();
    throw error;
  }
}

/** Ends a run: stops the processes, then checks every post arrived and no job failed. */
async function endRun(ctx: RunContext, run: Started, expected: number) {
  const failed = await failedJobs(run.queues);
  const stopped = await run.processes.stop();
  await run.queues.close();
  const missing = await missingPosts(join(run.dataDir, 'wagewatch.sqlite'), ctx.warmupPosts + expected);
  return { ...stopped, failed, missing };
}

/**
 * Sustained throughput: every backlog feed queued for collection at once; posts/s from the first
 * feed request to the moment the last post is stored; then how long until every stage is idle.
 */
export async function runThroughput(
  ctx: RunContext,
  name: string,
  layout: readonly (readonly StageName[])[],
) {
  const sources = Object.fromEntries(
    Array.from({ length: ctx.site.feeds }, (_, n) => [`bench-feed-${n}`, `${ctx.site.url}/feeds/${n}.xml`]),
  );
  const posts = ctx.site.posts;
  const run = await startRun(ctx, name, sources, layout);
  const timed = await guarded(run, async () => {
    ctx.site.reset();
    ctx.receiver.reset();
    run.processes.mark();
    const redisCpuAtStart = processCpuMs(ctx.redisPid);
    const unwatch = watchQueues(run.queues);
    const stored = run.processes.storedAt(ctx.warmupPosts + posts, ctx.timeoutMs);
    for (const id of Object.keys(sources)) await run.queues.collectNow(id);
    const storedAt = await stored;
    const firstFetch = performance.timeOrigin + (ctx.site.firstFetchAt() as number);
    await untilIdle(run.queues, () => ctx.receiver.counts().notifications, ctx.timeoutMs);
    const doneAt = Math.max(storedAt, await lastFinishedAt(run.queues));
    const redisCpuMs = processCpuMs(ctx.redisPid) - redisCpuAtStart;
    unwatch();
    return {
      redisCpuMs,
      /** Until the last post was stored, placed in its event and alerted: every stage done. */
      seconds: (doneAt - firstFetch) / 1000,
      /** Until the last post was stored; the event and alert stages may still be behind. */
      storedSeconds: (storedAt - firstFetch) / 1000,
      /** How far the event and alert stages trailed the store. */
      drainSeconds: (doneAt - storedAt) / 1000,
      /** Events whose first message reached the webhook. */
      raised: ctx.receiver.raisedAt.size,
    };
  });
  const end = await endRun(ctx, run, posts);
  // CPU per post of each process and of Redis, from the first fetch until every stage was idle.
  const cpuMsPerPost = Object.fromEntries(
    Object.entries({ ...end.cpuMs, redis: timed.redisCpuMs }).map(([name, ms]) => [
      name,
      round(ms / posts, 2),
    ]),
  );
  return { posts, ...timed, ...end, cpuMsPerPost };
}

/**
 * Each stage alone: one process per stage, as in the split run, but every stage after collection
 * is paused while the stage before it works, so each drains its whole input with the machine to
 * itself (and Redis). Collection is timed from the first feed request to its last job's end; every
 * later stage from its queue being resumed to its last job's end (the alert stage's notify jobs
 * only). Posts/s per stage is what that stage alone can move, to compare with bare BullMQ.
 */
export async function runStageByStage(ctx: RunContext) {
  const sources = Object.fromEntries(
    Array.from({ length: ctx.site.feeds }, (_, n) => [`bench-feed-${n}`, `${ctx.site.url}/feeds/${n}.xml`]),
  );
  const posts = ctx.site.posts;
  const run = await startRun(
    ctx,
    'stages',
    sources,
    STAGES.map((stage) => [stage]),
  );
  const seconds = await guarded(run, async () => {
    const later = STAGES.filter((stage) => stage !== 'collect');
    for (const stage of later) await run.queues.queue(stage).pause();
    ctx.site.reset();
    ctx.receiver.reset();
    const timed: Partial<Record<StageName, number>> = {};
    for (const id of Object.keys(sources)) await run.queues.collectNow(id);
    await untilStageDrained(run.queues, 'collect', ctx.timeoutMs);
    const firstFetch = performance.timeOrigin + (ctx.site.firstFetchAt() as number);
    timed.collect = ((await stageFinishedAt(run.queues, 'collect')) - firstFetch) / 1000;
    for (const stage of later) {
      const resumedAt = performance.timeOrigin + performance.now();
      await run.queues.queue(stage).resume();
      await untilStageDrained(run.queues, stage, ctx.timeoutMs);
      timed[stage] = ((await stageFinishedAt(run.queues, stage)) - resumedAt) / 1000;
    }
    // The pipeline's own checks: every post stored, every alert sent, nothing left behind.
    await untilIdle(run.queues, () => ctx.receiver.counts().notifications, ctx.timeoutMs);
    return timed as Record<StageName, number>;
  });
  const end = await endRun(ctx, run, posts);
  return { posts, seconds, raised: ctx.receiver.raisedAt.size, ...end };
}

/**
 * Latency at a steady offered load: the live feed publishes `perSecond` posts; the bench queues a
 * collection pass every `pollMs` (unless one is still queued or running). For every event raised,
 * the time from the fetch that first carried its post to the message at the webhook.
 */
export async function runPaced(ctx: RunContext, perSecond: number, seconds: number, pollMs: number) {
  const total = Math.round(perSecond * seconds);
  const run = await startRun(ctx, 'paced', { 'bench-live': `${ctx.site.url}/live.xml` }, [
    ['collect', 'classify', 'index', 'event', 'alert'],
  ]);
  const latencies = await guarded(run, async () => {
    ctx.receiver.reset();
    ctx.site.reset({ perSecond, posts: total });
    const collect = run.queues.queue('collect');
    // A pipeline far behind stops being polled at the deadline; what it never fetched is missing.
    const deadline = performance.now() + seconds * 1000 + ctx.timeoutMs;
    while (ctx.site.servedAt.size < total && performance.now() < deadline) {
      const counts = await collect.getJobCounts('waiting', 'active');
      if (counts.waiting === 0 && counts.active === 0) await run.queues.collectNow('bench-live');
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    await run.processes.storedAt(ctx.warmupPosts + ctx.site.servedAt.size, ctx.timeoutMs);
    await untilIdle(run.queues, () => ctx.receiver.counts().notifications, ctx.timeoutMs);
    return raiseLatencies(
      ctx.receiver.raisedAt,
      ctx.site.servedAt,
      await eventPosts(join(run.dataDir, 'wagewatch.sqlite')),
    );
  });
  const end = await endRun(ctx, run, total);
  return { total, latencies, ...end };
}

/**
 * For each event raised: from the fetch of the post that tipped it to the message. That is the
 * last of its posts served before the message arrived. An event often starts below the routed
 * levels and is raised by a later post (spread, a second report); timing it from its first post
 * would count the wait for that later post as pipeline latency.
 */
function raiseLatencies(
  raisedAt: ReadonlyMap<string, { at: number; url: string }>,
  servedAt: ReadonlyMap<string, number>,
  postsOf: ReadonlyMap<string, readonly string[]>,
): number[] {
  const latencies: number[] = [];
  for (const [eventId, { at, url }] of raisedAt) {
    const ids = postsOf.get(eventId) ?? [url.slice(url.lastIndexOf('/') + 1)];
    let tipped = -Infinity;
    for (const id of ids) {
      const served = servedAt.get(id.slice(id.indexOf(':') + 1));
      if (served !== undefined && served <= at && served > tipped) tipped = served;
    }
    if (tipped > -Infinity) latencies.push(at - tipped);
  }
  return latencies;
}
