import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { errorMessage, PermanentError, ThrottledError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { PAYLOAD_SCHEMAS, type Payload, type StageName } from './payloads.ts';

export type StageHandler<S extends StageName> = (payload: Payload<S>) => Promise<unknown>;

export interface StageWorkerOptions<S extends StageName> {
  stage: S;
  handler: StageHandler<S>;
  connection: Redis;
  prefix: string;
  concurrency: number;
  /** A job whose worker stops renewing its lock this long is handed to another worker. */
  lockMs?: number;
  logger: Logger;
  /** Told about every finished job, for progress displays. */
  onCompleted?: (stage: S, result: unknown) => void;
}

/**
 * Wires one stage to its queue. This is the only place that turns project errors into queue
 * behaviour: a payload that fails its schema or a PermanentError fails at once without retries;
 * a ThrottledError waits as long as the other side asked, without using up an attempt; any other
 * error is retried with exponential backoff.
 */
export function createStageWorker<S extends StageName>(options: StageWorkerOptions<S>): Worker {
  const { stage, logger } = options;
  const processor = async (job: Job, token?: string) => {
    const log = logger.child({ stage, jobId: job.id, attempt: job.attemptsMade + 1 });
    const parsed = PAYLOAD_SCHEMAS[stage].safeParse(job.data);
    if (!parsed.success) {
      const reason = `invalid ${stage} payload: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`;
      log.error({ reason }, 'poison payload rejected without retry');
      throw new UnrecoverableError(reason);
    }
    try {
      return await options.handler(parsed.data as Payload<S>);
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
  };
  const worker = new Worker(stage, processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    ...(options.lockMs ? { lockDuration: options.lockMs, stalledInterval: options.lockMs } : {}),
    autorun: false,
  });
  worker.on('completed', (_job, result) => options.onCompleted?.(stage, result));
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
