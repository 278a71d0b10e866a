import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import { createEvidenceTable } from '../../src/store/embedded/evidence-table.ts';
import {
  MOVED_TABLES,
  migrateRecords,
  moveRecordTables,
  RECORDS_SCHEMA_VERSION,
  recordsFileFor,
} from '../../src/store/embedded/records-schema.ts';
import { migrate, SCHEMA_VERSION } from '../../src/store/embedded/schema.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { testTokenizers } from '../helpers/search-tokenizers.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { storeContract } from './store-contract.ts';

const tokenizers = testTokenizers();
const tempDir = useTempDirs();
const openAt = (file: string) =>
  createEmbeddedStore({ file, tokenizeForIndex: tokenizers.forIndex, tokenizeForQuery: tokenizers.forQuery });

storeContract('embedded SQLite', async () => openAt(join(await tempDir(), 'data', 'wagewatch.sqlite')));
storeContract('embedded SQLite, evidence written from a thread', async () =>
  createEmbeddedStore({
    file: join(await tempDir(), 'data', 'wagewatch.sqlite'),
    tokenizeForIndex: tokenizers.forIndex,
    tokenizeForQuery: tokenizers.forQuery,
    evidenceThread: true,
  }),
);

describe('evidence written from a thread', () => {
  const capture = (post_id: string, text: string) => {
    const body = Buffer.from(text);
    return {
      post_id,
      url: `http://forum.test/${post_id}`,
      fetched_at: '2026-11-26T09:00:00+08:00',
      content_type: 'text/html',
      sha256: createHash('sha256').update(body).digest('hex'),
      body,
    };
  };

  it("answers each call for its own items, a bad one with SQLite's reason, and finishes what is in flight at close", async () => {
    const file = join(await tempDir(), 'threaded.sqlite');
    const store = createEmbeddedStore({
      file,
      tokenizeForIndex: tokenizers.forIndex,
      tokenizeForQuery: tokenizers.forQuery,
      evidenceThread: true,
    });
    const calls = Array.from({ length: 20 }, (_, n) =>
      store.putEvidence(capture(`forum:${n}`, `<p>第${n}页</p>`)),
    );
    const bad = store.putEvidence({ ...capture('forum:bad', '<p>坏</p>'), url: null as unknown as string });
    await expect(bad).rejects.toThrow(/NOT NULL constraint failed: captures.url/);
    await Promise.all(calls);
    // Written, not yet awaited: close waits for it.
    const last = store.putEvidence(capture('forum:last', '<p>最后</p>'));
    await store.close();
    await last;
    const again = openAt(file);
    for (const id of ['forum:0', 'forum:19', 'forum:last'])
      expect(await again.listEvidence(id)).toHaveLength(1);
    expect((await again.listEvidence('forum:7'))[0]?.body.toString()).toBe('<p>第7页</p>');
    expect(await again.listEvidence('forum:bad')).toEqual([]);
    await again.close();
  });
});

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
    const db = new Database(recordsFileFor(file));
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
    expect(db.prepare('SELECT count(*) AS n FROM page_bodies').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM captures').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM evidence_links').get()).toEqual({ n: 3 });
    db.close();
  });

  it('keeps one capture per post and body: the same page fetched again adds nothing', async () => {
    const store = openAt(join(await tempDir(), 'refetch.sqlite'));
    const capture = (fetched_at: string, text: string) => {
      const body = Buffer.from(text);
      return {
        post_id: 'forum:1',
        url: 'http://forum.test/list',
        fetched_at,
        content_type: 'text/html',
        sha256: createHash('sha256').update(body).digest('hex'),
        body,
      };
    };
    await store.putEvidence(capture('2026-11-26T09:00:00+08:00', '<p>第一版</p>'));
    await store.putEvidence(capture('2026-11-26T10:00:00+08:00', '<p>第一版</p>'));
    await store.putEvidence(capture('2026-11-26T11:00:00+08:00', '<p>编辑后</p>'));
    expect((await store.listEvidence('forum:1')).map((e) => [e.fetched_at, e.body.toString()])).toEqual([
      ['2026-11-26T09:00:00+08:00', '<p>第一版</p>'],
      ['2026-11-26T11:00:00+08:00', '<p>编辑后</p>'],
    ]);
    await store.close();
  });

  it('writes evidence handed over together in one transaction, and fails only the call with a bad item', async () => {
    const store = openAt(join(await tempDir(), 'group.sqlite'));
    const body = Buffer.from('<p>列表页</p>');
    const good = (post_id: string) => ({
      post_id,
      url: 'http://forum.test/list',
      fetched_at: '2026-11-26T09:00:00+08:00',
      content_type: 'text/html',
      sha256: createHash('sha256').update(body).digest('hex'),
      body,
    });
    // A NULL url breaks a NOT NULL column: that call's transaction fails; its neighbours' do not.
    const bad = { ...good('forum:bad'), url: null as unknown as string };
    const results = await Promise.allSettled([
      store.putEvidence(good('forum:1')),
      store.putEvidence(bad),
      store.putEvidence([good('forum:2'), good('forum:3')]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(
      /NOT NULL constraint failed: captures.url/,
    );
    for (const id of ['forum:1', 'forum:2', 'forum:3']) expect(await store.listEvidence(id)).toHaveLength(1);
    expect(await store.listEvidence('forum:bad')).toEqual([]);
    await store.close();
  });

  it('moves new post links to the post-keyed table in batches, and reads, dedupes and deletes across both', async () => {
    const file = join(await tempDir(), 'links.sqlite');
    await openAt(file).close();
    const db = new Database(file);
    const table = createEvidenceTable(db, { recentLinks: 5 });
    const page = (n: number, postIds: string[]) => {
      const body = Buffer.from(`<p>第${n}页</p>`);
      return postIds.map((post_id) => ({
        post_id,
        url: `http://forum.test/list?pn=${n}`,
        fetched_at: `2026-11-2${n}T09:00:00+08:00`,
        content_type: 'text/html',
        sha256: createHash('sha256').update(body).digest('hex'),
        body,
      }));
    };
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    await table.putMany(page(1, ['forum:a', 'forum:b', 'forum:c']));
    expect([count('evidence'), count('evidence_recent')]).toEqual([0, 3]);
    // The sixth link crosses the mark: all six move, in one transaction with the page's write.
    await table.putMany(page(2, ['forum:a', 'forum:d', 'forum:e']));
    expect([count('evidence'), count('evidence_recent')]).toEqual([6, 0]);
    await table.putMany(page(3, ['forum:a']));
    expect([count('evidence'), count('evidence_recent')]).toEqual([6, 1]);
    // forum:a is read from both tables; the same page again adds nothing for it.
    expect(table.list('forum:a').map((e) => e.body.toString())).toEqual([
      '<p>第1页</p>',
      '<p>第2页</p>',
      '<p>第3页</p>',
    ]);
    await table.putMany(page(2, ['forum:a']).map((e) => ({ ...e, fetched_at: '2026-11-26T10:00:00+08:00' })));
    expect(table.list('forum:a')).toHaveLength(3);
    // Deleting forum:a removes its links from both tables, then the captures left without posts.
    expect(table.deleteFor(['forum:a'], '2000-01-01T00:00:00.000Z')).toBe(3);
    expect(table.list('forum:a')).toEqual([]);
    expect(table.list('forum:d')).toHaveLength(1);
    expect(count('captures')).toBe(2);
    db.close();
  });

  it('upgrades version 3 evidence (a row per post) to captures, losing nothing', async () => {
    const file = join(await tempDir(), 'v3.sqlite');
    const db = new Database(file);
    db.exec(V1_SCHEMA);
    db.pragma('user_version = 1');
    // Migrations up to 3 never touch the records file.
    migrate(db, file, { tokenizeForIndex: tokenizers.forIndex, records: new Database(':memory:') }, 3);
    const page = Buffer.from('<p>列表页</p>');
    const edited = Buffer.from('<p>编辑后</p>');
    const sha = (body: Buffer) => createHash('sha256').update(body).digest('hex');
    const insertBody = db.prepare('INSERT INTO evidence_bodies (sha256, body) VALUES (?, ?)');
    insertBody.run(sha(page), gzipSync(page));
    insertBody.run(sha(edited), gzipSync(edited));
    const insert = db.prepare('INSERT INTO evidence VALUES (?, ?, ?, ?, ?)');
    insert.run('forum:1', sha(page), 'http://forum.test/list', '2026-11-26T01:00:00.000Z', 'text/html');
    insert.run('forum:2', sha(page), 'http://forum.test/list', '2026-11-26T01:00:00.000Z', 'text/html');
    insert.run('forum:1', sha(edited), 'http://forum.test/1', '2026-11-26T02:00:00.000Z', null);
    db.close();

    const store = openAt(file);
    expect(
      (await store.listEvidence('forum:1')).map((e) => [e.url, e.fetched_at, e.body.toString()]),
    ).toEqual([
      ['http://forum.test/list', '2026-11-26T09:00:00+08:00', '<p>列表页</p>'],
      ['http://forum.test/1', '2026-11-26T10:00:00+08:00', '<p>编辑后</p>'],
    ]);
    expect(await store.listEvidence('forum:2')).toHaveLength(1);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT count(*) AS n FROM captures').get()).toEqual({ n: 2 });
    check.close();
  });

  it('keeps records, the audit log and the alert ledger in a file of their own beside the posts', async () => {
    const file = join(await tempDir(), 'split.sqlite');
    const store = openAt(file);
    await store.upsertPosts([stored(samplePost('1', '拖欠工资'))]);
    await store.putRecord('lead', 'L1', { n: 1 }, null, {
      at: '2026-11-26T09:00:00+08:00',
      actor: 'a',
      action: 'lead.create',
      target_kind: 'lead',
      target_id: 'L1',
    });
    await store.recordAlert({
      key: 'k1',
      post_id: '1',
      level: 'red',
      title: 't',
      created_at: '2026-11-26T09:00:00Z',
    });
    await store.close();
    const posts = new Database(file, { readonly: true });
    const tables = (db: Database.Database) =>
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      );
    expect(tables(posts)).toContain('posts');
    expect(tables(posts)).not.toContain('records');
    posts.close();
    const records = new Database(recordsFileFor(file), { readonly: true });
    expect(tables(records)).toEqual(expect.arrayContaining([...MOVED_TABLES]));
    expect(records.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(records.prepare('SELECT kind, id, version FROM records').all()).toEqual([
      { kind: 'lead', id: 'L1', version: 1 },
    ]);
    records.close();
  });

  it('writes several records in one transaction: a stale one among them leaves every record and entry as it was', async () => {
    const store = openAt(join(await tempDir(), 'batch.sqlite'));
    const a = await store.putRecord('lead', 'A', { n: 1 }, null);
    await store.putRecord('lead', 'B', { n: 1 }, null);
    const entry = {
      at: '2026-11-26T09:00:00+08:00',
      actor: 'x',
      action: 'merge',
      target_kind: 'lead',
      target_id: 'A',
    };
    await expect(
      store.putRecords([
        { kind: 'lead-intake', id: 'i1', data: { lead_id: 'A' }, expectedVersion: null, audit: [] },
        { kind: 'lead', id: 'A', data: { n: 2 }, expectedVersion: a.version, audit: [entry] },
        // B was written since it was read (version 1 now, not "none"): the whole batch is refused.
        { kind: 'lead', id: 'B', data: { n: 2 }, expectedVersion: null, audit: [] },
      ]),
    ).rejects.toThrow(/lead B: expected version \(none\)/);
    expect(await store.getRecord('lead-intake', 'i1')).toBeNull();
    expect((await store.getRecord('lead', 'A'))?.data).toEqual({ n: 1 });
    expect(await store.listAudit({ target_id: 'A' })).toEqual([]);
    await store.close();
  });

  it('upgrades a version 5 file: its records, audit entries and alerts move to the records file whole', async () => {
    const file = join(await tempDir(), 'v5.sqlite');
    await buildVersion5File(file);
    const store = openAt(file);
    expect((await store.getRecord('lead', 'L1'))?.data).toEqual({ title: '老王欠薪' });
    expect((await store.getRecord('lead', 'L1'))?.version).toBe('3');
    expect((await store.listAudit({})).map((e) => [e.actor, e.action])).toEqual([
      ['clerk', 'lead.create'],
      ['clerk', 'lead.assign'],
    ]);
    expect(await store.countAlerts()).toBe(1);
    expect((await store.listDeliveries('k1')).map((d) => d.status)).toEqual(['failed', 'delivered']);
    // Writes go on where the rows went, numbered after them.
    await store.appendAudit({
      at: '2026-11-27T09:00:00+08:00',
      actor: 'b',
      action: 'x',
      target_kind: 'lead',
      target_id: 'L1',
    });
    expect((await store.listAudit({})).map((e) => e.actor)).toEqual(['clerk', 'clerk', 'b']);
    await store.close();
    const posts = new Database(file, { readonly: true });
    expect(posts.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(posts.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'records'").get()).toEqual({
      n: 0,
    });
    posts.close();
  });

  it('makes an interrupted move again without copying a row twice', async () => {
    const file = join(await tempDir(), 'v5.sqlite');
    await buildVersion5File(file);
    // The copy was committed to the records file, and then the process died before the posts
    // file dropped its tables: a copy of the file, moved, gives the records file that state.
    const records = new Database(recordsFileFor(file));
    migrateRecords(records, recordsFileFor(file));
    const moved = new Database(file);
    moved.transaction(() => moveRecordTables(moved, records))();
    moved.close();
    records.close();
    await buildVersion5File(file);
    const store = openAt(file);
    expect((await store.listAudit({})).map((e) => e.action)).toEqual(['lead.create', 'lead.assign']);
    expect((await store.listDeliveries('k1')).map((d) => d.status)).toEqual(['failed', 'delivered']);
    await store.close();
  });

  it('refuses a file written by a newer release, saying what to do', async () => {
    const file = join(await tempDir(), 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAt(file)).toThrow(/written by a newer release. Upgrade wagewatch/);
  });

  it('refuses a records file written by a newer release, naming it', async () => {
    const file = join(await tempDir(), 'newer-records.sqlite');
    const db = new Database(recordsFileFor(file));
    db.pragma(`user_version = ${RECORDS_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openAt(file)).toThrow(
      /-records\.sqlite has records schema version 2, but this wagewatch knows only up to 1/,
    );
  });
});

/** A posts file as release 5 left it, with records, audit entries and alerts inside (replaced if there). */
async function buildVersion5File(file: string): Promise<void> {
  const { rmSync } = await import('node:fs');
  rmSync(file, { force: true });
  const db = new Database(file);
  db.exec(V1_SCHEMA);
  db.pragma('user_version = 1');
  migrate(db, file, { tokenizeForIndex: tokenizers.forIndex, records: new Database(':memory:') }, 5);
  db.prepare("INSERT INTO records VALUES ('lead', 'L1', 3, ?, '2026-11-26T01:00:00Z')").run(
    JSON.stringify({ title: '老王欠薪' }),
  );
  const audit = db.prepare(
    "INSERT INTO audit (at, actor, action, target_kind, target_id) VALUES (?, 'clerk', ?, 'lead', 'L1')",
  );
  audit.run('2026-11-26T09:00:00+08:00', 'lead.create');
  audit.run('2026-11-26T10:00:00+08:00', 'lead.assign');
  db.prepare("INSERT INTO alerts VALUES ('k1', 'p1', 'red', '塔吊讨薪', '2026-11-26T01:00:00Z')").run();
  const delivery = db.prepare("INSERT INTO alert_deliveries VALUES ('k1', 'duty', ?, ?, '', ?)");
  delivery.run('failed', 1, '2026-11-26T01:00:01Z');
  delivery.run('delivered', 2, '2026-11-26T01:00:05Z');
  db.close();
}

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
