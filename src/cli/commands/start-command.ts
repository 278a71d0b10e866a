import { parseArgs } from 'node:util';
import { buildConsoleServer, type ConsoleServer } from '../../app/build-console.ts';
import { createRuntime } from '../../app/process-runtime.ts';
import { createLogger } from '../../logger.ts';
import { isStageName, STAGES, type StageName } from '../../queues/payloads.ts';
import { redactUrl } from '../../redis/redis-connection.ts';
import { type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli, reportStartupError } from '../load-config-for-cli.ts';
import { ensureRedis, type RedisHandle, untilSignal } from '../process-context.ts';

/** `wagewatch start`: every stage in this process. */
export const startCommand: Command = async (args, io) => {
  parseArgs({ args: [...args], options: {}, allowPositionals: false });
  return runStages(STAGES, io, { serveHttp: true });
};

/** `wagewatch worker <stage>`: one stage, so stages scale out over processes against one Redis. */
export const workerCommand: Command = async (args, io) => {
  const { positionals } = parseArgs({ args: [...args], options: {}, allowPositionals: true });
  const stage = positionals[0];
  if (!stage || !isStageName(stage) || positionals.length > 1) {
    io.stderr.write(`用法：wagewatch worker <${STAGES.join('|')}>\n`);
    return EXIT.config;
  }
  return runStages([stage], io);
};

async function runStages(
  stages: readonly StageName[],
  io: Parameters<Command>[1],
  options: { serveHttp?: boolean } = {},
): Promise<number> {
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const logger = createLogger({ level: config.settings.log_level });
  for (const warning of config.warnings) logger.warn(warning);
  let redis: RedisHandle;
  try {
    redis = await ensureRedis(config, logger);
  } catch (error) {
    return reportStartupError(io, error);
  }
  try {
    const runtime = await createRuntime({
      config,
      env: io.env,
      cwd: io.cwd,
      logger,
      redisUrl: redis.url,
      stages,
      consoleOut: io.stdout,
    });
    let server: ConsoleServer | null = null;
    // Listening before anything announces the start: a SIGTERM sent on seeing "started" must find
    // the handler in place, or the process dies of it without closing its jobs.
    const stopSignal = untilSignal(logger);
    try {
      if (stages.includes('collect')) await runtime.queues.syncSchedules(config.sources);
      runtime.start();
      if (options.serveHttp) {
        server = await buildConsoleServer(config, runtime, { env: io.env, cwd: io.cwd });
        const { host, port } = config.settings.console;
        await server.http.listen({ host, port });
        logger.info({ url: `http://${host}:${port}` }, 'console and acknowledgement links served');
      }
      logger.info({ stages, redis: redactUrl(redis.url) }, 'wagewatch started');
      const signal = await stopSignal;
      logger.info({ signal }, 'wagewatch stopping');
    } finally {
      await server?.close();
      await runtime.close();
    }
    logger.info('wagewatch stopped');
    return EXIT.ok;
  } catch (error) {
    return reportStartupError(io, error);
  } finally {
    await redis.stop();
    logger.flush();
  }
}
