import { gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { toShanghaiIso } from '../../domain/shanghai-time.ts';
import type { Evidence } from '../workflow-records.ts';
import { createGroupCommit } from './group-commit.ts';
import { isUnavailable } from './sqlite-errors.ts';

interface EvidenceRow {
  post_id: string;
  sha256: string;
  url: string;
  fetched_at: string;
  content_type: string | null;
  body: Buffer;
}

/**
 * New post links wait in `evidence_recent` until there are this many, then move to the
 * post-keyed `evidence` table in one sorted batch: each leaf of the big tree is then written once
 * per batch instead of once per page (+7 % on the crawl rig, docs/benchmarks.md). Reads go
 * through the `evidence_links` view of both.
 */
const RECENT_LINKS = 4096;

/** One fetched page and the posts it is the evidence of. */
interface Capture {
  sha256: string;
  body: Buffer;
  url: string;
  fetchedAtUtc: string;
  contentType: string | null;
  postIds: string[];
}

/**
 * Captured pages. A capture is one fetch of one page (url, time, hash); each post links to the
 * captures it was read from. Bodies are kept once per SHA-256 and gzipped at rest; the hash is
 * of the page as fetched, so it still verifies. A post keeps one capture per distinct body, the
 * first. Fetch times are kept in UTC so retention can compare them; they are read back in +08:00.
 */
export function createEvidenceTable(db: Database.Database, options: { recentLinks?: number } = {}) {
  const recentLinks = options.recentLinks ?? RECENT_LINKS;
  const statements = {
    bodyId: db.prepare<[string], { id: number }>('SELECT id FROM page_bodies WHERE sha256 = ?'),
    insertBody: db.prepare('INSERT INTO page_bodies (sha256, body) VALUES (?, ?)'),
    insertCapture: db.prepare(
      'INSERT INTO captures (body, url, fetched_at, content_type) VALUES (?, ?, ?, ?)',
    ),
    findCapture: db.prepare<[number | bigint, string, string, string | null], { id: number }>(
      'SELECT id FROM captures WHERE body = ? AND url = ? AND fetched_at = ? AND content_type IS ?',
    ),
    postHasBody: db.prepare<[string, number | bigint], { n: number }>(
      `SELECT 1 AS n FROM evidence_links e JOIN captures c ON c.id = e.capture
       WHERE e.post_id = ? AND c.body = ? LIMIT 1`,
    ),
    link: db.prepare('INSERT OR IGNORE INTO evidence_recent (post_id, capture) VALUES (?, ?)'),
    recentCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM evidence_recent'),
    moveRecent: db.prepare(
      'INSERT OR IGNORE INTO evidence (post_id, capture) SELECT post_id, capture FROM evidence_recent ORDER BY post_id, capture',
    ),
    clearRecent: db.prepare('DELETE FROM evidence_recent'),
    list: db.prepare<[string], EvidenceRow>(
      `SELECT e.post_id, b.sha256, c.url, c.fetched_at, c.content_type, b.body
       FROM evidence_links e JOIN captures c ON c.id = e.capture JOIN page_bodies b ON b.id = c.body
       WHERE e.post_id = ? ORDER BY c.fetched_at`,
    ),
    deleteForPost: [
      db.prepare('DELETE FROM evidence WHERE post_id = ?'),
      db.prepare('DELETE FROM evidence_recent WHERE post_id = ?'),
    ],
    deleteOlder: [
      db.prepare('DELETE FROM evidence WHERE capture IN (SELECT id FROM captures WHERE fetched_at < ?)'),
      db.prepare(
        'DELETE FROM evidence_recent WHERE capture IN (SELECT id FROM captures WHERE fetched_at < ?)',
      ),
    ],
    deleteOrphanCaptures: db.prepare(
      'DELETE FROM captures WHERE NOT EXISTS (SELECT 1 FROM evidence_links e WHERE e.capture = captures.id)',
    ),
    deleteOrphanBodies: db.prepare(
      'DELETE FROM page_bodies WHERE NOT EXISTS (SELECT 1 FROM captures c WHERE c.body = page_bodies.id)',
    ),
  };
  // Counted here rather than asked of the file each time: another connection's move only
  // makes this one move early, which is harmless.
  let recent = statements.recentCount.get()?.n ?? 0;
  const insertCaptures = db.transaction((captures: readonly Capture[]) => {
    for (const capture of captures) {
      const kept = statements.bodyId.get(capture.sha256)?.id;
      const postIds =
        kept === undefined
          ? capture.postIds
          : capture.postIds.filter((id) => !statements.postHasBody.get(id, kept));
      if (postIds.length === 0) continue;
      const body = kept ?? statements.insertBody.run(capture.sha256, gzipSync(capture.body)).lastInsertRowid;
      const fields = [body, capture.url, capture.fetchedAtUtc, capture.contentType] as const;
      // The same fetch handed over in parts (a page's posts one call each) is one capture.
      const id =
        statements.findCapture.get(...fields)?.id ?? statements.insertCapture.run(...fields).lastInsertRowid;
      for (const postId of postIds) recent += statements.link.run(postId, id).changes;
    }
    if (recent >= recentLinks) {
      statements.moveRecent.run();
      statements.clearRecent.run();
      recent = 0;
    }
  });
  // IMMEDIATE, as for posts: it reads before it writes, and must wait for other writers.
  const group = createGroupCommit<Capture>((captures) => insertCaptures.immediate(captures), {
    sharedError: isUnavailable,
  });
  return {
    putMany: (items: readonly Evidence[]): Promise<void> => group.write(capturesOf(items)),
    /** Commits writes still waiting for their turn; call before closing the file. */
    flush: group.flush,
    list: (postId: string): Evidence[] =>
      statements.list.all(postId).map((row) => ({
        ...row,
        fetched_at: toShanghaiIso(new Date(row.fetched_at)),
        body: gunzipSync(row.body),
      })),
    /** Removes the captures of deleted posts and any capture fetched before the cutoff. */
    deleteFor(postIds: readonly string[], cutoffUtc: string): number {
      let removed = 0;
      for (const id of postIds)
        for (const statement of statements.deleteForPost) removed += statement.run(id).changes;
      for (const statement of statements.deleteOlder) removed += statement.run(cutoffUtc).changes;
      statements.deleteOrphanCaptures.run();
      statements.deleteOrphanBodies.run();
      return removed;
    },
  };
}

/** Items grouped by the fetch they record: a list page's ten posts make one capture. */
function capturesOf(items: readonly Evidence[]): Capture[] {
  const captures = new Map<string, Capture>();
  for (const item of items) {
    const fetchedAtUtc = new Date(item.fetched_at).toISOString();
    const key = `${item.sha256}\n${item.url}\n${fetchedAtUtc}\n${item.content_type}`;
    const capture = captures.get(key);
    if (capture) capture.postIds.push(item.post_id);
    else
      captures.set(key, {
        sha256: item.sha256,
        url: item.url,
        fetchedAtUtc,
        contentType: item.content_type,
        body: item.body,
        postIds: [item.post_id],
      });
  }
  return [...captures.values()];
}
