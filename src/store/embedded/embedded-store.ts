import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SearchTokenizer } from '../search-tokens.ts';
import type { AlertRecord, DeliveryRecord, SearchQuery, Store, StoredPost, UpsertOutcome } from '../store.ts';
import { migrate } from './migrations.ts';
import { buildSearch } from './search-sql.ts';

export interface EmbeddedStoreOptions {
  /** The SQLite file; created with its folder when missing. */
  file: string;
  tokenizeForIndex: SearchTokenizer;
  tokenizeForQuery: SearchTokenizer;
}

interface PostRow {
  seq: number;
  content_hash: string;
  classification_json: string;
  post_json: string;
}

/** The single-machine default: one SQLite file in WAL mode, full-text search over jieba words. */
export function createEmbeddedStore(options: EmbeddedStoreOptions): Store {
  mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // Several worker processes may share the file; wait for a writer instead of failing at once.
  db.pragma('busy_timeout = 10000');
  migrate(db, options.file);

  const statements = {
    find: db.prepare<[string], PostRow>(
      'SELECT seq, content_hash, classification_json, post_json FROM posts WHERE id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO posts (id, source, url, published_at, content_hash, lead, level, post_json, classification_json, stored_at)
       VALUES (@id, @source, @url, @published_at, @content_hash, @lead, @level, @post_json, @classification_json, @stored_at)`,
    ),
    update: db.prepare(
      `UPDATE posts SET url = @url, published_at = @published_at, content_hash = @content_hash, lead = @lead, level = @level,
       post_json = @post_json, classification_json = @classification_json, stored_at = @stored_at WHERE id = @id`,
    ),
    insertWords: db.prepare('INSERT INTO post_words (rowid, words) VALUES (?, ?)'),
    deleteWords: db.prepare('DELETE FROM post_words WHERE rowid = ?'),
    countPosts: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM posts'),
    scan: db.prepare<[number, number], PostRow>(
      'SELECT seq, content_hash, classification_json, post_json FROM posts WHERE seq > ? ORDER BY seq LIMIT ?',
    ),
    insertAlert: db.prepare(
      'INSERT OR IGNORE INTO alerts (key, post_id, level, title, created_at) VALUES (@key, @post_id, @level, @title, @created_at)',
    ),
    countAlerts: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alerts'),
    alertsForPost: db.prepare<[string], AlertRecord>(
      'SELECT * FROM alerts WHERE post_id = ? ORDER BY created_at',
    ),
    insertDelivery: db.prepare(
      'INSERT INTO alert_deliveries (alert_key, channel, status, attempt, detail, at) VALUES (@alert_key, @channel, @status, @attempt, @detail, @at)',
    ),
    deliveries: db.prepare<[string], DeliveryRecord>(
      'SELECT * FROM alert_deliveries WHERE alert_key = ? ORDER BY rowid',
    ),
  };

  const upsertOne = (item: StoredPost): UpsertOutcome => {
    const classificationJson = JSON.stringify(item.classification);
    const row = {
      id: item.post.id,
      source: item.post.source,
      url: item.post.url,
      published_at: item.post.published_at,
      content_hash: item.content_hash,
      lead: item.classification.lead ? 1 : 0,
      level: item.classification.level,
      post_json: JSON.stringify(item.post),
      classification_json: classificationJson,
      stored_at: new Date().toISOString(),
    };
    const existing = statements.find.get(item.post.id);
    if (!existing) {
      const { lastInsertRowid } = statements.insert.run(row);
      statements.insertWords.run(lastInsertRowid, wordsOf(item));
      return 'inserted';
    }
    if (existing.content_hash === item.content_hash && existing.classification_json === classificationJson) {
      return 'unchanged';
    }
    statements.update.run(row);
    if (existing.content_hash !== item.content_hash) {
      statements.deleteWords.run(existing.seq);
      statements.insertWords.run(existing.seq, wordsOf(item));
    }
    return 'updated';
  };
  const wordsOf = (item: StoredPost) =>
    options.tokenizeForIndex(`${item.post.title ?? ''} ${item.post.text}`).join(' ');
  const upsertMany = db.transaction((items: readonly StoredPost[]) => items.map(upsertOne));

  return {
    upsertPosts: async (items) => upsertMany(items),
    async getPost(id) {
      const row = statements.find.get(id);
      return row ? toStoredPost(row) : null;
    },
    async searchPosts(query: SearchQuery) {
      const search = buildSearch(query, options.tokenizeForQuery(query.text));
      if (!search) return { total: 0, hits: [] };
      const total = (db.prepare(search.countSql).get(...search.params) as { n: number }).n;
      const rows = db.prepare(search.pageSql).all(...search.params, search.limit, search.offset) as PostRow[];
      return { total, hits: rows.map(toStoredPost) };
    },
    countPosts: async () => statements.countPosts.get()?.n ?? 0,
    async *scanPosts(batchSize) {
      let after = 0;
      for (;;) {
        const rows = statements.scan.all(after, batchSize);
        if (rows.length === 0) return;
        after = (rows.at(-1) as PostRow).seq;
        yield rows.map(toStoredPost);
      }
    },
    recordAlert: async (alert: AlertRecord) => statements.insertAlert.run(alert).changes === 1,
    countAlerts: async () => statements.countAlerts.get()?.n ?? 0,
    alertsForPost: async (postId) => statements.alertsForPost.all(postId),
    recordDelivery: async (delivery) => void statements.insertDelivery.run(delivery),
    listDeliveries: async (alertKey) => statements.deliveries.all(alertKey),
    async close() {
      if (db.open) db.close();
    },
  };
}

function toStoredPost(row: PostRow): StoredPost {
  return {
    post: JSON.parse(row.post_json),
    classification: JSON.parse(row.classification_json),
    content_hash: row.content_hash,
  };
}
