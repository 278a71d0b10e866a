import type Database from 'better-sqlite3';
import type { StoredPost } from '../store.ts';
import { indexDocument } from './index-document.ts';
import { runMigrations } from './migration-runner.ts';
import { moveRecordTables } from './records-schema.ts';
import { decodeClassification, decodePost, fromEpoch } from './row-codec.ts';

/** What a migration may need beyond SQL: re-indexing text needs the segmenter. */
export interface MigrationTools {
  tokenizeForIndex(text: string): string[];
  /** The records file (records-schema.ts), migrated already: migration 6 moves tables there. */
  records: Database.Database;
}

type Migration = (db: Database.Database, tools: MigrationTools) => void;

/**
 * Forward-only schema migrations, each in one transaction. The version lives in SQLite's
 * `user_version`. Never edit a released migration: add the next one.
 */
const MIGRATIONS: readonly Migration[] = [
  // 1: posts with full-text words, alerts and their deliveries.
  (db) =>
    db.exec(`
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
  `),
  // 2: filter columns and tags, a full-text index that also holds filter tokens, evidence,
  // versioned workflow records and an append-only audit log.
  (db, tools) => {
    // Posts get filter columns; the publication time becomes epoch seconds (small, and it
    // compares as a number); url and stored_at, duplicated in post_json or unused, go.
    db.exec(`
      CREATE TABLE posts_v2 (
        seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, published_s INTEGER NOT NULL,
        content_hash TEXT NOT NULL, lead INTEGER NOT NULL, resolved INTEGER NOT NULL, level TEXT NOT NULL,
        industry TEXT NOT NULL, town TEXT, post_json TEXT NOT NULL, classification_json TEXT NOT NULL
      );
      INSERT INTO posts_v2 (seq, id, source, published_s, content_hash, lead, resolved, level, industry, town, post_json, classification_json)
        SELECT seq, id, source, CAST(strftime('%s', published_at) AS INTEGER), content_hash, lead,
          coalesce(json_extract(classification_json, '$.resolved'), 0), level,
          coalesce(json_extract(classification_json, '$.industry'), 'none'), json_extract(classification_json, '$.town'),
          post_json, classification_json
        FROM posts;
      DROP TABLE posts;
      ALTER TABLE posts_v2 RENAME TO posts;
      CREATE INDEX posts_published ON posts (published_s, town);
      CREATE TABLE post_tags (tag TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (tag, seq)) WITHOUT ROWID;
      DROP TABLE post_words;
      CREATE VIRTUAL TABLE post_index USING fts5(doc, content = '', contentless_delete = 1, detail = none, tokenize = "unicode61 tokenchars '_-'");
      CREATE TABLE evidence (
        post_id TEXT NOT NULL, sha256 TEXT NOT NULL, url TEXT NOT NULL, fetched_at TEXT NOT NULL,
        content_type TEXT, body BLOB NOT NULL, PRIMARY KEY (post_id, sha256)
      );
      CREATE INDEX evidence_fetched ON evidence (fetched_at);
      CREATE TABLE records (
        kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
      CREATE TABLE audit (
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL, reason TEXT, before_json TEXT, after_json TEXT
      );
      CREATE INDEX audit_target ON audit (target_kind, target_id);
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted from'); END;
    `);
    reindexPosts(db, tools);
  },
  // 3: page bodies kept once by their hash. A list page holds ten posts, and each post's
  // evidence is that page: kept per post it cost ten copies.
  (db) => {
    db.exec(`
      CREATE TABLE evidence_bodies (sha256 TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
      INSERT OR IGNORE INTO evidence_bodies (sha256, body) SELECT sha256, body FROM evidence;
      CREATE TABLE evidence_v3 (
        post_id TEXT NOT NULL, sha256 TEXT NOT NULL, url TEXT NOT NULL, fetched_at TEXT NOT NULL,
        content_type TEXT, PRIMARY KEY (post_id, sha256)
      ) WITHOUT ROWID;
      INSERT INTO evidence_v3 SELECT post_id, sha256, url, fetched_at, content_type FROM evidence;
      DROP TABLE evidence;
      ALTER TABLE evidence_v3 RENAME TO evidence;
      CREATE INDEX evidence_fetched ON evidence (fetched_at);
      CREATE INDEX evidence_body ON evidence (sha256);
    `);
  },
  // 4: one row per capture (page, body, time), and per post only a link to it. Each of a list
  // page's ten posts carried the page's url, hash and time (and two indexes of them), so every
  // page wrote ten wide rows. Bodies move to a rowid table: appended in order, where keyed by
  // their hash each landed on a random page of the tree.
  (db) => {
    db.exec(`
      CREATE TABLE page_bodies (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, body BLOB NOT NULL);
      INSERT INTO page_bodies (sha256, body) SELECT sha256, body FROM evidence_bodies;
      CREATE TABLE captures (
        id INTEGER PRIMARY KEY, body INTEGER NOT NULL, url TEXT NOT NULL, fetched_at TEXT NOT NULL, content_type TEXT
      );
      INSERT INTO captures (body, url, fetched_at, content_type)
        SELECT DISTINCT b.id, e.url, e.fetched_at, e.content_type
        FROM evidence e JOIN page_bodies b ON b.sha256 = e.sha256 ORDER BY e.fetched_at, b.id;
      CREATE INDEX captures_body ON captures (body);
      CREATE INDEX captures_fetched ON captures (fetched_at);
      CREATE TABLE evidence_v4 (
        post_id TEXT NOT NULL, capture INTEGER NOT NULL, PRIMARY KEY (post_id, capture)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO evidence_v4 (post_id, capture)
        SELECT e.post_id, c.id FROM evidence e
        JOIN page_bodies b ON b.sha256 = e.sha256
        JOIN captures c ON c.body = b.id AND c.url = e.url AND c.fetched_at = e.fetched_at
          AND c.content_type IS e.content_type;
      DROP TABLE evidence;
      DROP TABLE evidence_bodies;
      ALTER TABLE evidence_v4 RENAME TO evidence;
      CREATE INDEX evidence_capture ON evidence (capture);
    `);
  },
  // 5: new post links go to a small table first and move to the post-keyed one in sorted
  // batches (evidence-table.ts). A page's ten links land on ten leaves of the big tree, each
  // written to the WAL again at every commit; in the small table they share a few leaves.
  (db) => {
    db.exec(`
      CREATE TABLE evidence_recent (
        post_id TEXT NOT NULL, capture INTEGER NOT NULL, PRIMARY KEY (post_id, capture)
      ) WITHOUT ROWID;
      CREATE INDEX evidence_recent_capture ON evidence_recent (capture);
      CREATE VIEW evidence_links AS
        SELECT post_id, capture FROM evidence UNION ALL SELECT post_id, capture FROM evidence_recent;
    `);
  },
  // 6: records, the audit log and the alert ledger move to the records file
  // (records-schema.ts), so that their writers no longer wait for the posts' writer.
  (db, tools) => moveRecordTables(db, tools.records),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings a posts file up to the current schema (or to `target`: the upgrade tests build older
 * files this way); refuses a file written by a newer version.
 */
export function migrate(
  db: Database.Database,
  file: string,
  tools: MigrationTools,
  target = SCHEMA_VERSION,
): void {
  runMigrations(db, file, MIGRATIONS, tools, { schema: 'store', target });
}

/** Builds the full-text index and tags again from the stored posts. */
function reindexPosts(db: Database.Database, tools: MigrationTools): void {
  const rows = db
    .prepare('SELECT seq, id, source, published_s, post_json, classification_json, content_hash FROM posts')
    .iterate() as IterableIterator<{
    seq: number;
    id: string;
    source: string;
    published_s: number;
    post_json: string;
    classification_json: string;
    content_hash: string;
  }>;
  const insertDoc = db.prepare('INSERT INTO post_index (rowid, doc) VALUES (?, ?)');
  const insertTag = db.prepare('INSERT OR IGNORE INTO post_tags (tag, seq) VALUES (?, ?)');
  for (const row of [...rows]) {
    const item: StoredPost = {
      post: decodePost(row.post_json, {
        id: row.id,
        source: row.source,
        published_at: fromEpoch(row.published_s),
      }),
      classification: decodeClassification(row.classification_json),
      content_hash: row.content_hash,
    };
    insertDoc.run(
      row.seq,
      indexDocument(item, tools.tokenizeForIndex(`${item.post.title ?? ''} ${item.post.text}`)),
    );
    for (const tag of tagsOf(item)) insertTag.run(tag, row.seq);
  }
}

/** The multi-valued fields, as `c:`ategory, `r:`isk and `d:`epartment rows for filtering and counting. */
export function tagsOf(item: StoredPost): string[] {
  // Posts stored by an older release may lack the newer fields.
  const c = item.classification;
  return [
    ...(c.categories ?? []).map((v) => `c:${v}`),
    ...(c.risks ?? []).map((v) => `r:${v}`),
    ...(c.departments ?? []).map((v) => `d:${v}`),
  ];
}
