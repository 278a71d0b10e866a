// One wagewatch process for the pipeline benchmark: the stages it is given, built by createRuntime
// exactly as `wagewatch start` (every stage) or `wagewatch worker <stage>` (one) builds them, with
// the bench's config. It tells the bench when a number of posts has been stored, and on `stop`
// closes like a SIGTERM'd worker and reports its peak RSS (Linux's VmHWM).
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { restoreFastStringPrototype } from '../../src/app/fast-string-prototype.ts';
import { createRuntime } from '../../src/app/process-runtime.ts';
import { createLogger } from '../../src/logger.ts';
import { BUNDLED_CONFIG_DIR } from '../../src/settings/config-location.ts';
import { loadConfig } from '../../src/settings/load-config.ts';
import type { IndexResult } from '../../src/stages/index-stage.ts';
import { peakRssKb } from './measure.ts';
import { benchPipelineConfig, type PipelineSpec } from './pipeline-config.ts';

/** What the bench asks of a child. */
export type ToChild = { type: 'watch-stored'; count: number } | { type: 'mark' } | { type: 'stop' };
/** What a child tells the bench; `at` is epoch milliseconds with a fraction. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'stored'; count: number; at: number }
  | {
      type: 'stopped';
      peakRssKb: number;
      /** CPU time (user + system) since the last `mark`. */
      cpuMs: number;
    };

// As the CLI does once its modules are loaded (ioredis leaves String.prototype slow).
restoreFastStringPrototype();
const spec = JSON.parse(process.argv[2] as string) as PipelineSpec;
const send = (message: FromChild) => process.send?.(message);
const epochNow = () => performance.timeOrigin + performance.now();

const config = benchPipelineConfig(
  await loadConfig({ configDir: BUNDLED_CONFIG_DIR, env: {}, cwd: process.cwd() }),
  spec,
);
const logger = createLogger({
  level: 'info',
  destination: pino.destination({
    dest: join(spec.dataDir, `${spec.stages.length > 1 ? 'all' : spec.stages[0]}.log`),
    sync: false,
    mkdir: true,
  }),
});
let stored = 0;
let watched: number | null = null;
let marked = process.cpuUsage();
const runtime = await createRuntime({
  config,
  env: {},
  cwd: process.cwd(),
  logger,
  redisUrl: spec.redisUrl,
  stages: spec.stages,
  consoleOut: new Writable({ write: (_chunk, _encoding, done) => done() }),
  threadLog: { file: join(spec.dataDir, `${spec.stages.length > 1 ? 'all' : spec.stages[0]}-thread.log`) },
  onCompleted: (stage, result) => {
    if (stage !== 'index' || (result as IndexResult).outcome === 'rejected') return;
    stored++;
    if (watched !== null && stored >= watched) {
      send({ type: 'stored', count: stored, at: epochNow() });
      watched = null;
    }
  },
});
runtime.start();
process.on('message', async (message: ToChild) => {
  if (message.type === 'mark') {
    marked = process.cpuUsage();
    return;
  }
  if (message.type === 'watch-stored') {
    if (stored >= message.count) send({ type: 'stored', count: stored, at: epochNow() });
    else watched = message.count;
    return;
  }
  await runtime.close();
  logger.flush();
  const cpu = process.cpuUsage(marked);
  const stopped: FromChild = {
    type: 'stopped',
    peakRssKb: peakRssKb(),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
  // Exit on purpose once the bench has the figures (with --cpu-prof this writes the profile).
  process.send?.(stopped, undefined, {}, () => process.exit(0));
});
send({ type: 'ready' });
