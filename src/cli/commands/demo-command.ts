import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildConsoleServer } from '../../app/build-console.ts';
import { createRuntime } from '../../app/process-runtime.ts';
import type { Runtime } from '../../app/runtime.ts';
import { changePassword, createAccount, getAccount } from '../../auth/accounts.ts';
import { buildDemoCorpus } from '../../demo/corpus.ts';
import { demoConfig } from '../../demo/demo-config.ts';
import { type DemoSite, startDemoSite } from '../../demo/demo-site.ts';
import { createPipelineStats } from '../../demo/pipeline-stats.ts';
import { progressLine, summaryLine } from '../../demo/progress-line.ts';
import { createTerminalBoard } from '../../demo/terminal-board.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../demo/webhook-receiver.ts';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import { loadLeads } from '../../leads/lead-store.ts';
import { createLogger, type Logger } from '../../logger.ts';
import { STAGES } from '../../queues/payloads.ts';
import { startPrivateRedis } from '../../redis/private-redis.ts';
import type { AppConfig } from '../../settings/load-config.ts';
import { type CliIo, type Command, EXIT } from '../cli-io.ts';
import { loadConfigForCli, reportStartupError } from '../load-config-for-cli.ts';
import type { RedisHandle } from '../process-context.ts';
import { untilSignal } from '../process-context.ts';
import { type DemoOptions, readDemoOptions } from './demo-options.ts';

const DEMO_FLAGS = {
  duration: { type: 'string' },
  'data-dir': { type: 'string' },
  posts: { type: 'string' },
  rate: { type: 'string' },
  backlog: { type: 'string' },
} as const;

/** `wagewatch demo`: the whole pipeline against a loopback forum, with live progress. */
export const demoCommand: Command = async (args, io) => {
  const options = readDemoOptions(
    parseArgs({ args: [...args], options: DEMO_FLAGS, allowPositionals: false }).values,
  );
  if (typeof options === 'string') {
    io.stderr.write(
      `${options}\n用法：wagewatch demo [--duration 秒] [--data-dir 目录] [--posts 条数] [--rate 每秒条数] [--backlog 条数]\n`,
    );
    return EXIT.config;
  }
  const config = await loadConfigForCli(io);
  if (typeof config === 'number') return config;
  const dataDir = options.dataDir
    ? resolve(io.cwd, options.dataDir)
    : join(config.settings.data_dir, `demo-${runStamp()}`);
  await mkdir(dataDir, { recursive: true });
  const logFile = join(dataDir, 'wagewatch.log');
  const logger = createLogger({
    level: 'info',
    destination: pino.destination({ dest: logFile, sync: false }),
  });
  const site = await startDemoSite({
    posts: buildDemoCorpus(options.posts),
    backlog: options.backlog,
    perSecond: options.rate,
    pageSize: 20,
  });
  const secret = randomBytes(16).toString('hex');
  const receiver = await startWebhookReceiver({ secret });
  try {
    const redis = await demoRedis(config, dataDir, logger);
    try {
      const runConfig = demoConfig(config, {
        dataDir,
        siteUrl: site.url,
        webhookUrl: receiver.url,
        webhookSecret: secret,
        // On a shared Redis the demo keeps to keys of its own, stable per data dir so a rerun finds them.
        redisPrefix: config.settings.redis.url ? `wagewatch-demo-${shortHash(dataDir)}` : undefined,
      });
      io.stdout.write(introText(options, site, receiver, dataDir, logFile));
      await runDemo(runConfig, options, { io, logger, logFile, redisUrl: redis.url, site, receiver });
    } finally {
      await redis.stop();
    }
    return EXIT.ok;
  } catch (error) {
    return reportStartupError(io, error);
  } finally {
    await Promise.all([site.close(), receiver.close()]);
    logger.flush();
  }
};

interface DemoParts {
  io: CliIo;
  logger: Logger;
  /** Where `logger` writes: the event and alert stages' thread writes there too. */
  logFile: string;
  redisUrl: string;
  site: DemoSite;
  receiver: WebhookReceiver;
}

async function runDemo(config: AppConfig, options: DemoOptions, parts: DemoParts): Promise<void> {
  const { io, logger, site, receiver } = parts;
  const board = createTerminalBoard(io.stdout);
  const stats = createPipelineStats();
  const runtime = await createRuntime({
    config,
    env: io.env,
    cwd: io.cwd,
    logger,
    redisUrl: parts.redisUrl,
    stages: STAGES,
    consoleOut: board.messages,
    threadLog: { file: parts.logFile },
    onCompleted: (stage, result) => stats.record(stage, result),
  });
  const startedAt = Date.now();
  const progress = () =>
    progressLine(Date.now() - startedAt, site.published(), stats, receiver.received.length);
  const consoleUrl = await startDemoConsole(config, runtime, { env: io.env, cwd: io.cwd }).catch(
    async (error) => {
      await runtime.close();
      throw error;
    },
  );
  // Listening before the address is shown: Ctrl-C from then on closes the demo properly.
  const stopSignal = untilSignal(logger);
  io.stdout.write(consoleUrl.text);
  const ticker = setInterval(() => board.status(progress()), 1000);
  try {
    await runtime.queues.syncSchedules(config.sources);
    runtime.start();
    await Promise.race([stopSignal, ...(options.durationS ? [sleep(options.durationS * 1000)] : [])]);
    await runtime.queues.syncSchedules([]);
    await drain(runtime, logger);
  } finally {
    clearInterval(ticker);
    board.status(progress());
    board.finish();
  }
  const found = await runtime.store.searchPosts({ text: '讨薪', limit: 1 });
  const leads = (await loadLeads(runtime.store)).length;
  await consoleUrl.close();
  await runtime.close();
  const signed = receiver.received.filter((r) => r.signatureValid).length;
  io.stdout.write(
    `值班 webhook 收到 ${receiver.received.length} 条预警（签名有效 ${signed} 条）；检索“讨薪”命中 ${found.total} 条；网络线索转入线索台账 ${leads} 条。\n` +
      `${summaryLine(stats)}\n`,
  );
  logger.info({ ...stats, delivered: receiver.received.length }, 'demo finished');
}

/**
 * The console on a free loopback port for the length of the demo, with two demo accounts (值班员
 * `duty`, 人社局 `hr`) whose password is made afresh for each run and printed once.
 */
async function startDemoConsole(
  config: AppConfig,
  runtime: Runtime,
  rulesLocation: { env: NodeJS.ProcessEnv; cwd: string },
): Promise<{ text: string; close(): Promise<void> }> {
  const password = `Demo-${randomBytes(9).toString('base64url')}-7`;
  for (const [username, display_name, role] of [
    ['duty', '演示值班员', 'monitor'],
    ['renshe', '演示人社局', 'hr'],
  ] as const) {
    if (await getAccount(runtime.store, username))
      await changePassword(runtime.store, username, password, 'demo');
    else await createAccount(runtime.store, { username, display_name, role, password, createdBy: 'demo' });
  }
  const server = await buildConsoleServer(config, runtime, rulesLocation);
  const url = await server.http.listen({ host: '127.0.0.1', port: 0 });
  return {
    text: `控制台：${url}/ （演示账号 duty 或 renshe，密码 ${password}，仅本次演示有效）\n`,
    close: () => server.close(),
  };
}

/** The demo's own redis-server under its data dir, unless REDIS_URL names a shared one. */
async function demoRedis(config: AppConfig, dataDir: string, logger: Logger): Promise<RedisHandle> {
  const shared = config.settings.redis.url;
  return shared ? { url: shared, stop: async () => undefined } : startPrivateRedis({ dataDir, logger });
}

function introText(
  options: DemoOptions,
  site: DemoSite,
  receiver: WebhookReceiver,
  dataDir: string,
  logFile: string,
): string {
  const until = options.durationS ? `${options.durationS} 秒后结束` : '按 Ctrl-C 结束';
  return (
    `wagewatch 演示：本地演示论坛 ${site.url}（${options.posts} 条帖子，先有 ${options.backlog} 条，之后每秒 ${options.rate} 条）\n` +
    `值班 webhook 接收端 ${receiver.url}　数据目录 ${dataDir}\n日志 ${logFile}　${until}\n`
  );
}

/** After collection stops, lets the work already queued reach the store and the channels. */
async function drain(runtime: Runtime, logger: Logger, limitMs = 20_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    let pending = 0;
    for (const stage of STAGES) {
      const queue = runtime.queues.queue(stage);
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      pending += Object.values(counts).reduce((sum, n) => sum + n, 0);
      // Delayed work due soon (an alert's group wait) is waited for; reminders and escalations
      // due in minutes or hours are not: they stay queued for the next run.
      const soon = Date.now() + 10_000;
      pending += (await queue.getDelayed()).filter((job) => job.timestamp + (job.delay ?? 0) <= soon).length;
    }
    if (pending === 0) return;
    await sleep(200);
  }
  logger.warn(
    { limitMs },
    'demo stopped with jobs still queued; a rerun with the same --data-dir resumes them',
  );
}

function runStamp(): string {
  return toShanghaiIso(new Date()).slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
