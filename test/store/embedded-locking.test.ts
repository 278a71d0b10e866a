import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConflictError, TransientError } from '../../src/errors.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { toStoreError, withStoreErrors } from '../../src/store/embedded/sqlite-errors.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

const EVIDENCE = {
  post_id: 'forum:1',
  url: 'https://forum.example.cn/t/1',
  fetched_at: '2026-11-26T10:00:00+08:00',
  content_type: 'text/html',
  sha256: 'a'.repeat(64),
  body: Buffer.from('<p>拖欠工资</p>'),
};

/**
 * Another connection, as another process would, holds the write lock; a timer lets it go.
 * Only a store that waits without blocking lets that timer run. Resolves once released.
 */
function holdWriteLock(file: string, ms: number): Promise<void> {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      other.close();
      resolve();
    }, ms),
  );
}

describe('embedded store under another writer', () => {
  it('waits for the write lock without holding up the process, then writes', async () => {
    const file = join(await tempDir(), 'wagewatch.sqlite');
    const store = createEmbeddedStore({ file, tokenizeForIndex: (t) => [t], tokenizeForQuery: (t) => [t] });
    void holdWriteLock(file, 300);
    // Upsert and evidence read before they write: they must wait, not fail at once.
    expect(await store.upsertPosts([stored(samplePost('1', '拖欠工资'))])).toEqual(['inserted']);
    void holdWriteLock(file, 300);
    await store.putEvidence(EVIDENCE);
    expect(await store.countPosts()).toBe(1);
    expect(await store.listEvidence('forum:1')).toHaveLength(1);
    await store.close();
  });

  it('waits for the lock from its evidence thread too: the thread answers SQLITE_BUSY and the store retries', async () => {
    const file = join(await tempDir(), 'wagewatch.sqlite');
    const store = createEmbeddedStore({
      file,
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
      evidenceThread: true,
    });
    const released = holdWriteLock(file, 400);
    await store.putEvidence(EVIDENCE);
    await released;
    expect(await store.listEvidence('forum:1')).toHaveLength(1);
    await store.close();
  });

  it('gives up after its wait with the transient store_unavailable error', async () => {
    const store = createEmbeddedStore({
      file: join(await tempDir(), 'wagewatch.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    let tries = 0;
    const locked = withStoreErrors(
      {
        ...store,
        countPosts: async () => {
          tries++;
          throw busy;
        },
      },
      200,
    );
    const error = await locked.countPosts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('store_unavailable');
    expect(tries).toBeGreaterThan(1);
    await store.close();
  });

  it.each([
    ['SQLITE_BUSY', true],
    ['SQLITE_BUSY_SNAPSHOT', true],
    ['SQLITE_IOERR_WRITE', true],
    ['SQLITE_FULL', true],
    ['SQLITE_READONLY', true],
    ['SQLITE_CONSTRAINT_UNIQUE', false],
    ['SQLITE_ERROR', false],
  ])('maps %s to the transient store_unavailable error: %s', (code, unavailable) => {
    const error = Object.assign(new Error('database is locked'), { code });
    const mapped = toStoreError('upsertPosts', error);
    expect(mapped instanceof TransientError && mapped.code === 'store_unavailable').toBe(unavailable);
    if (!unavailable) expect(mapped).toBe(error);
  });

  it('leaves project errors alone', () => {
    const conflict = new ConflictError('event e1: expected version 1 but it is 2');
    expect(toStoreError('putRecord', conflict)).toBe(conflict);
  });
});
