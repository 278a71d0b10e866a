import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createSilentLogger } from '../../src/logger.ts';
import { startPrivateRedis } from '../../src/redis/private-redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * One real redis-server on loopback for the whole run (the same launcher the CLI uses), unless
 * REDIS_URL points at one already. Tests keep apart by queue prefix.
 */
export default async function setup(project: TestProject) {
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'wagewatch-test-redis-'));
  const redis = await startPrivateRedis({ dataDir: dir, logger: createSilentLogger() });
  project.provide('redisUrl', redis.url);
  return async () => {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
