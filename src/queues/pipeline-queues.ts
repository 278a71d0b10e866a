import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import type { Settings } from '../settings/settings-schema.ts';
import {
  type BatchStage,
  batchJobId,
  type Item,
  isBatchStage,
  type Payload,
  STAGES,
  type StageName,
  singleJobId,
  type Work,
} from './payloads.ts';

/**
 * Hands work to the next stage; what stages receive instead of a queue. A batch stage's items go
 * in jobs of at most `queues.batch_size`. `delayMs` holds the work back (an alert's group wait, a
 * reminder, an escalation); the deterministic job id means the same work asked for twice while it
 * waits is one job.
 */
export type Emit<S extends Exclude<StageName, 'collect'>> = (
  work: readonly Work<S>[],
  options?: { delayMs?: number },
) => Promise<void>;

export interface PipelineQueues {
  queue(stage: StageName): Queue;
  emitter<S extends Exclude<StageName, 'collect'>>(stage: S): Emit<S>;
  /** Makes every enabled source poll on its own schedule and forgets schedules of removed ones. */
  syncSchedules(sources: readonly { id: string; enabled: boolean; every_s: number }[]): Promise<void>;
  /** Queues one collection pass of a source now. */
  collectNow(sourceId: string): Promise<void>;
  close(): Promise<void>;
}

const SCHEDULE_PREFIX = 'source-';

/** Retry with doubling delays; keep finished jobs long enough to absorb rediscoveries; keep failures. */
/** What the queues need of `settings.queues` (not where a process runs its stages). */
type QueueSettings = Omit<Settings['queues'], 'thread_stages'>;

export function defaultJobOptions(queues: QueueSettings): JobsOptions {
  return {
    attempts: queues.attempts,
    backoff: { type: 'exponential', delay: queues.backoff_ms, jitter: 0.25 },
    removeOnComplete: {
      age: Math.round(queues.completed_keep_hours * 3600),
      count: queues.completed_keep_count,
    },
    removeOnFail: { count: queues.failed_keep_count },
  };
}

/**
 * With a logger, each queue's connection errors (Redis gone while it reconnects) are logged;
 * without one, BullMQ prints them to stderr unstructured.
 */
export function createPipelineQueues(
  connection: Redis,
  prefix: string,
  queues: QueueSettings,
  logger?: Logger,
): PipelineQueues {
  const defaultJobOpts = defaultJobOptions(queues);
  const byStage = new Map(
    STAGES.map((stage) => {
      const queue = new Queue(stage, { connection, prefix, defaultJobOptions: defaultJobOpts });
      if (logger) queue.on('error', (error) => logger.warn({ queue: stage, err: error }, 'queue error'));
      return [stage, queue];
    }),
  );
  const queue = (stage: StageName) => byStage.get(stage) as Queue;
  return {
    queue,
    emitter(stage) {
      return async (work, options) => {
        if (work.length === 0) return;
        const delay = options?.delayMs && options.delayMs > 0 ? { delay: Math.round(options.delayMs) } : {};
        const jobs = isBatchStage(stage)
          ? chunks(work as readonly Item<BatchStage>[], queues.batch_size).map((items) => ({
              data: { v: 2, items },
              jobId: batchJobId(stage as BatchStage, items),
            }))
          : (work as readonly Payload<'alert'>[]).map((data) => ({ data, jobId: singleJobId(data) }));
        const bulk = jobs.map(({ data, jobId }) => ({ name: stage, data, opts: { jobId, ...delay } }));
        // A lone job goes in by itself: addBulk builds an ioredis pipeline, which copies each of
        // BullMQ's scripts onto it, and a reminder or an escalation is one job.
        const [only] = bulk;
        if (bulk.length === 1 && only) await queue(stage).add(only.name, only.data, only.opts);
        else await queue(stage).addBulk(bulk);
      };
    },
    async syncSchedules(sources) {
      const collect = queue('collect');
      const wanted = new Set<string>();
      for (const source of sources.filter((s) => s.enabled)) {
        const id = `${SCHEDULE_PREFIX}${source.id}`;
        wanted.add(id);
        const data: Payload<'collect'> = { v: 1, source: source.id };
        await collect.upsertJobScheduler(
          id,
          { every: source.every_s * 1000, immediately: true },
          { name: 'collect', data },
        );
      }
      for (const scheduler of await collect.getJobSchedulers(0, -1)) {
        const id = scheduler.key;
        if (id.startsWith(SCHEDULE_PREFIX) && !wanted.has(id)) await collect.removeJobScheduler(id);
      }
    },
    async collectNow(sourceId) {
      const data: Payload<'collect'> = { v: 1, source: sourceId };
      await queue('collect').add('collect', data);
    },
    async close() {
      await Promise.all([...byStage.values()].map((q) => q.close()));
    },
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
