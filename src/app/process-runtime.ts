import { createStageRuntime, type Runtime, type RuntimeOptions } from './runtime.ts';
import { type StageThread, startStageThread } from './stage-thread-host.ts';

/**
 * The runtime of a process. Of its stages, those in `queues.thread_stages` run on a worker thread
 * of their own when the process runs others too (`wagewatch start`): one Node thread would
 * otherwise do every stage's work on one of the machine's cores. A process of only such stages
 * (`wagewatch worker event`) runs them itself.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { settings } = options.config;
  const threaded = settings.queues.thread_stages.filter((stage) => options.stages.includes(stage));
  const own = options.stages.filter((stage) => !threaded.includes(stage));
  if (threaded.length === 0 || own.length === 0) return createStageRuntime(options);
  const runtime = await createStageRuntime({ ...options, stages: own });
  let thread: StageThread;
  try {
    thread = await startStageThread({
      config: options.config,
      env: options.env,
      cwd: options.cwd,
      redisUrl: options.redisUrl,
      stages: threaded,
      log: options.threadLog ?? 'stdout',
      logger: options.logger,
      consoleOut: options.consoleOut,
      onCompleted: options.onCompleted,
      // The thread's jobs get the same grace as this thread's, plus time to close its connections.
      closeTimeoutMs: (settings.queues.shutdown_grace_s + 15) * 1000,
    });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    ...runtime,
    async close() {
      await Promise.all([thread.close(), runtime.close()]);
    },
  };
}
