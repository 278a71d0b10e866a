import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  duplicates,
  type FaultRig,
  STAGES,
  startFaultRig,
  untilAllStored,
  type Worker,
} from './fault-rig.ts';

const POSTS = 600;
/** How long Redis stays dead: the fault itself, not a wait for something to happen. */
const OUTAGE_MS = 4_000;
const tempDir = useTempDirs();

describe('Redis killed and restarted (AOF on) in the middle of a run', () => {
  let rig: FaultRig | null = null;
  let queues: Queue[] = [];
  afterEach(async () => {
    await Promise.all(queues.map((queue) => queue.close()));
    queues = [];
    await rig?.close();
    rig = null;
  });

  it('loses no acknowledged post, sends nothing twice, and resumes without restarting a worker', async () => {
    // Half the forum is there at the start, the rest appears while Redis is down and after.
    rig = await startFaultRig(await tempDir(), { posts: POSTS, backlog: 300, perSecond: 10 });
    const { store, receiver, redis } = rig;
    queues = STAGES.map(
      (stage) =>
        new Queue(stage, { connection: { host: '127.0.0.1', port: redis.port }, prefix: 'wagewatch' }),
    );
    // Only the test's own reader: it reconnects like the workers do.
    for (const queue of queues) queue.on('error', () => undefined);
    const workers = new Map<string, Worker>(
      STAGES.map((stage) => [stage, rig?.spawnWorker(stage) as Worker]),
    );
    const logs = () =>
      [...workers]
        .map(([stage, w]) => `--- ${stage}\n${w.stderr().slice(-2000)}${w.stdout().slice(-3000)}`)
        .join('\n');

    await waitFor('the first posts stored', async () => (await store.countPosts()) >= 100, 90_000);
    const storedAtKill = await store.countPosts();
    expect(storedAtKill).toBeLessThan(POSTS);
    await redis.kill();
    await sleep(OUTAGE_MS);
    await redis.restart();
    const restartedAt = Date.now();
    const storedAtRestart = await store.countPosts();

    await waitFor(
      'the stored count moving after the restart',
      async () => (await store.countPosts()) > storedAtRestart,
      90_000,
    ).catch(withLogs(logs));
    const resumedMs = Date.now() - restartedAt;
    await untilAllStored(
      rig,
      POSTS,
      150_000,
      async () =>
        `missing ${JSON.stringify(await missingIds(rig as FaultRig))}; ` +
        `queues ${JSON.stringify(await queueCounts(queues))}; worker logs:\n${logs()}`,
    );
    const drainedMs = Date.now() - restartedAt;
    // The pipeline is quiet (only reminders and escalations wait, for minutes) and every alert it
    // recorded reached the duty room.
    let alerts = 0;
    let delivered = 0;
    await waitFor(
      'the queues quiet and every recorded alert delivered',
      async () => {
        const counts = await queueCounts(queues);
        alerts = await store.countAlerts();
        delivered = new Set(receiver.arrivals).size;
        return Object.values(counts).every((c) => c.busy === 0) && alerts > 0 && delivered === alerts;
      },
      90_000,
    ).catch(
      withLogs(
        logs,
        async () =>
          `${alerts} alerts recorded, ${delivered} delivered; queues ${JSON.stringify(await queueCounts(queues))}`,
      ),
    );
    const counts = await queueCounts(queues);
    console.info(
      `Redis SIGKILLed at ${storedAtKill}/${POSTS} stored, down ${OUTAGE_MS} ms (${storedAtRestart} stored at the restart): ` +
        `storing resumed ${resumedMs} ms after the restart, all stored ${drainedMs} ms after it; ` +
        `${alerts} alerts recorded and delivered once each; jobs taken over after their lock expired: ` +
        JSON.stringify(await stalledCounts(queues)),
    );

    expect(rig.publishedIds()).toHaveLength(POSTS);
    expect(await missingIds(rig)).toEqual([]);
    expect(duplicates(receiver.arrivals)).toEqual([]);
    expect(Object.entries(counts).filter(([, c]) => c.failed > 0)).toEqual([]);
    // The outage is in each worker's log, not printed raw by a connection nobody listened to.
    for (const [stage, worker] of workers)
      expect({ stage, raw: worker.stderr().includes('Unhandled error event') }).toEqual({
        stage,
        raw: false,
      });
    // Nobody restarted anything: the very processes started before the outage did the work.
    for (const [stage, worker] of workers) {
      expect({ stage, exit: worker.child.exitCode, signal: worker.child.signalCode }).toEqual({
        stage,
        exit: null,
        signal: null,
      });
    }
  }, 300_000);
});

interface StageCounts {
  /** Waiting or running now (delayed jobs, due in minutes, are not counted). */
  busy: number;
  /** Failed for good. */
  failed: number;
}

async function queueCounts(queues: readonly Queue[]): Promise<Record<string, StageCounts>> {
  const counts: Record<string, StageCounts> = {};
  for (const queue of queues) {
    const n = await queue.getJobCounts('wait', 'active', 'prioritized', 'waiting-children', 'failed');
    counts[queue.name] = {
      busy: (n.wait ?? 0) + (n.active ?? 0) + (n.prioritized ?? 0) + (n['waiting-children'] ?? 0),
      failed: n.failed ?? 0,
    };
  }
  return counts;
}

/** Per stage, finished jobs that had stalled: their worker lost them and another took them over. */
async function stalledCounts(queues: readonly Queue[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const queue of queues) {
    const completed = await queue.getJobs(['completed']);
    counts[queue.name] = completed.filter((job) => job.stalledCounter > 0).length;
  }
  return counts;
}

/** Published posts the store does not have. */
async function missingIds(rig: FaultRig): Promise<string[]> {
  const missing: string[] = [];
  for (const id of rig.publishedIds()) if ((await rig.store.getPost(id)) === null) missing.push(id);
  return missing;
}

/** Rethrows a timed-out wait with what explains it: a detail, then the tail of each worker's output. */
function withLogs(logs: () => string, detail: () => Promise<string> = async () => '') {
  return async (error: Error): Promise<never> => {
    const more = await detail().catch((failure: Error) => `(no detail: ${failure.message})`);
    throw new Error(`${error.message}${more ? `: ${more}` : ''}; worker output:\n${logs()}`);
  };
}
