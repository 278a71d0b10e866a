import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, withoutWagewatchEnv } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import { type OwnedRedis, startOwnedRedis } from './fault-rig.ts';

const tempDir = useTempDirs();

/**
 * The real CLI against real redis-servers that can lose jobs: the production profile (the default)
 * refuses to start with a message naming the setting to change; the development profile warns.
 */
describe('the production profile refuses a Redis that can lose queued jobs', () => {
  const servers: OwnedRedis[] = [];
  let noAof: OwnedRedis;
  let evicting: OwnedRedis;
  let managed: OwnedRedis;
  let redisDir: string;
  beforeAll(async () => {
    redisDir = await tempDir();
    const start = async (name: string, settings: Parameters<typeof startOwnedRedis>[1]) => {
      const server = await startOwnedRedis(join(redisDir, name), settings);
      servers.push(server);
      return server;
    };
    noAof = await start('no-aof', { appendonly: 'no' });
    evicting = await start('evicting', { policy: 'allkeys-lru' });
    // Like a managed service: CONFIG is not available to clients.
    managed = await start('managed', { extraArgs: ['--rename-command', 'CONFIG', ''] });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  const envFor = async (redis: OwnedRedis, extra: Record<string, string> = {}) => ({
    REDIS_URL: redis.url,
    WAGEWATCH_DATA_DIR: await tempDir(),
    WAGEWATCH_HTTP_PORT: '0',
    ...extra,
  });

  it.each([
    ['worker classify', ['worker', 'classify']],
    ['start', ['start']],
  ])('`%s` on a Redis with appendonly no: exit 2, says to set appendonly yes', async (_name, args) => {
    const run = await runCli(args, await envFor(noAof), 90_000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('生产配置（profile: production）拒绝使用 Redis');
    expect(run.stderr).toContain('appendonly 为 no');
    expect(run.stderr).toContain('The production profile refuses Redis');
    expect(run.stderr).toContain('appendonly is "no"');
    expect(run.stderr).toContain('`appendonly yes`');
    expect(run.stderr).toContain('WAGEWATCH_PROFILE=development');
    expect(run.stderr).not.toContain('maxmemory-policy is');
  });

  it('`worker classify` on an evicting Redis: exit 2, says to set maxmemory-policy noeviction', async () => {
    const run = await runCli(['worker', 'classify'], await envFor(evicting), 90_000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('maxmemory-policy 为 allkeys-lru');
    expect(run.stderr).toContain('maxmemory-policy is "allkeys-lru"');
    expect(run.stderr).toContain('`maxmemory-policy noeviction`');
    expect(run.stderr).not.toContain('appendonly is');
  });

  it('`worker classify` where CONFIG GET is forbidden: exit 2, names redis.durability_verified', async () => {
    const run = await runCli(['worker', 'classify'], await envFor(managed), 90_000);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('无法读取 Redis 的 appendonly 与 maxmemory-policy');
    expect(run.stderr).toContain('cannot read Redis appendonly and maxmemory-policy');
    expect(run.stderr).toContain('redis.durability_verified: true');
    expect(run.stderr).toContain('WAGEWATCH_REDIS_DURABILITY_VERIFIED=true');
  });

  it('starts where CONFIG GET is forbidden once the operator says durability is verified', async () => {
    const env = await envFor(managed, { WAGEWATCH_REDIS_DURABILITY_VERIFIED: 'true' });
    const worker = startCli(['worker', 'classify'], env);
    await worker.started();
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });

  it('the development profile starts on an unsafe Redis, warns, and stops on SIGTERM', async () => {
    const worker = startCli(
      ['worker', 'classify'],
      await envFor(noAof, { WAGEWATCH_PROFILE: 'development' }),
    );
    await worker.started();
    const warnings = worker.logs().filter((line) => line.level === 40);
    expect(warnings.map((line) => line.msg)).toContainEqual(
      expect.stringContaining('appendonly is "no": a Redis restart forgets queued jobs'),
    );
    expect(await worker.stop()).toEqual({ code: 0, signal: null });
  });
});

interface LogLine {
  level: number;
  msg: string;
}

/** `wagewatch …` left running: its JSON log lines, and a wait for its "started" line. */
function startCli(args: readonly string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...withoutWagewatchEnv(process.env), WAGEWATCH_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logs = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return {
    logs,
    async started() {
      await waitFor(
        `wagewatch ${args.join(' ')} started`,
        () => {
          if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}${stdout}`);
          return logs().some((line) => line.msg === 'wagewatch started');
        },
        90_000,
      );
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
