import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { syncReviewQueue } from '../cases/review-queue.ts';
import { type SupervisionDeps, superviseOverdue } from '../leads/supervision-watch.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/store.ts';
import { dispatchNotices } from './operations-dispatch.ts';
import { runRetention } from './retention.ts';
import { type SourceWatchDeps, watchSources } from './source-watch.ts';
import { type createEpisodes, type ProbeDeps, probeSystem } from './system-probe.ts';
import { type OperationsThresholds, withEpisodes } from './system-watch.ts';

export const MAINTENANCE_QUEUE = 'maintenance';

const maintenancePayload = z.strictObject({
  v: z.literal(1),
  task: z.enum(['retention', 'source-watch', 'lead-supervision', 'report-weekly', 'report-monthly']),
});

/** Retention runs at night, Shanghai time, when monitors search least. */
export const RETENTION_SCHEDULE = { pattern: '30 3 * * *', tz: 'Asia/Shanghai' } as const;
/** Source health is checked every minute. */
export const SOURCE_WATCH_EVERY_MS = 60_000;
/** Overdue leads and the review queue are looked at every 15 minutes: a ladder step is a working day. */
export const SUPERVISION_EVERY_MS = 15 * 60_000;

export interface MaintenanceOptions {
  connection: Redis;
  prefix: string;
  store: Store;
  retentionDays: number;
  /** Watches source health and tells the operators; absent, sources are not watched here. */
  watch?: Omit<SourceWatchDeps, 'logger'> & {
    /** And the rest of the machinery: queues, workers, store, channels, the dead-man switch. */
    system?: Omit<ProbeDeps, 'now' | 'sourceHealth' | 'sources'> & {
      thresholds: OperationsThresholds;
      episodes: ReturnType<typeof createEpisodes>;
    };
  };
  /** Makes and mails the weekly dispatch and monthly bulletin on their schedules (Asia/Shanghai). */
  reports?: {
    run(kind: 'weekly' | 'monthly'): Promise<unknown>;
    schedule: {
      weekly: { pattern: string; tz: string } | null;
      monthly: { pattern: string; tz: string } | null;
    };
  };
  /** Moves overdue leads up the supervision ladder; absent, this process does not. */
  supervision?: Omit<SupervisionDeps, 'logger'>;
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
      if (parsed.data.task === 'report-weekly' || parsed.data.task === 'report-monthly') {
        if (!options.reports) return { skipped: 'no reports in this process' };
        return options.reports.run(parsed.data.task === 'report-weekly' ? 'weekly' : 'monthly');
      }
      if (parsed.data.task === 'lead-supervision') {
        if (!options.supervision) return { skipped: 'no supervision in this process' };
        const run = await superviseOverdue({ ...options.supervision, logger });
        if (run.raised.length > 0) logger.info(run, 'overdue leads moved up the supervision ladder');
        // Public security's review queue takes in new risky events and leads on the same beat.
        const cases = await syncReviewQueue(options.supervision.store);
        if (cases.created + cases.regrown > 0)
          logger.info(cases, 'review queue: cases added or flagged again');
        return { ...run, cases };
      }
      if (parsed.data.task === 'source-watch') {
        if (!options.watch) return { skipped: 'no sources watched by this process' };
        const sources = await watchSources({ ...options.watch, logger });
        const system = options.watch.system;
        if (!system) return sources;
        const now = Date.now();
        const snapshot = await probeSystem({
          ...system,
          sources: options.watch.sources,
          sourceHealth: options.watch.health,
          now,
        });
        let sent = 0;
        for (const { subject, name, notices } of await withEpisodes(
          snapshot,
          system.thresholds,
          now,
          system.episodes.track,
        )) {
          sent += await dispatchNotices({ ...options.watch, logger }, subject, name, notices);
        }
        return { ...sources, system: sent };
      }
      const run = await runRetention(options.store, options.retentionDays);
      logger.info(run, 'retention: old posts and captures deleted');
      return run;
    },
    { connection, prefix, concurrency: 1, autorun: false },
  );
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'maintenance job failed'));
  worker.on('error', (error) => logger.error({ err: error }, 'maintenance worker error'));
  queue.on('error', (error) => logger.warn({ err: error }, 'maintenance queue error'));

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
      for (const kind of ['weekly', 'monthly'] as const) {
        const when = options.reports?.schedule[kind];
        const id = `report-${kind}` as const;
        if (when) await queue.upsertJobScheduler(id, when, { name: id, data: { v: 1, task: id } });
        else await queue.removeJobScheduler(id);
      }
      if (options.supervision) {
        await queue.upsertJobScheduler(
          'lead-supervision',
          { every: SUPERVISION_EVERY_MS },
          { name: 'lead-supervision', data: { v: 1, task: 'lead-supervision' }, opts: { attempts: 1 } },
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
