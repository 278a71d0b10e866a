import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { WagewatchError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** A redis-server this process started (or adopted) for itself, with its data under the data dir. */
export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

interface Ownership {
  ownerPid: number;
  redisPid: number;
  port: number;
}

const INSTALL_HINT =
  'redis-server was not found on PATH. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server) ' +
  'or point REDIS_URL at a running Redis.';

/**
 * Starts redis-server on a free loopback port with append-only persistence and no eviction.
 * One process owns it; a Redis left behind by a crashed owner is adopted rather than duplicated.
 */
export async function startPrivateRedis(options: {
  dataDir: string;
  logger: Logger;
  binary?: string;
}): Promise<PrivateRedis> {
  const dir = join(options.dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const ownerFile = join(dir, 'owner.json');
  const previous = await readOwnership(ownerFile);
  if (previous && isAlive(previous.ownerPid) && previous.ownerPid !== process.pid) {
    throw new WagewatchError(
      'redis_in_use',
      `another wagewatch process (pid ${previous.ownerPid}) runs the private Redis of ${options.dataDir}; ` +
        `to share it, set REDIS_URL=redis://127.0.0.1:${previous.port}`,
    );
  }
  if (previous && isAlive(previous.redisPid) && (await answers(previous.port))) {
    options.logger.info({ port: previous.port }, 'adopting the private Redis left by an earlier run');
    await writeOwnership(ownerFile, { ...previous, ownerPid: process.pid });
    return ownedRedis(previous.port, null, previous.redisPid, ownerFile);
  }
  const port = await freePort();
  const child = spawn(options.binary ?? 'redis-server', redisArgs(dir, port), { stdio: 'ignore' });
  await waitUntilReady(child, port, dir);
  await writeOwnership(ownerFile, { ownerPid: process.pid, redisPid: child.pid as number, port });
  options.logger.info({ port, dir }, 'private Redis started');
  return ownedRedis(port, child, child.pid as number, ownerFile);
}

function redisArgs(dir: string, port: number): string[] {
  // biome-ignore format: one flag and its value per pair reads best
  return [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--daemonize', 'no',
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
    '--maxmemory-policy', 'noeviction', '--logfile', 'redis.log', '--protected-mode', 'yes',
  ];
}

function ownedRedis(
  port: number,
  child: ChildProcess | null,
  redisPid: number,
  ownerFile: string,
): PrivateRedis {
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = child ? new Promise((resolve) => child.once('exit', resolve)) : waitForExit(redisPid);
      try {
        process.kill(redisPid, 'SIGTERM'); // redis-server flushes its append-only file on SIGTERM
      } catch {
        return void (await rm(ownerFile, { force: true }));
      }
      const timer = setTimeout(() => process.kill(redisPid, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      await rm(ownerFile, { force: true });
    },
  };
}

async function waitUntilReady(child: ChildProcess, port: number, dir: string): Promise<void> {
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new WagewatchError('redis_missing', INSTALL_HINT) : error),
    );
    child.once('exit', (code) =>
      reject(
        new WagewatchError(
          'redis_failed',
          `redis-server exited with code ${code}; see ${join(dir, 'redis.log')}`,
        ),
      ),
    );
  });
  const ready = (async () => {
    for (let waited = 0; waited < 15_000; waited += 100) {
      if (await answers(port)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    throw new WagewatchError('redis_failed', `redis-server did not answer on port ${port} within 15 s`);
  })();
  await Promise.race([ready, failed]);
}

/** Whether a Redis answers PING on this loopback port. */
export async function answers(port: number): Promise<boolean> {
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number): Promise<void> {
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function readOwnership(file: string): Promise<Ownership | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Ownership;
  } catch {
    return null;
  }
}

async function writeOwnership(file: string, ownership: Ownership): Promise<void> {
  await writeFile(file, `${JSON.stringify(ownership)}\n`);
}
