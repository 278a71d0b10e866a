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
 * Captured pages. Bodies are kept once per SHA-256 (a list page is the evidence of every post
 * on it) and gzipped at rest; the hash is of the page as fetched, so it still verifies. Fetch
 * times are kept in UTC so retention can compare them; they are read back in +08:00.
 */
export function createEvidenceTable(db: Database.Database) {
  const statements = {
    insertBody: db.prepare('INSERT OR IGNORE INTO evidence_bodies (sha256, body) VALUES (?, ?)'),
    hasBody: db.prepare<[string], { n: number }>('SELECT 1 AS n FROM evidence_bodies WHERE sha256 = ?'),
    insert: db.prepare(
      `INSERT OR IGNORE INTO evidence (post_id, sha256, url, fetched_at, content_type)
       VALUES (@post_id, @sha256, @url, @fetched_at, @content_type)`,
    ),
    list: db.prepare<[string], EvidenceRow>(
      `SELECT e.post_id, e.sha256, e.url, e.fetched_at, e.content_type, b.body
       FROM evidence e JOIN evidence_bodies b ON b.sha256 = e.sha256 WHERE e.post_id = ? ORDER BY e.fetched_at`,
    ),
    deleteForPost: db.prepare('DELETE FROM evidence WHERE post_id = ?'),
    deleteOlder: db.prepare('DELETE FROM evidence WHERE fetched_at < ?'),
    deleteOrphans: db.prepare(
      'DELETE FROM evidence_bodies WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = evidence_bodies.sha256)',
    ),
  };
  const putMany = db.transaction((items: readonly Evidence[]) => {
    for (const evidence of items) {
      // Compressing a body already kept is wasted work: a list page repeats for each post on it.
      if (!statements.hasBody.get(evidence.sha256))
        statements.insertBody.run(evidence.sha256, gzipSync(evidence.body));
      statements.insert.run({
        post_id: evidence.post_id,
        sha256: evidence.sha256,
        url: evidence.url,
        fetched_at: new Date(evidence.fetched_at).toISOString(),
        content_type: evidence.content_type,
      });
    }
  });
  return {
    // IMMEDIATE, as for posts: it reads before it writes, and must wait for other writers.
    putMany: (items: readonly Evidence[]) => putMany.immediate(items),
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
      removed += statements.deleteOlder.run(cutoffUtc).changes;
      statements.deleteOrphans.run();
      return removed;
    },
  };
}
