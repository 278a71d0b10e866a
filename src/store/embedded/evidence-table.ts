import { gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import type { Evidence } from '../workflow-records.ts';

interface EvidenceRow {
  post_id: string;
  sha256: string;
  url: string;
  fetched_at: string;
  content_type: string | null;
  body: Buffer;
}

/**
 * Captured pages, gzipped at rest; the hash is of the page as fetched, so it still verifies.
 * Fetch times are kept in UTC so retention can compare them; they are read back in +08:00.
 */
export function createEvidenceTable(db: Database.Database) {
  const statements = {
    insert: db.prepare(
      `INSERT OR IGNORE INTO evidence (post_id, sha256, url, fetched_at, content_type, body)
       VALUES (@post_id, @sha256, @url, @fetched_at, @content_type, @body)`,
    ),
    list: db.prepare<[string], EvidenceRow>('SELECT * FROM evidence WHERE post_id = ? ORDER BY fetched_at'),
    deleteForPost: db.prepare('DELETE FROM evidence WHERE post_id = ?'),
    deleteOlder: db.prepare('DELETE FROM evidence WHERE fetched_at < ?'),
  };
  return {
    put: (evidence: Evidence) =>
      void statements.insert.run({
        ...evidence,
        fetched_at: new Date(evidence.fetched_at).toISOString(),
        body: gzipSync(evidence.body),
      }),
    list: (postId: string): Evidence[] =>
      statements.list.all(postId).map((row) => ({
        ...row,
        fetched_at: toShanghaiIso(new Date(row.fetched_at)),
        body: gunzipSync(row.body),
      })),
    /** Removes the captures of deleted posts and any capture fetched before the cutoff. */
    deleteFor(postIds: readonly string[], cutoffUtc: string): number {
      let removed = 0;
      for (const id of postIds) removed += statements.deleteForPost.run(id).changes;
      return removed + statements.deleteOlder.run(cutoffUtc).changes;
    },
  };
}
