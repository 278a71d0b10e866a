import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorMessage, PermanentError, ThrottledError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { readJobWork } from './job-work.ts';
import { type BatchStage, isBatchStage, type StageName, type Work } from './payloads.ts';

/** Refusals named in a failed job's reason; the job's data keeps every item for inspection. */
const SHOWN_REFUSALS = 10;

/**
 * A batch stage is handed every valid item of a job at once and answers with one result per
 * item; any other stage is handed its one payload.
 */
export type StageHandler<S extends StageName> = S extends BatchStage
  ? (items: Work<S>[]) => Promise<readonly unknown[]>
  : (payload: Work<S>) => Promise<unknown>;

export interface StageWorkerOptions<S extends StageName> {
  stage: S;
  handler: StageHandler<S>;
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** A job whose worker stops renewing its lock this long is handed to another worker. */
  lockMs?: number;
  logger: Logger;
  /** Told about every item done (one per post in a batch), for progress displays. */
  onCompleted?: (stage: S, result: unknown) => void;
}

/**
 * Wires one stage to its queue. This is the only place that turns project errors into queue
 * behaviour: a payload that fails its schema or a PermanentError fails at once without retries;
 * a ThrottledError waits as long as the other side asked, without using up an attempt; any other
 * error is retried with exponential backoff. In a batch, malformed items are refused by position
 * once the others are done, and the job is kept as failed so they can be inspected.
 */
export function createStageWorker<S extends StageName>(options: StageWorkerOptions<S>): Worker {
  const { stage, logger } = options;
  const processor = async (job: Job, token?: string) => {
    const log = logger.child({ stage, jobId: job.id, attempt: job.attemptsMade + 1 });
    const { work, refused } = readJobWork(stage, job.data);
    let results: readonly unknown[] = [];
    if (work.length > 0) {
      try {
        results = isBatchStage(stage)
          ? await (options.handler as (items: Work<S>[]) => Promise<readonly unknown[]>)(work)
          : [await (options.handler as (payload: Work<S>) => Promise<unknown>)(work[0] as Work<S>)];
      } catch (error) {
        if (error instanceof PermanentError) {
          log.error({ err: error }, 'job failed permanently');
          throw new UnrecoverableError(error.message);
        }
        if (error instanceof ThrottledError) {
          log.warn({ retryAfterMs: error.retryAfterMs, reason: error.message }, 'throttled, job delayed');
          await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
          throw new DelayedError();
        }
        log.warn({ reason: errorMessage(error) }, 'job failed, will retry');
        throw error;
      }
      for (const result of results) options.onCompleted?.(stage, result);
    }
    if (refused.length > 0) {
      const reason =
        refused.length > 1
          ? `${refused.length} refused: ${refused.slice(0, SHOWN_REFUSALS).join(' | ')}${refused.length > SHOWN_REFUSALS ? ' | …' : ''}`
          : refused[0];
      log.error({ reason, done: work.length }, 'poison payload rejected without retry');
      throw new UnrecoverableError(reason);
    }
    return isBatchStage(stage) ? { items: results.length } : results[0];
  };
  const worker = new Worker(stage, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
    autorun: false,
  });
  worker.on('failed', (job, error) => {
    const final =
      error instanceof UnrecoverableError ||
      (job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1));
    if (job && final) {
      logger.error(
        { stage, jobId: job.id, reason: error.message },
        'job failed for good and is kept for inspection',
      );
    }
  });
  worker.on('error', (error) => logger.error({ stage, err: error }, 'worker error'));
  return worker;
}
