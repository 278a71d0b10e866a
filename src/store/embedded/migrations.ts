import type Database from 'better-sqlite3';
import { PermanentError } from '../../errors.ts';

/**
 * Forward-only schema migrations, applied in order inside one transaction each. The schema
 * version lives in SQLite's `user_version`. Never edit a released migration: add the next one.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE posts (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    published_at TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    lead INTEGER NOT NULL,
    level TEXT NOT NULL,
    post_json TEXT NOT NULL,
    classification_json TEXT NOT NULL,
    stored_at TEXT NOT NULL
  );
  CREATE INDEX posts_published ON posts (published_at);
  CREATE INDEX posts_level ON posts (level, published_at);
  CREATE VIRTUAL TABLE post_words USING fts5(words, content = '', contentless_delete = 1);
  CREATE TABLE alerts (
    key TEXT PRIMARY KEY,
    post_id TEXT NOT NULL,
    level TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX alerts_post ON alerts (post_id);
  CREATE TABLE alert_deliveries (
    alert_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX alert_deliveries_key ON alert_deliveries (alert_key);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings a database file up to the current schema; refuses a file written by a newer version. */
export function migrate(db: Database.Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new PermanentError(
      `${file} has store schema version ${current}, but this wagewatch knows only up to ${SCHEMA_VERSION}: ` +
        'it was written by a newer release. Upgrade wagewatch or point WAGEWATCH_DATA_DIR elsewhere.',
      { code: 'store_schema_newer' },
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
