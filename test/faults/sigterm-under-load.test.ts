import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  duplicates,
  type FaultRig,
  STAGES,
  startFaultRig,
  untilAlertsDelivered,
  untilAllStored,
} from './fault-rig.ts';

const POSTS = 800;
/** `queues.shutdown_grace_s` in config/default.yaml: how long active jobs may take on SIGTERM. */
const GRACE_S = 30;
const tempDir = useTempDirs();

describe('SIGTERM under load', () => {
  let rig: FaultRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('lets active jobs finish, exits within the grace period, and a restart loses and repeats nothing', async () => {
    rig = await startFaultRig(await tempDir(), { posts: POSTS });
    const { store, receiver } = rig;
    const first = rig.spawnWorker('all');
    await waitFor('posts flowing through every stage', async () => (await store.countPosts()) >= 150, 90_000);

    const signalledAt = Date.now();
    const { code, signal } = await first.kill('SIGTERM');
    const exitMs = Date.now() - signalledAt;
    expect({ code, signal }, first.stderr()).toEqual({ code: 0, signal: null });
    expect(exitMs).toBeLessThan(GRACE_S * 1000);
    const storedAtStop = await store.countPosts();

    // Nothing left half-done: no job active (a stalled job would wait for its lock to expire) or failed.
    const connection = { host: '127.0.0.1', port: rig.redis.port };
    for (const stage of STAGES) {
      const queue = new Queue(stage, { connection, prefix: 'wagewatch' });
      expect(await queue.getActiveCount(), `${stage} active after exit`).toBe(0);
      expect(await queue.getFailedCount(), `${stage} failed`).toBe(0);
      await queue.close();
    }

    const second = rig.spawnWorker('all');
    await untilAllStored(rig, POSTS, 120_000);
    await untilAlertsDelivered(rig);
    console.info(
      `SIGTERM at ${storedAtStop}/${POSTS} stored: exited 0 in ${exitMs} ms (grace ${GRACE_S} s); the restart stored the rest; ${receiver.arrivals.length} alerts, none twice`,
    );
    for (const id of rig.publishedIds()) expect(await store.getPost(id), id).not.toBeNull();
    expect(duplicates(receiver.arrivals)).toEqual([]);
    await second.kill('SIGTERM');
  });
});
