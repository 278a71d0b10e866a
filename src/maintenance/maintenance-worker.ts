import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { runRetention } from './retention.ts';
import { type SourceWatchDeps, watchSources } from './source-watch.ts';

export const MAINTENANCE_QUEUE = 'maintenance';

const maintenancePayload = z.strictObject({ v: z.literal(1), task: z.enum(['retention', 'source-watch']) });

/** Retention runs at night, Shanghai time, when monitors search least. */
export const RETENTION_SCHEDULE = { pattern: '30 3 * * *', tz: 'Asia/Shanghai' } as const;
/** Source health is checked every minute. */
export const SOURCE_WATCH_EVERY_MS = 60_000;

export interface MaintenanceOptions {
  connection: Redis;
  prefix: string;
  store: Store;
  retentionDays: number;
  /** Watches source health and tells the operators; absent, sources are not watched here. */
  watch?: Omit<SourceWatchDeps, 'logger'>;
  logger: Logger;
}

/**
 * Housekeeping that must run once however many processes are up: a BullMQ job scheduler makes
 * one job per period, and whichever process that owns the store takes it.
 */
export function createMaintenance(options: MaintenanceOptions) {
  const { connection, prefix, logger } = options;
  const queue = new Queue(MAINTENANCE_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 100 },
    },
  });
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      const parsed = maintenancePayload.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`invalid maintenance payload: ${parsed.error.message}`);
      if (parsed.data.task === 'source-watch') {
        if (!options.watch) return { skipped: 'no sources watched by this process' };
        return watchSources({ ...options.watch, logger });
      }
      const run = await runRetention(options.store, options.retentionDays);
      logger.info(run, 'retention: old posts and captures deleted');
      return run;
    },
    { connection, prefix, concurrency: 1, autorun: false },
  );
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'maintenance job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'maintenance worker error'));

  return {
    queue,
    async schedule(): Promise<void> {
      await queue.upsertJobScheduler('retention-nightly', RETENTION_SCHEDULE, {
        name: 'retention',
        data: { v: 1, task: 'retention' },
      });
      if (options.watch) {
        await queue.upsertJobScheduler(
          'source-watch',
          { every: SOURCE_WATCH_EVERY_MS },
          { name: 'source-watch', data: { v: 1, task: 'source-watch' }, opts: { attempts: 1 } },
        );
      }
    },
    start(): void {
      worker.run().catch((error) => logger.error({ err: error }, 'maintenance worker stopped unexpectedly'));
    },
    async close(): Promise<void> {
      await worker.close();
      await queue.close();
    },
  };
}

export type Maintenance = ReturnType<typeof createMaintenance>;
