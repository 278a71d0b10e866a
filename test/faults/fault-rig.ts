import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { buildDemoCorpus } from '../../src/demo/corpus.ts';
import { type DemoSite, startDemoSite } from '../../src/demo/demo-site.ts';
import { answers, freePort } from '../../src/redis/private-redis.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { copyProjectConfig, editConfigFile } from '../helpers/config-copy.ts';
import { BIN, withoutWagewatchEnv } from '../helpers/run-cli.ts';
import { waitFor } from '../helpers/wait-for.ts';

/**
 * The whole pipeline as it runs in production, for fault tests: `wagewatch worker …` processes
 * against a redis-server this rig owns (so it can kill and restart it, AOF on), the loopback
 * demo forum as the source, a loopback duty-room webhook as the channel (and one for the
 * operators' notices), and the embedded store in a temp dir. Tests break one part and count
 * what came out at the end.
 */
export interface FaultRig {
  dir: string;
  configDir: string;
  dataDir: string;
  env: Record<string, string>;
  site: DemoSite;
  receiver: WebhookReceiver;
  /** The operators' webhook (`ops-webhook`, in routing.yaml's `operations.channels`). */
  operations: WebhookReceiver;
  redis: OwnedRedis;
  /** Starts `wagewatch worker <stage>` as a child, or `wagewatch start` (every stage) for 'all'. */
  spawnWorker(stage: Stage | 'all', extraEnv?: Record<string, string>): Worker;
  /** A reader on the embedded store the workers write. */
  store: Store;
  /** Posts published by the site so far, and the ids it published. */
  publishedIds(): string[];
  /** Jobs each stage's queue keeps as failed for good (retries left do not count). */
  failedJobs(): Promise<Record<Stage, number>>;
  close(): Promise<void>;
}

export type Stage = 'collect' | 'classify' | 'index' | 'event' | 'alert';
export const STAGES: readonly Stage[] = ['collect', 'classify', 'index', 'event', 'alert'];

export interface Worker {
  child: ChildProcess;
  /** Everything it wrote to stderr (logs at warn and above), for failure messages. */
  stderr(): string;
  /** The last 20 KB of its JSON log lines (stdout, at WAGEWATCH_LOG_LEVEL: warn), for failure messages. */
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface FaultRigOptions {
  posts: number;
  /** Posts visible at once (the rest appear at `perSecond`). */
  backlog?: number;
  perSecond?: number;
  pageSize?: number;
  /** BullMQ lock: how soon a dead worker's job is taken over. */
  lockS?: number;
  /** Send every level at once (no group wait), so alerts go out while the test runs. */
  immediateAlerts?: boolean;
}

export async function startFaultRig(dir: string, options: FaultRigOptions): Promise<FaultRig> {
  const corpus = buildDemoCorpus(options.posts);
  const site = await startDemoSite({
    posts: corpus,
    backlog: options.backlog ?? options.posts,
    perSecond: options.perSecond ?? 50,
    // Fifty pages of fifty: the first pass reaches the oldest post of the backlog.
    pageSize: options.pageSize ?? 50,
  });
  const receiver = await startWebhookReceiver();
  const operations = await startWebhookReceiver();
  const redis = await startOwnedRedis(join(dir, 'redis'));
  const configDir = await copyProjectConfig(dir);
  await editConfigFile(configDir, 'sources/demo-site.yaml', 'enabled: false', 'enabled: true');
  await editConfigFile(
    configDir,
    'sources/demo-site.yaml',
    'url: http://127.0.0.1:8090/posts',
    `url: ${site.url}`,
  );
  await editConfigFile(configDir, 'sources/demo-site.yaml', 'max_pages: 5', 'max_pages: 50');
  // Operations notices reach a receiver of their own, so tests can see what the operators heard.
  await editConfigFile(
    configDir,
    'routing.yaml',
    'channels:\n  console:\n',
    `channels:\n  ops-webhook:\n    kind: webhook\n    url: ${operations.url}\n  console:\n`,
  );
  await editConfigFile(
    configDir,
    'routing.yaml',
    'operations:\n  channels: [console]',
    'operations:\n  channels: [console, ops-webhook]',
  );
  if (options.lockS)
    await editConfigFile(configDir, 'default.yaml', 'lock_s: 30', `lock_s: ${options.lockS}`);
  if (options.immediateAlerts !== false) {
    await editConfigFile(
      configDir,
      'routing.yaml',
      'orange: { group_wait_s: 30,',
      'orange: { group_wait_s: 0,',
    );
    await editConfigFile(
      configDir,
      'routing.yaml',
      'yellow: { group_wait_s: 120,',
      'yellow: { group_wait_s: 0,',
    );
  }
  const dataDir = join(dir, 'data');
  await mkdir(dataDir, { recursive: true });
  const env = {
    ...withoutWagewatchEnv(process.env),
    WAGEWATCH_CONFIG_DIR: configDir,
    WAGEWATCH_DATA_DIR: dataDir,
    REDIS_URL: redis.url,
    WAGEWATCH_ALERT_WEBHOOK_URL: receiver.url,
    WAGEWATCH_LOG_LEVEL: 'warn',
  };
  const store = createEmbeddedStore({
    file: join(dataDir, 'wagewatch.sqlite'),
    tokenizeForIndex: (t) => [t],
    tokenizeForQuery: (t) => [t],
  });
  const workers: Worker[] = [];
  return {
    dir,
    configDir,
    dataDir,
    env,
    site,
    receiver,
    operations,
    redis,
    store,
    publishedIds: () => corpus.slice(0, site.published()).map((post) => `demo-site:${post.id}`),
    async failedJobs() {
      const failed = {} as Record<Stage, number>;
      for (const stage of STAGES) {
        const queue = new Queue(stage, {
          connection: { host: '127.0.0.1', port: redis.port },
          prefix: 'wagewatch',
        });
        try {
          failed[stage] = await queue.getFailedCount();
        } finally {
          await queue.close();
        }
      }
      return failed;
    },
    spawnWorker(stage, extraEnv = {}) {
      const args = stage === 'all' ? [BIN, 'start'] : [BIN, 'worker', stage];
      // `start` serves the console too: on any free port, so runs never collide.
      const worker = startWorker(args, { ...env, WAGEWATCH_HTTP_PORT: '0', ...extraEnv });
      workers.push(worker);
      return worker;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
      await store.close();
      await redis.stop();
      await operations.close();
      await receiver.close();
      await site.close();
    },
  };
}

function startWorker(args: string[], env: Record<string, string>): Worker {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-20_000);
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A duty-room webhook that records the key of each notification that arrives; it can be taken
 * down (503). A digest (messages held over a rate limit, sent together) counts as each of the
 * notifications it carries.
 */
export interface WebhookReceiver {
  url: string;
  /** Notification keys in arrival order (a key twice is a duplicate delivery). */
  arrivals: string[];
  /** Answer 503 to everything until `up()`. */
  down(): void;
  up(): void;
  /** Requests refused while down. */
  refused(): number;
  /** Idempotency keys of the refused requests, in order (a key twice was retried). */
  refusals: string[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const arrivals: string[] = [];
  const refusals: string[] = [];
  let isDown = false;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const key = String(request.headers['x-wagewatch-idempotency-key']);
      if (isDown) {
        refusals.push(key);
        response.writeHead(503).end();
        return;
      }
      arrivals.push(...notificationKeys(Buffer.concat(chunks), key));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    arrivals,
    down: () => {
      isDown = true;
    },
    up: () => {
      isDown = false;
    },
    refused: () => refusals.length,
    refusals,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A redis-server on a fixed loopback port and dir, so a kill and a restart keep its AOF. */
export interface OwnedRedis {
  url: string;
  port: number;
  /** SIGKILL: no chance to flush beyond what `appendfsync` already wrote. */
  kill(): Promise<void>;
  /** Starts it again on the same port and dir (it replays its append-only file). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnedRedis(
  dir: string,
  settings: {
    appendonly?: 'yes' | 'no';
    policy?: string;
    /** More redis-server flags, e.g. `['--rename-command', 'CONFIG', '']` to act like a managed Redis. */
    extraArgs?: readonly string[];
  } = {},
): Promise<OwnedRedis> {
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  // biome-ignore format: one flag and its value per pair reads best
  const args = [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no',
    '--appendonly', settings.appendonly ?? 'yes', '--appendfsync', 'everysec', '--save', '',
    '--maxmemory-policy', settings.policy ?? 'noeviction', '--logfile', 'redis.log',
    ...(settings.extraArgs ?? []),
  ];
  let child: ChildProcess | null = null;
  const start = async () => {
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    await waitFor(`redis-server on ${port}`, () => answers(port), 15_000);
  };
  const halt = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
    child = null;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => halt('SIGKILL'),
    restart: start,
    stop: () => halt('SIGTERM'),
  };
}

/** Each key's count among the arrivals, and the keys that came more than once. */
/** The keys of the notifications a webhook message carries; its own key if it carries none. */
function notificationKeys(body: Buffer, messageKey: string): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { notifications?: { key?: unknown }[] };
    const keys = (parsed.notifications ?? []).flatMap((n) => (typeof n.key === 'string' ? [n.key] : []));
    return keys.length > 0 ? keys : [messageKey];
  } catch {
    return [messageKey];
  }
}

/**
 * Waits until every post the site published is stored. On a timeout the error says how many
 * were stored, plus whatever `explain` adds (worker logs, queue counts).
 */
export async function untilAllStored(
  rig: FaultRig,
  posts: number,
  timeoutMs: number,
  explain: () => string | Promise<string> = () => '',
): Promise<void> {
  let stored = 0;
  await waitFor(
    `every published post stored (${posts})`,
    async () => {
      stored = await rig.store.countPosts();
      return stored === posts;
    },
    timeoutMs,
  ).catch(async (error) => {
    throw new Error(`${error.message}: ${stored} stored; ${await explain()}`);
  });
}

/** Waits until every alert the store recorded has reached the duty webhook (digests counted inside). */
export async function untilAlertsDelivered(rig: FaultRig, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    'every recorded alert delivered',
    async () => {
      const alerts = await rig.store.countAlerts();
      return alerts > 0 && new Set(rig.receiver.arrivals).size === alerts;
    },
    timeoutMs,
  );
}

export function duplicates(arrivals: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const key of arrivals) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([key]) => key);
}
