import type Database from 'better-sqlite3';
import { runMigrations } from './migration-runner.ts';

/**
 * The workflow side of the embedded store lives in a file of its own beside the posts':
 * versioned records (events, leads, alert state…), the audit log, and the alert ledger. SQLite
 * lets one connection write a file at a time, and the stages that write these (event, alert, the
 * console) run beside the one that writes posts (index): in one file, each record write waited
 * for the index stage's batch transaction, tens of milliseconds at a time. Two files, two locks.
 */
export function recordsFileFor(postsFile: string): string {
  return postsFile.replace(/(\.sqlite)?$/, '-records.sqlite');
}

/** The tables as the posts file last held them (schema.ts, migration 2), now created here. */
const TABLES = `
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
  CREATE TABLE alerts (key TEXT PRIMARY KEY, post_id TEXT NOT NULL, level TEXT NOT NULL, title TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX alerts_post ON alerts (post_id);
  CREATE TABLE alert_deliveries (
    alert_key TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, attempt INTEGER NOT NULL, detail TEXT NOT NULL, at TEXT NOT NULL
  );
  CREATE INDEX alert_deliveries_key ON alert_deliveries (alert_key);
`;

/** The tables that moved, in the order they are copied and dropped. */
export const MOVED_TABLES = ['records', 'audit', 'alerts', 'alert_deliveries'] as const;

type Migration = (db: Database.Database) => void;

/** Forward-only, as schema.ts's: never edit a released one, add the next. */
const MIGRATIONS: readonly Migration[] = [(db) => db.exec(TABLES)];

export const RECORDS_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the records file up to the current schema, as `migrate` does the posts file. */
export function migrateRecords(db: Database.Database, file: string): void {
  runMigrations(db, file, MIGRATIONS, undefined, { schema: 'records' });
}

/**
 * Copies the moved tables' rows from the posts file to the records file (one transaction there,
 * rows keeping their rowids, so a copy interrupted before the posts file dropped them is simply
 * made again), then drops them from the posts file (the caller's transaction).
 */
export function moveRecordTables(posts: Database.Database, records: Database.Database): void {
  records.transaction(() => {
    for (const table of MOVED_TABLES) {
      const columns = (posts.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      const insert = records.prepare(
        `INSERT OR REPLACE INTO ${table} (rowid, ${columns.join(', ')}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`,
      );
      const rows = posts
        .prepare(`SELECT rowid, ${columns.join(', ')} FROM ${table}`)
        .raw()
        .iterate();
      for (const row of rows as Iterable<unknown[]>) insert.run(...row);
    }
  })();
  for (const table of [...MOVED_TABLES].reverse()) posts.exec(`DROP TABLE ${table}`);
}
