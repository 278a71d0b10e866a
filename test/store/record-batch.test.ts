import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { createRecordBatch } from '../../src/store/record-batch.ts';
import type { RecordWrite, Store } from '../../src/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const audit = (id: string, action: string) => ({
  at: '2026-11-26T09:00:00+08:00',
  actor: '系统（网络舆情）',
  action,
  target_kind: 'lead',
  target_id: id,
});

describe('record batch', () => {
  let store: Store;
  /** Every putRecords call the store received, to see what was committed and when. */
  let commits: (readonly RecordWrite[])[];
  beforeEach(async () => {
    const real = createEmbeddedStore({
      file: join(await tempDir(), 'batch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    commits = [];
    store = {
      ...real,
      putRecords: async (writes) => {
        commits.push(writes);
        return real.putRecords(writes);
      },
    };
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads its own writes, writes nothing before the commit, then each record once as it ends', async () => {
    const lead = await store.putRecord('lead', 'L1', { reports: 1 }, null);
    const batch = createRecordBatch(store);
    const claim = await batch.records.putRecord('lead-intake', 'i2', { lead_id: 'L1' }, null);
    const read = await batch.records.getRecord<{ reports: number }>('lead', 'L1');
    const second = await batch.records.putRecord(
      'lead',
      'L1',
      { reports: 2 },
      read?.version ?? null,
      audit('L1', 'm2'),
    );
    const third = await batch.records.putRecord(
      'lead',
      'L1',
      { reports: 3 },
      second.version,
      audit('L1', 'm3'),
    );
    expect((await batch.records.getRecord('lead', 'L1'))?.data).toEqual({ reports: 3 });
    expect((await batch.records.getRecord('lead-intake', 'i2'))?.version).toBe(claim.version);
    expect((await store.getRecord('lead', 'L1'))?.data).toEqual({ reports: 1 });
    expect(await store.getRecord('lead-intake', 'i2')).toBeNull();
    expect(commits).toEqual([]);

    await batch.commit();
    expect(commits).toHaveLength(1);
    expect(commits[0]?.map((w) => [w.kind, w.id, w.expectedVersion, w.audit.map((e) => e.action)])).toEqual([
      ['lead-intake', 'i2', null, []],
      ['lead', 'L1', lead.version, ['m2', 'm3']],
    ]);
    expect((await store.getRecord('lead', 'L1'))?.data).toEqual({ reports: 3 });
    expect(third.version).not.toBe(lead.version);
    expect((await store.listAudit({ target_id: 'L1' })).map((e) => e.action)).toEqual(['m2', 'm3']);
  });

  it('refuses a write at a version it did not read, and lets the caller read the store afresh', async () => {
    const lead = await store.putRecord('lead', 'L1', { reports: 1 }, null);
    const batch = createRecordBatch(store);
    const read = await batch.records.getRecord('lead', 'L1');
    // Someone else writes after the batch read it: the batch's copy is now stale.
    const other = await store.putRecord('lead', 'L1', { reports: 5 }, lead.version);
    await expect(
      batch.records.putRecord('lead', 'L1', { reports: 2 }, 'not-read', undefined),
    ).rejects.toBeInstanceOf(ConflictError);
    // The refusal forgot the stale copy: a re-read sees the other writer's change.
    const again = await batch.records.getRecord('lead', 'L1');
    expect(again?.version).toBe(other.version);
    expect(read?.version).toBe(lead.version);
    await batch.records.putRecord('lead', 'L1', { reports: 6 }, again?.version ?? null);
    await batch.commit();
    expect((await store.getRecord('lead', 'L1'))?.data).toEqual({ reports: 6 });
  });

  it('fails the commit, writing nothing, when another writer changed a record it read', async () => {
    const lead = await store.putRecord('lead', 'L1', { reports: 1 }, null);
    const batch = createRecordBatch(store);
    await batch.records.putRecord('lead-intake', 'i2', { lead_id: 'L1' }, null);
    const read = await batch.records.getRecord('lead', 'L1');
    await batch.records.putRecord('lead', 'L1', { reports: 2 }, read?.version ?? null, audit('L1', 'm2'));
    await store.putRecord('lead', 'L1', { reports: 1, assigned: true }, lead.version);
    await expect(batch.commit()).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getRecord('lead', 'L1'))?.data).toEqual({ reports: 1, assigned: true });
    expect(await store.getRecord('lead-intake', 'i2')).toBeNull();
    expect(await store.listAudit({ target_id: 'L1' })).toEqual([]);
  });

  it('is used up by its commit, and commits nothing when nothing was written', async () => {
    const batch = createRecordBatch(store);
    expect(await batch.records.getRecord('lead', 'none')).toBeNull();
    await batch.commit();
    expect(commits).toEqual([]);
    await expect(batch.records.getRecord('lead', 'none')).rejects.toThrow('used up by its commit');
    await expect(batch.commit()).rejects.toThrow('used up by its commit');
  });
});
