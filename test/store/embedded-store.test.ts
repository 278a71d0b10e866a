import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { SCHEMA_VERSION } from '../../src/store/embedded/schema.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { testTokenizers } from '../helpers/search-tokenizers.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { storeContract } from './store-contract.ts';

const tokenizers = testTokenizers();
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

  it('upgrades a version 1 file with posts in it: filters, tags and search work afterwards', async () => {
    const file = join(await tempDir(), 'v1.sqlite');
    const db = new Database(file);
    // The schema and a row exactly as release 1 wrote them.
    db.exec(V1_SCHEMA);
    const post = samplePost('old', '河口镇工地拖欠工资', { published_at: '2026-11-20T09:00:00+08:00' });
    const classification = {
      lead: true,
      resolved: false,
      categories: ['wage_arrears'],
      risks: ['criminal'],
      town: '河口镇',
      level: 'orange',
      score: 70,
      hits: [],
    };
    db.prepare(
      "INSERT INTO posts (id, source, url, published_at, content_hash, lead, level, post_json, classification_json, stored_at) VALUES (?, 'forum', ?, ?, 'h', 1, 'orange', ?, ?, '2026-11-20T01:00:00Z')",
    ).run(post.id, post.url, post.published_at, JSON.stringify(post), JSON.stringify(classification));
    db.pragma('user_version = 1');
    db.close();

    const store = openAt(file);
    expect(
      (await store.searchPosts({ text: '工资', towns: ['河口镇'], risks: ['criminal'] })).hits.map(
        (h) => h.post.id,
      ),
    ).toEqual([post.id]);
    expect(await store.countPosts({ since: '2026-11-01T00:00:00+08:00', lead: true })).toBe(1);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('refuses to change or delete audit entries, even with SQL', async () => {
    const file = join(await tempDir(), 'audit.sqlite');
    const store = openAt(file);
    await store.appendAudit({
      at: '2026-11-26T09:00:00+08:00',
      actor: 'a',
      action: 'unmask',
      target_kind: 'lead',
      target_id: 'L1',
    });
    await store.close();
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit SET actor = 'someone else'").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/cannot be deleted/);
    db.close();
  });

  it('upgrades an empty older file', async () => {
    const file = join(await tempDir(), 'old.sqlite');
    new Database(file).close();
    const store = openAt(file);
    expect(await store.countPosts()).toBe(0);
    await store.close();
  });

  it('keeps a page body once however many posts it is the evidence of', async () => {
    const file = join(await tempDir(), 'evidence.sqlite');
    const store = openAt(file);
    const body = Buffer.from('<html>列表页：十条帖子</html>');
    const sha256 = createHash('sha256').update(body).digest('hex');
    for (const id of ['forum:1', 'forum:2', 'forum:3'])
      await store.putEvidence({
        post_id: id,
        url: 'http://forum.test/list',
        fetched_at: '2026-11-26T09:00:00+08:00',
        content_type: 'text/html',
        sha256,
        body,
      });
    expect((await store.listEvidence('forum:2'))[0]?.body.toString()).toBe(body.toString());
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM evidence_bodies').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM evidence').get()).toEqual({ n: 3 });
    db.close();
  });

  it('refuses a file written by a newer release, saying what to do', async () => {
    const file = join(await tempDir(), 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAt(file)).toThrow(/written by a newer release. Upgrade wagewatch/);
  });
});

/** Release 1's schema, kept here as a fixture for the upgrade test. */
const V1_SCHEMA = `
  CREATE TABLE posts (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, url TEXT NOT NULL,
    published_at TEXT NOT NULL, content_hash TEXT NOT NULL, lead INTEGER NOT NULL, level TEXT NOT NULL,
    post_json TEXT NOT NULL, classification_json TEXT NOT NULL, stored_at TEXT NOT NULL
  );
  CREATE INDEX posts_published ON posts (published_at);
  CREATE INDEX posts_level ON posts (level, published_at);
  CREATE VIRTUAL TABLE post_words USING fts5(words, content = '', contentless_delete = 1);
  CREATE TABLE alerts (key TEXT PRIMARY KEY, post_id TEXT NOT NULL, level TEXT NOT NULL, title TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX alerts_post ON alerts (post_id);
  CREATE TABLE alert_deliveries (
    alert_key TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL
  );
  CREATE INDEX alert_deliveries_key ON alert_deliveries (alert_key);
`;

describe('relevance ranking', () => {
  it('puts the post that says the words most, and in its title, first', async () => {
    const { rankByRelevance } = await import('../../src/store/embedded/relevance.ts');
    const once = stored(samplePost('once', '工地的事，讨薪一次'));
    const often = stored(samplePost('often', '讨薪讨薪，还是讨薪，讨薪'));
    const titled = stored(samplePost('titled', '说说这件事', { title: '讨薪' }));
    expect(rankByRelevance([once, often, titled], ['讨薪']).map((i) => i.post.id)).toEqual([
      'forum:often',
      'forum:titled',
      'forum:once',
    ]);
  });
});
