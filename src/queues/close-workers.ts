import type { Worker } from 'bullmq';
import type { Logger } from '../logger.ts';

/**
 * Lets active jobs finish within the grace period. A job still running after it is abandoned,
 * not lost: BullMQ sees its lock expire and hands it to another worker.
 */
export async function closeWorkers(
  workers: readonly Worker[],
  graceMs: number,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = Promise.all(workers.map((worker) => worker.close())).then(() => true);
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), graceMs);
  });
  const finished = await Promise.race([graceful, expired]);
  clearTimeout(timer);
  if (!finished) {
    logger.warn(
      { graceMs },
      'active jobs did not finish in the grace period; they will be retried by another worker',
    );
    await Promise.all(workers.map((worker) => worker.close(true)));
  }
}
