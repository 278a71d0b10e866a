import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { recordsFileFor } from '../../src/store/embedded/records-schema.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';
import {
  duplicates,
  type FaultRig,
  STAGES,
  startFaultRig,
  untilAlertsDelivered,
  untilAllStored,
  type Worker,
} from './fault-rig.ts';

const POSTS = 600;
const OUTAGE_MS = 30_000;
const tempDir = useTempDirs();

/**
 * Takes the embedded store's write locks from outside, as a backup tool or a `sqlite3` shell
 * would: the posts file's and the records file's. The store runs in WAL mode, where `BEGIN
 * EXCLUSIVE` blocks every writer (each waits out its busy_timeout of 10 s, then gets
 * SQLITE_BUSY) while readers go on.
 */
function lockStore(dataDir: string): { release(): void } {
  const postsFile = join(dataDir, 'wagewatch.sqlite');
  const files = [postsFile, recordsFileFor(postsFile)].map((file) => {
    const db = new Database(file);
    // A worker may be in the middle of a write: wait for it, as the workers wait for each other.
    db.pragma('busy_timeout = 20000');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  });
  return {
    release() {
      for (const db of files) {
        db.exec('ROLLBACK');
        db.close();
      }
    },
  };
}

describe('the store unavailable for 30 s (embedded file locked)', () => {
  let rig: FaultRig | null = null;
  afterEach(async () => {
    await rig?.close();
    rig = null;
  });

  it('jobs wait and retry, the backlog drains after, nothing is lost, and the operators are told', async () => {
    // A backlog to start with, and posts still appearing through the outage.
    rig = await startFaultRig(await tempDir(), { posts: POSTS, backlog: 150, perSecond: 10 });
    const { store, receiver, operations } = rig;
    const workers: Worker[] = STAGES.map((stage) => (rig as FaultRig).spawnWorker(stage));
    const logs = () => workers.map((w, i) => `${STAGES[i]}:\n${w.stderr()}${w.stdout()}`).join('\n');

    await waitFor('the first posts stored', async () => (await store.countPosts()) >= 50, 90_000);
    const lock = lockStore(rig.dataDir);
    const lockedAt = Date.now();
    // The system watch runs once a minute: it tells of the failures the workers met since its last
    // run, so the notice may come during the outage or just after it.
    const told = waitFor(
      'an operations notice that the store is unreachable',
      () => operations.arrivals.find((key) => key.startsWith('ops:store:store_unreachable:')),
      OUTAGE_MS + 150_000,
    ).then((key) => ({ key, afterLockMs: Date.now() - lockedAt }));
    told.catch(() => {}); // awaited below, after the drain
    const storedAtLock = await store.countPosts();
    const publishedAtLock = rig.site.published();
    // The one fixed wait: the outage itself.
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const storedAtRelease = await store.countPosts();
    lock.release();
    const releasedAt = Date.now();

    await untilAllStored(rig, POSTS, 120_000, () => `worker logs:\n${logs()}`);
    const drainedMs = Date.now() - releasedAt;
    const notice = await told.catch((error) => {
      throw new Error(`${error.message}; the operators heard: ${operations.arrivals.join(', ')}`);
    });
    await untilAlertsDelivered(rig);
    console.info(
      `store locked for ${OUTAGE_MS / 1000} s at ${storedAtLock}/${POSTS} stored (${publishedAtLock} published): ` +
        `all ${POSTS} stored ${drainedMs} ms after the release; the operators were told ${notice.afterLockMs} ms ` +
        `after the lock (${operations.arrivals.join(', ')}); ${receiver.arrivals.length} alerts delivered`,
    );

    expect(storedAtRelease, 'nothing is stored while the file is locked').toBe(storedAtLock);
    const ids = rig.publishedIds();
    expect(ids).toHaveLength(POSTS);
    for (const id of ids) expect(await store.getPost(id), id).not.toBeNull();
    expect(await rig.failedJobs()).toEqual(Object.fromEntries(STAGES.map((stage) => [stage, 0])));
    expect(notice.key).toMatch(/^ops:store:store_unreachable:\d+$/);
    expect(duplicates(receiver.arrivals)).toEqual([]);
    for (const worker of workers) expect(worker.child.exitCode, worker.stderr()).toBeNull();
  });
});
