import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConflictError, TransientError } from '../../src/errors.ts';
import { createStoreHealth, reportStoreFailures } from '../../src/maintenance/store-health.ts';
import { createChannelHealth, probeSystem } from '../../src/maintenance/system-probe.ts';
import type { PipelineQueues } from '../../src/queues/pipeline-queues.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const redis = connectTestRedis();
const tempDir = useTempDirs();
afterAll(() => redis.quit());

async function openStore(): Promise<Store> {
  return createEmbeddedStore({
    file: join(await tempDir(), 'wagewatch.sqlite'),
    tokenizeForIndex: (t) => [t],
    tokenizeForQuery: (t) => [t],
  });
}

describe('store health: what the workers met of the store', () => {
  it('reports calls that failed because the store was unavailable, not conflicts', async () => {
    const store = await openStore();
    const reasons: string[] = [];
    const watched = reportStoreFailures(
      {
        ...store,
        upsertPosts: async () => {
          throw new TransientError('store upsertPosts: SQLITE_BUSY: database is locked');
        },
        putRecord: async () => {
          throw new ConflictError('event e1: expected version 1 but it is 2');
        },
      },
      (reason) => reasons.push(reason),
    );
    await expect(watched.upsertPosts([stored(samplePost('1', '拖欠工资'))])).rejects.toThrow(/SQLITE_BUSY/);
    await expect(watched.putRecord('event', 'e1', {}, '1')).rejects.toThrow(ConflictError);
    expect(await watched.countPosts()).toBe(0);
    expect(reasons).toEqual(['store upsertPosts: SQLITE_BUSY: database is locked']);
    await watched.close();
  });

  it('counts failures until the watch takes them, then starts again', async () => {
    const health = createStoreHealth(redis, uniquePrefix('store'));
    expect(await health.takeFailures()).toEqual({ failures: 0, lastError: null });
    await health.recordFailure('SQLITE_BUSY');
    await health.recordFailure('SQLITE_FULL');
    expect(await health.takeFailures()).toEqual({ failures: 2, lastError: 'SQLITE_FULL' });
    expect(await health.takeFailures()).toEqual({ failures: 0, lastError: null });
  });

  it('makes the probe call the store unreachable when writes failed since the last probe, though reads pass', async () => {
    const prefix = uniquePrefix('probe');
    const store = await openStore();
    const health = createStoreHealth(redis, prefix);
    const queues = {
      queue: () => ({ getWaitingCount: async () => 0, getWorkers: async () => [{}] }),
    } as unknown as PipelineQueues;
    const probe = () =>
      probeSystem({
        queues,
        store,
        storeHealth: health,
        channels: [],
        channelHealth: createChannelHealth(redis, prefix),
        sources: [],
        sourceHealth: { read: async () => ({}) } as never,
        now: Date.now(),
      });
    expect((await probe()).storeError).toBeNull();
    await health.recordFailure('store upsertPosts: SQLITE_BUSY: database is locked');
    expect((await probe()).storeError).toBe(
      '1 store calls failed since the last check, the latest: store upsertPosts: SQLITE_BUSY: database is locked',
    );
    // Over by the next probe: the notice's episode ends and the operators hear it recovered.
    expect((await probe()).storeError).toBeNull();
    await store.close();
  });
});
