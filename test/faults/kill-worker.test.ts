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

const POSTS = 600;
const tempDir = useTempDirs();

describe('kill -9 of workers in the middle of a batch', () => {
  let rig: FaultRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('loses nothing and sends nothing twice: every post stored once, every alert delivered once', async () => {
    rig = await startFaultRig(await tempDir(), { posts: POSTS, lockS: 2 });
    const { store, receiver } = rig;
    const workers = new Map(STAGES.map((stage) => [stage, rig?.spawnWorker(stage)]));

    // Mid-batch: posts are flowing through classify and index, and some are stored already.
    await waitFor('the first posts stored', async () => (await store.countPosts()) >= 100, 90_000);
    const storedAtKill = await store.countPosts();
    expect(storedAtKill).toBeLessThan(POSTS);
    for (const stage of ['classify', 'index', 'event'] as const) await workers.get(stage)?.kill('SIGKILL');
    const killedAt = Date.now();
    for (const stage of ['classify', 'index', 'event'] as const) workers.set(stage, rig.spawnWorker(stage));

    await waitFor(
      'the stored count moving again',
      async () => (await store.countPosts()) > storedAtKill,
      60_000,
    );
    const resumedMs = Date.now() - killedAt;
    await untilAllStored(
      rig,
      POSTS,
      150_000,
      () => `worker logs:\n${[...workers.values()].map((w) => w?.stderr()).join('\n')}`,
    );
    const drainedMs = Date.now() - killedAt;
    await untilAlertsDelivered(rig);
    console.info(
      `kill -9 of classify, index and event at ${storedAtKill}/${POSTS} stored: processing resumed after ${resumedMs} ms, all stored ${drainedMs} ms after the kill; ${receiver.arrivals.length} alerts delivered`,
    );

    const ids = rig.publishedIds();
    expect(ids).toHaveLength(POSTS);
    for (const id of ids) expect(await store.getPost(id), id).not.toBeNull();
    expect(duplicates(receiver.arrivals)).toEqual([]);
  });
});
