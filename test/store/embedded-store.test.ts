import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { SCHEMA_VERSION } from '../../src/store/embedded/migrations.ts';
import { createSearchTokenizers } from '../../src/store/search-tokens.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { storeContract } from './store-contract.ts';

const tokenizers = createSearchTokenizers(createJiebaSegmenter());
const tempDir = useTempDirs();
const openAt = (file: string) =>
  createEmbeddedStore({ file, tokenizeForIndex: tokenizers.forIndex, tokenizeForQuery: tokenizers.forQuery });

storeContract('embedded SQLite', async () => openAt(join(await tempDir(), 'data', 'wagewatch.sqlite')));

describe('embedded store file', () => {
  it('uses WAL and survives a reopen', async () => {
    const file = join(await tempDir(), 'wagewatch.sqlite');
    const store = openAt(file);
    await store.upsertPosts([stored(samplePost('1', '拖欠工资'))]);
    await store.close();
    const again = openAt(file);
    expect(await again.countPosts()).toBe(1);
    expect((await again.searchPosts({ text: '工资' })).total).toBe(1);
    await again.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('upgrades an empty older file', async () => {
    const file = join(await tempDir(), 'old.sqlite');
    new Database(file).close();
    const store = openAt(file);
    expect(await store.countPosts()).toBe(0);
    await store.close();
  });

  it('refuses a file written by a newer release, saying what to do', async () => {
    const file = join(await tempDir(), 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAt(file)).toThrow(/written by a newer release. Upgrade wagewatch/);
  });
});
