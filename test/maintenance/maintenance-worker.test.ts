import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listCases } from '../../src/cases/review-queue.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import type { Lead } from '../../src/leads/lead-record.ts';
import { ladderConfigSchema } from '../../src/leads/supervision-ladder.ts';
import { createWorkingCalendar } from '../../src/leads/working-days.ts';
import { createSilentLogger } from '../../src/logger.ts';
import {
  createMaintenance,
  type Maintenance,
  RETENTION_SCHEDULE,
  SUPERVISION_EVERY_MS,
} from '../../src/maintenance/maintenance-worker.ts';
import { createRedisOperationsLedger } from '../../src/maintenance/operations-ledger.ts';
import { runRetention } from '../../src/maintenance/retention.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { connectTestRedis, uniquePrefix } from '../helpers/redis.ts';
import { sampleLead } from '../helpers/sample-leads.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { testTokenizers } from '../helpers/search-tokenizers.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { waitFor } from '../helpers/wait-for.ts';

const tempDir = useTempDirs();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function storeWithOldAndNewPosts(now: Date): Promise<Store> {
  const { forIndex, forQuery } = testTokenizers();
  const store = createEmbeddedStore({
    file: join(await tempDir(), 'wagewatch.sqlite'),
    tokenizeForIndex: forIndex,
    tokenizeForQuery: forQuery,
  });
  const daysAgo = (days: number) => toShanghaiIso(new Date(now.getTime() - days * 86_400_000));
  await store.upsertPosts([
    stored(samplePost('old', '去年的欠薪帖', { published_at: daysAgo(40) })),
    stored(samplePost('new', '昨天的欠薪帖', { published_at: daysAgo(1) })),
  ]);
  return store;
}

describe('retention', () => {
  it('deletes posts older than the period, keeps newer ones, and audits the run', async () => {
    const now = new Date('2026-11-26T12:00:00+08:00');
    const store = await storeWithOldAndNewPosts(now);
    cleanups.push(() => store.close());
    const run = await runRetention(store, 30, now);
    expect(run).toEqual({ cutoff: '2026-10-27T12:00:00+08:00', posts: 1, evidence: 0 });
    expect(await store.getPost('forum:old')).toBeNull();
    expect(await store.getPost('forum:new')).not.toBeNull();
    expect(await store.listAudit({ target_kind: 'posts' })).toEqual([
      expect.objectContaining({ actor: 'system', action: 'retention', reason: 'retention_days = 30' }),
    ]);
  });

  it('runs nightly through one BullMQ job scheduler, whichever process takes the job', async () => {
    const store = await storeWithOldAndNewPosts(new Date());
    const redis = connectTestRedis();
    const make = (): Maintenance =>
      createMaintenance({
        connection: redis,
        prefix: uniquePrefix('maint'),
        store,
        retentionDays: 30,
        logger: createSilentLogger(),
      });
    const maintenance = make();
    cleanups.push(
      () => store.close(),
      () => redis.quit(),
      () => maintenance.close(),
    );
    await maintenance.schedule();
    await maintenance.schedule(); // every process schedules at start; still one scheduler
    const schedulers = await maintenance.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: RETENTION_SCHEDULE.pattern, tz: 'Asia/Shanghai' });

    maintenance.start();
    await maintenance.queue.add('retention', { v: 1, task: 'retention' });
    await waitFor('the old post to be deleted', async () => (await store.getPost('forum:old')) === null);
    expect(await store.countPosts()).toBe(1);
  });
});

describe('lead supervision in maintenance', () => {
  it('is scheduled every 15 minutes, moves overdue leads up the ladder and fills the review queue', async () => {
    const store = createEmbeddedStore({
      file: join(await tempDir(), 'wagewatch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    const overdue = sampleLead('verifying');
    overdue.work.due_at = '2026-11-02T23:59:59+08:00';
    overdue.facts.risks = ['mass_gathering'];
    await store.putRecord('lead', overdue.id, overdue, null);
    const redis = connectTestRedis();
    const prefix = uniquePrefix('maint-leads');
    const told: string[] = [];
    const channel = {
      name: 'leading-group',
      limits: { messages: 100, perMs: 1000, maxBytes: 100_000 },
      send: async () => {},
      notify: async (notice: { kind: string }) => void told.push(notice.kind),
    };
    const maintenance = createMaintenance({
      connection: redis,
      prefix,
      store,
      retentionDays: 30,
      supervision: {
        store,
        calendar: createWorkingCalendar({ covered_years: [], holidays: [], workdays: [] }),
        ladder: ladderConfigSchema.parse({}),
        channelsFor: () => [channel],
        ledger: createRedisOperationsLedger(redis, prefix),
        now: () => new Date('2026-11-26T10:00:00+08:00'),
      },
      logger: createSilentLogger(),
    });
    cleanups.push(
      () => store.close(),
      () => redis.quit(),
      () => maintenance.close(),
    );
    await maintenance.schedule();
    const schedulers = await maintenance.queue.getJobSchedulers();
    expect(schedulers.find((s) => s.key === 'lead-supervision')).toMatchObject({
      every: SUPERVISION_EVERY_MS,
    });
    maintenance.start();
    await maintenance.queue.add('lead-supervision', { v: 1, task: 'lead-supervision' });
    await waitFor('the overdue lead listed', async () => told.includes('lead_listed'));
    expect((await store.getRecord<Lead>('lead', overdue.id))?.data.work.supervision.step).toBe('listed');
    await waitFor('the case queued', async () => (await listCases(store)).length === 1);
    expect((await listCases(store))[0]?.subject).toEqual({ kind: 'lead', id: overdue.id });
  });
});
