import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { EventRecord } from '../../src/events/event-record.ts';
import { STAGES, type StageName } from '../../src/queues/payloads.ts';
import { createPipelineQueues, type PipelineQueues } from '../../src/queues/pipeline-queues.ts';
import type { AppConfig } from '../../src/settings/load-config.ts';
import { projectRoot } from '../../src/settings/project-root.ts';
import { loadAll } from '../../src/store/all-records.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { bundle } from '../build.ts';
import { COLLECT_WORKER_FLAGS, START_FLAGS } from './bench-crawl.ts';
import type { FromChild, ToChild } from './pipeline-child.ts';
import type { PipelineSpec } from './pipeline-config.ts';

/** Pipeline processes started for one run: every stage in one, or one per stage. */
export interface PipelineProcesses {
  /** Resolves with the epoch ms at which the process running `index` had stored `count` posts. */
  storedAt(count: number, timeoutMs: number): Promise<number>;
  /** Tells every process to start counting CPU time from now. */
  mark(): void;
  /** Stops every process as SIGTERM would: peak RSS (MB) and CPU ms since `mark`, per process. */
  stop(): Promise<{ peakRssMb: Record<string, number>; cpuMs: Record<string, number> }>;
  /** Kills every process at once, after a failure. */
  kill(): void;
}

let built: Promise<string> | null = null;

/**
 * The child bundled as `npm run build` bundles the CLI, so the pipeline runs as production
 * processes do: plain JavaScript, no TypeScript loader. Inside the project (under
 * node_modules/.cache), where the code finds the config and the packages.
 */
function bundledChild(): Promise<string> {
  built ??= (async () => {
    const outdir = join(projectRoot(), 'node_modules', '.cache', 'wagewatch-bench', 'pipeline-child');
    await bundle('scripts/bench/pipeline-child.ts', outdir);
    return join(outdir, 'main.js');
  })();
  return built;
}

function recommendedFlags(stages: readonly StageName[]): readonly string[] {
  if (stages.length === STAGES.length) return START_FLAGS;
  return stages.length === 1 && stages[0] === 'collect' ? COLLECT_WORKER_FLAGS : [];
}

/**
 * Forks one pipeline-child per entry of `layout` (each a list of stages) and waits until all of
 * them take jobs. With `cpuProfDir`, each writes a V8 CPU profile there when it stops.
 */
export async function startPipelineProcesses(
  spec: Omit<PipelineSpec, 'stages'>,
  layout: readonly (readonly StageName[])[],
  cpuProfDir?: string,
): Promise<PipelineProcesses> {
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const child = await bundledChild();
  const children = layout.map((stages) => ({
    name: stages.length === STAGES.length ? 'all' : stages.join('+'),
    stages,
    child: fork(child, [JSON.stringify({ ...spec, stages })], {
      // The processes run with the heap flags the README recommends: for `wagewatch start`
      // (every stage) and for a collect worker of its own.
      execArgv: [...profile, ...recommendedFlags(stages)],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  }));
  const kill = () => {
    for (const { child } of children) if (child.exitCode === null) child.kill('SIGKILL');
  };
  await Promise.all(children.map(({ child }) => nextMessage(child, 'ready', 60_000))).catch((error) => {
    kill();
    throw error;
  });
  const indexer = children.find(({ stages }) => stages.includes('index'))?.child as ChildProcess;
  return {
    async storedAt(count, timeoutMs) {
      const reply = nextMessage(indexer, 'stored', timeoutMs);
      indexer.send({ type: 'watch-stored', count } satisfies ToChild);
      return ((await reply) as Extract<FromChild, { type: 'stored' }>).at;
    },
    mark() {
      for (const { child } of children) child.send({ type: 'mark' } satisfies ToChild);
    },
    async stop() {
      const replies = await Promise.all(
        children.map(async ({ name, child }) => {
          const reply = nextMessage(child, 'stopped', 60_000);
          child.send({ type: 'stop' } satisfies ToChild);
          return { name, ...((await reply) as Extract<FromChild, { type: 'stopped' }>) };
        }),
      );
      const peakRssMb = Object.fromEntries(replies.map((r) => [r.name, Math.round(r.peakRssKb / 1024)]));
      const cpuMs = Object.fromEntries(replies.map((r) => [r.name, r.cpuMs]));
      return { peakRssMb, cpuMs };
    },
    kill,
  };
}

function nextMessage(child: ChildProcess, type: FromChild['type'], timeoutMs: number): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no "${type}" from a pipeline process in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message: FromChild) => {
      if (message.type === type) done(null, message);
    };
    const onExit = (code: number | null) =>
      done(new Error(`a pipeline process exited (${code}) before "${type}"`));
    function done(error: Error | null, message?: FromChild) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) {
        child.kill('SIGKILL');
        reject(error);
      } else resolve(message as FromChild);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** The bench's handle on a run's queues: what `wagewatch` commands use to queue collection. */
export function benchQueues(redis: Redis, prefix: string, config: AppConfig): PipelineQueues {
  return createPipelineQueues(redis, prefix, config.settings.queues);
}

/**
 * Waits until no stage has work waiting, running or waiting to be retried (the alert stage's
 * delayed reminders and escalations are due in minutes and do not count), then until alerts
 * stop arriving.
 */
export async function untilIdle(
  queues: PipelineQueues,
  deliveries: () => number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  let quietSince = performance.now();
  let last = deliveries();
  while (performance.now() < deadline) {
    let pending = 0;
    for (const stage of STAGES) pending += await queuedJobs(queues, stage);
    if (pending === 0) pending = await alertRetries(queues);
    if (deliveries() !== last || pending > 0) {
      last = deliveries();
      quietSince = performance.now();
    } else if (performance.now() - quietSince > 1000) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.stderr.write(`  pipeline: stages still busy after ${timeoutMs / 1000} s; going on\n`);
  return false;
}

/**
 * When the pipeline last finished a job of any stage after collection (epoch ms): the moment the
 * last post was stored, placed in its event and its alerts sent. Of the alert stage only the
 * notify jobs count: a digest or an escalation waits for its time on purpose. Read once the
 * stages are idle.
 */
export async function lastFinishedAt(queues: PipelineQueues): Promise<number> {
  let last = 0;
  for (const stage of STAGES)
    if (stage !== 'collect') last = Math.max(last, await stageFinishedAt(queues, stage));
  return last;
}

/**
 * Waits until one stage has nothing waiting, running or waiting for a retry.
 * The alert stage's delayed jobs count only as notify jobs tried already (see untilIdle).
 */
export async function untilStageDrained(
  queues: PipelineQueues,
  stage: StageName,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    let pending = await queuedJobs(queues, stage);
    if (stage === 'alert' && pending === 0) pending = await alertRetries(queues);
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`the ${stage} stage still had work after ${timeoutMs / 1000} s`);
}

/**
 * A stage's jobs waiting, running, or (a batch stage's) waiting for a retry. The collect and alert
 * queues' delayed jobs are schedules, reminders and escalations that wait on purpose.
 */
async function queuedJobs(queues: PipelineQueues, stage: StageName): Promise<number> {
  const delayed = stage === 'alert' || stage === 'collect' ? [] : (['delayed'] as const);
  const counts = await queues.queue(stage).getJobCounts('waiting', 'active', 'prioritized', ...delayed);
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/**
 * Notify jobs waiting to be tried again (another worker held the send lease, say): work still to
 * do. The alert queue's other delayed jobs (reminder checks, escalations, digests) wait on purpose
 * and have not been tried yet. Reading them all costs Redis a thousand jobs' data, so the callers
 * ask only once nothing else is pending: polled all along, it slowed the pipeline it measured.
 */
async function alertRetries(queues: PipelineQueues): Promise<number> {
  const delayed = await queues.queue('alert').getJobs(['delayed'], 0, -1, true);
  return delayed.filter((job) => job.id?.startsWith('notify-') && job.attemptsMade > 0).length;
}

/** When a stage last finished a job (epoch ms); of the alert stage, a notify job. */
export async function stageFinishedAt(queues: PipelineQueues, stage: StageName): Promise<number> {
  const newest = await queues.queue(stage).getJobs(['completed'], 0, stage === 'alert' ? 99 : 0, false);
  let last = 0;
  for (const job of newest)
    if (stage !== 'alert' || job.id?.startsWith('notify-')) last = Math.max(last, job.finishedOn ?? 0);
  return last;
}

/**
 * With PIPELINE_BENCH_VERBOSE=1, prints each stage's waiting/active/completed jobs every second
 * (every PIPELINE_BENCH_WATCH_MS); returns a stop.
 */
export function watchQueues(queues: PipelineQueues): () => void {
  if (process.env.PIPELINE_BENCH_VERBOSE !== '1') return () => undefined;
  const started = performance.now();
  const timer = setInterval(
    async () => {
      const parts: string[] = [];
      for (const stage of STAGES) {
        const counts = await queues.queue(stage).getJobCounts('waiting', 'active', 'completed');
        parts.push(`${stage} ${counts.waiting}/${counts.active}/${counts.completed}`);
      }
      process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(2)} s: ${parts.join('  ')}\n`);
    },
    Number(process.env.PIPELINE_BENCH_WATCH_MS ?? 1000),
  );
  return () => clearInterval(timer);
}

/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the line, counted in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Posts in the run's store that should be there and are not. */
export async function missingPosts(file: string, expected: number): Promise<number> {
  const store = createEmbeddedStore({ file, tokenizeForIndex: (t) => [t], tokenizeForQuery: (t) => [t] });
  try {
    return expected - (await store.countPosts());
  } finally {
    await store.close();
  }
}

/** Each event's post ids, from the store a run left behind. */
export async function eventPosts(file: string): Promise<Map<string, string[]>> {
  const store = createEmbeddedStore({ file, tokenizeForIndex: (t) => [t], tokenizeForQuery: (t) => [t] });
  try {
    const events = await loadAll<EventRecord>(store, 'event');
    return new Map(events.map((event) => [event.id, event.post_ids]));
  } finally {
    await store.close();
  }
}

/** Jobs that failed for good in any stage (each is kept for inspection). */
export async function failedJobs(queues: PipelineQueues): Promise<number> {
  let failed = 0;
  for (const stage of STAGES) failed += await queues.queue(stage).getFailedCount();
  return failed;
}
