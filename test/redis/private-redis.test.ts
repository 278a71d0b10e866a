import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.ts';
import { startPrivateRedis } from '../../src/redis/private-redis.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const logger = createSilentLogger();

describe('private redis-server', () => {
  it('starts on loopback with append-only persistence and no eviction, and stops', async () => {
    const dataDir = await tempDir();
    const redis = await startPrivateRedis({ dataDir, logger });
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const client = new Redis(redis.url);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
    client.disconnect();
    await redis.stop();
    await expect(readFile(join(dataDir, 'redis', 'owner.json'))).rejects.toThrow();
  });

  it('says how to install redis-server when it is missing', async () => {
    const error = await startPrivateRedis({
      dataDir: await tempDir(),
      logger,
      binary: 'redis-server-not-installed',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'redis_missing',
      message: expect.stringContaining('apt-get install -y redis-server'),
    });
  });

  it('adopts a Redis left behind by an owner that died, instead of starting another', async () => {
    const dataDir = await tempDir();
    const first = await startPrivateRedis({ dataDir, logger });
    const ownerFile = join(dataDir, 'redis', 'owner.json');
    const ownership = JSON.parse(await readFile(ownerFile, 'utf8'));
    // Pretend the owner crashed: a pid that cannot be alive.
    await writeFile(ownerFile, JSON.stringify({ ...ownership, ownerPid: 2 ** 22 + 1 }));
    const adopted = await startPrivateRedis({ dataDir, logger });
    expect(adopted.url).toBe(first.url);
    await adopted.stop();
  });
});

describe('private redis-server ownership', () => {
  it('refuses to start a second one while its owner is alive, saying how to share it', async () => {
    const dataDir = await tempDir();
    const first = await startPrivateRedis({ dataDir, logger });
    const ownerFile = join(dataDir, 'redis', 'owner.json');
    const ownership = JSON.parse(await readFile(ownerFile, 'utf8'));
    await writeFile(ownerFile, JSON.stringify({ ...ownership, ownerPid: process.ppid }));
    const error = await startPrivateRedis({ dataDir, logger }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'redis_in_use',
      message: expect.stringContaining(`REDIS_URL=${first.url}`),
    });
    await first.stop();
  });
});
