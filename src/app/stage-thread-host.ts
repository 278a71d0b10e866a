import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { StageName } from '../queues/payloads.ts';
import { configForTransfer } from '../settings/config-transfer.ts';
import type { AppConfig } from '../settings/load-config.ts';
import { threadScript } from '../thread-script.ts';
import type { FromStageThread, StageThreadData, ToStageThread } from './stage-thread.ts';

export interface StageThread {
  /** The thread running the stages now (another after a restart). */
  worker(): Worker;
  /** Lets the thread's active jobs finish and its runtime close, then ends the thread. */
  close(): Promise<void>;
}

export interface StageThreadOptions extends Omit<StageThreadData, 'config' | 'forwardCompletions'> {
  config: AppConfig;
  logger: Logger;
  /** Where the console channel's lines go. */
  consoleOut: Writable;
  onCompleted?: ((stage: StageName, result: unknown) => void) | undefined;
  /** Longest wait for the thread to close (its jobs' grace and its own shutdown) before it is stopped. */
  closeTimeoutMs: number;
  /** Wait before a thread that died is started again. */
  restartDelayMs?: number;
}

/**
 * The thread's own old-space cap. Its live heap (the event index, a batch's events and leads)
 * stays well under 100 MB; without a cap V8 lets garbage pile up towards the process's limit
 * (`--max-old-space-size`, which every thread gets) before collecting it, and the process's
 * RSS with it.
 */
const THREAD_OLD_SPACE_MB = 192;

/**
 * Starts the stages' thread and resolves once its runtime is built, or rejects with the error
 * that kept it from being built. A thread that dies later is started again, as a supervisor
 * restarts a process: the jobs it held are taken over once their locks lapse (`queues.lock_s`).
 */
export async function startStageThread(options: StageThreadOptions): Promise<StageThread> {
  const { logger } = options;
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const workerData: StageThreadData = {
    config: configForTransfer(options.config),
    env: options.env,
    cwd: options.cwd,
    redisUrl: options.redisUrl,
    stages: options.stages,
    log: options.log,
    forwardCompletions: options.onCompleted !== undefined,
  };
  let closing = false;
  let restartTimer: NodeJS.Timeout | null = null;
  const exited = new WeakSet<Worker>();

  const spawn = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(threadScript('stage-thread', import.meta.url), {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: THREAD_OLD_SPACE_MB },
      });
      let ready = false;
      worker.on('message', (message: FromStageThread) => {
        if (message.type === 'completed') options.onCompleted?.(message.stage, message.result);
        else if (message.type === 'console') options.consoleOut.write(message.text);
        else if (message.type === 'ready') {
          ready = true;
          resolve(worker);
        } else if (message.type === 'failed')
          reject(Object.assign(new Error(message.message), { stack: message.stack }));
      });
      worker.on('error', (error) => {
        if (ready) logger.error({ err: error, stages: options.stages }, 'stage thread failed');
        else reject(error);
      });
      worker.on('exit', (code) => {
        exited.add(worker);
        if (!ready)
          reject(new Error(`the ${options.stages.join('+')} thread exited (code ${code}) before it started`));
        else if (!closing && worker === current) restart(code);
      });
    });

  const restart = (code: number | null) => {
    logger.error({ code, stages: options.stages }, 'stage thread stopped unexpectedly; starting it again');
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (closing) return;
      spawn().then(
        (worker) => {
          if (closing) void stop(worker);
          else current = worker;
        },
        (error) => {
          logger.error({ err: error, stages: options.stages }, 'stage thread did not start again');
          restart(null);
        },
      );
    }, restartDelayMs);
  };

  const stop = async (worker: Worker) => {
    if (exited.has(worker)) return;
    const gone = once(worker, 'exit');
    try {
      worker.postMessage({ type: 'close' } satisfies ToStageThread);
    } catch {
      // Already gone: its exit has been or will be emitted.
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.closeTimeoutMs);
    });
    if ((await Promise.race([gone, late])) === 'late') {
      logger.warn({ stages: options.stages }, 'stage thread did not close in time; stopping it');
      await worker.terminate();
    }
    clearTimeout(timer);
  };

  let current = await spawn();
  return {
    worker: () => current,
    async close() {
      closing = true;
      if (restartTimer) clearTimeout(restartTimer);
      await stop(current);
    },
  };
}
