// A worker thread running some of a process's stages (settings.queues.thread_stages), so that a
// process running every stage (`wagewatch start`) works on a second core. The thread builds its
// own runtime from the same config, with its own Redis connections and store connection, exactly
// as a separate `wagewatch worker` process would: the queues hand work between the threads, and
// only the start, the stop and (when asked) each job's completion cross between them.
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { createLogger, createSilentLogger } from '../logger.ts';
import type { StageName } from '../queues/payloads.ts';
import { configFromTransfer } from '../settings/config-transfer.ts';
import type { Environment } from '../settings/interpolate.ts';
import { restoreFastStringPrototype } from './fast-string-prototype.ts';
import { createStageRuntime, type Runtime } from './runtime.ts';

export interface StageThreadData {
  /** The process's config as it loaded it, from `configForTransfer`. */
  config: unknown;
  env: Environment;
  cwd: string;
  redisUrl: string;
  stages: StageName[];
  log: ThreadLog;
  /** Tell the parent of every completed job (its `onCompleted`), or nothing. */
  forwardCompletions: boolean;
}

/** Where the thread's log lines go. */
export type ThreadLog = 'stdout' | 'silent' | { file: string };

export type ToStageThread = { type: 'close' };

export type FromStageThread =
  | { type: 'ready' }
  | { type: 'failed'; message: string; stack: string | undefined }
  | { type: 'completed'; stage: StageName; result: unknown }
  /** What the stages wrote to the console channel, for the parent's `consoleOut`. */
  | { type: 'console'; text: string }
  | { type: 'closed' };

const port = parentPort;
if (!port) throw new Error('stage-thread.ts runs only as a worker thread');
const data = workerData as StageThreadData;
const config = configFromTransfer(data.config);
const send = (message: FromStageThread) => port.postMessage(message);

const logger = (
  data.log === 'silent'
    ? createSilentLogger()
    : createLogger({
        level: config.settings.log_level,
        // Written from this thread: lines sent through the parent's stdout would cost its event loop.
        destination:
          data.log === 'stdout'
            ? pino.destination({ dest: 1, sync: false })
            : pino.destination({ dest: data.log.file, sync: false, mkdir: true }),
      })
).child({ thread: data.stages.join('+') });

// As every entry point does once its modules are loaded (ioredis leaves String.prototype slow).
restoreFastStringPrototype();
let runtime: Runtime;
try {
  runtime = await createStageRuntime({
    config,
    env: data.env,
    cwd: data.cwd,
    logger,
    redisUrl: data.redisUrl,
    stages: data.stages,
    // The console channel writes where the parent's would (a terminal board, a test's stream).
    consoleOut: new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        send({ type: 'console', text: chunk.toString() });
        done();
      },
    }),
    ...(data.forwardCompletions
      ? { onCompleted: (stage: StageName, result: unknown) => send({ type: 'completed', stage, result }) }
      : {}),
  });
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  send({ type: 'failed', message: failure.message, stack: failure.stack });
  logger.flush();
  process.exit(1);
}
runtime.start();
send({ type: 'ready' });

port.on('message', async (message: ToStageThread) => {
  if (message.type !== 'close') return;
  try {
    await runtime.close();
  } finally {
    logger.flush();
    send({ type: 'closed' });
    port.close();
  }
});
