import type Database from 'better-sqlite3';
import { highlight } from '../highlight.ts';
import {
  type AggregationBucket,
  type AggregationDimension,
  type AggregationQuery,
  type PostFilter,
  type PostQuery,
  pageOf,
  type SearchResult,
} from '../post-query.ts';
import type { SearchTokenizer } from '../search-tokens.ts';
import type { StoredPost, UpsertOutcome } from '../store.ts';
import { indexDocument } from './index-document.ts';
import { aggregationSql, isMultiValued, searchSql, timeBucketKey, whereFilter } from './post-sql.ts';
import { RELEVANCE_WINDOW, rankByRelevance } from './relevance.ts';
import {
  decodeClassification,
  decodePost,
  encodeClassification,
  encodePost,
  fromEpoch,
  toEpoch,
} from './row-codec.ts';
import { tagsOf } from './schema.ts';

interface PostRow {
  seq: number;
  id: string;
  source: string;
  published_s: number;
  content_hash: string;
  classification_json: string;
  post_json: string;
}

const ROW_COLUMNS = 'seq, id, source, published_s, content_hash, classification_json, post_json';

export interface PostTableOptions {
  tokenizeForIndex: SearchTokenizer;
  tokenizeForQuery: SearchTokenizer;
}

/** Posts in SQLite: one row each, tags for multi-valued fields, one full-text index entry. */
export function createPostTable(db: Database.Database, options: PostTableOptions) {
  const statements = {
    find: db.prepare<[string], PostRow>(`SELECT ${ROW_COLUMNS} FROM posts WHERE id = ?`),
    insert: db.prepare(
      `INSERT INTO posts (id, source, published_s, content_hash, lead, resolved, level, industry, town, post_json, classification_json)
       VALUES (@id, @source, @published_s, @content_hash, @lead, @resolved, @level, @industry, @town, @post_json, @classification_json)`,
    ),
    update: db.prepare(
      `UPDATE posts SET published_s = @published_s, content_hash = @content_hash, lead = @lead, resolved = @resolved,
         level = @level, industry = @industry, town = @town, post_json = @post_json, classification_json = @classification_json
       WHERE id = @id`,
    ),
    insertDoc: db.prepare('INSERT INTO post_index (rowid, doc) VALUES (?, ?)'),
    deleteDoc: db.prepare('DELETE FROM post_index WHERE rowid = ?'),
    insertTag: db.prepare('INSERT OR IGNORE INTO post_tags (tag, seq) VALUES (?, ?)'),
    deleteTag: db.prepare('DELETE FROM post_tags WHERE tag = ? AND seq = ?'),
    scan: db.prepare<[number, number], PostRow>(
      `SELECT ${ROW_COLUMNS} FROM posts WHERE seq > ? ORDER BY seq LIMIT ?`,
    ),
  };

  const index = (seq: number | bigint, item: StoredPost) => {
    const words = item.words ?? options.tokenizeForIndex(`${item.post.title ?? ''} ${item.post.text}`);
    statements.insertDoc.run(seq, indexDocument(item, words));
    for (const tag of tagsOf(item)) statements.insertTag.run(tag, seq);
  };
  /** Tags are keyed (tag, seq), so removing them needs the classification that made them. */
  const unindex = (seq: number, classificationJson: string) => {
    statements.deleteDoc.run(seq);
    const previous = { classification: decodeClassification(classificationJson) } as StoredPost;
    for (const tag of tagsOf(previous)) statements.deleteTag.run(tag, seq);
  };

  const upsertOne = (item: StoredPost): UpsertOutcome => {
    const { post, classification: c } = item;
    const classificationJson = encodeClassification(c);
    const row = {
      id: post.id,
      source: post.source,
      published_s: toEpoch(post.published_at),
      content_hash: item.content_hash,
      lead: c.lead ? 1 : 0,
      resolved: c.resolved ? 1 : 0,
      level: c.level,
      industry: c.industry,
      town: c.town,
      post_json: encodePost(post),
      classification_json: classificationJson,
    };
    const existing = statements.find.get(post.id);
    if (!existing) {
      index(statements.insert.run(row).lastInsertRowid, item);
      return 'inserted';
    }
    if (existing.content_hash === item.content_hash && existing.classification_json === classificationJson)
      return 'unchanged';
    statements.update.run(row);
    unindex(existing.seq, existing.classification_json);
    index(existing.seq, item);
    return 'updated';
  };
  const upsertMany = db.transaction((items: readonly StoredPost[]) => items.map(upsertOne));

  return {
    // IMMEDIATE: a deferred transaction that has read cannot wait for another process's write
    // lock (SQLite answers SQLITE_BUSY at once, or SQLITE_BUSY_SNAPSHOT once that process wrote),
    // so busy_timeout would not apply and every concurrent write would cost the job an attempt.
    upsert: (items: readonly StoredPost[]) => upsertMany.immediate(items),
    get(id: string): StoredPost | null {
      const row = statements.find.get(id);
      return row ? toStoredPost(row) : null;
    },
    search(query: PostQuery): SearchResult {
      const words = query.text ? options.tokenizeForQuery(query.text) : [];
      if (query.text && words.length === 0) return { total: 0, hits: [] };
      const page = pageOf(query);
      const byRelevance = query.sort === 'relevance' && words.length > 0;
      const sql = searchSql(query, words, byRelevance ? { limit: RELEVANCE_WINDOW, offset: 0 } : page);
      const total = (db.prepare(sql.count.text).get(...sql.count.params) as { n: number }).n;
      let items = (db.prepare(sql.page.text).all(...sql.page.params) as PostRow[]).map(toStoredPost);
      if (byRelevance) items = rankByRelevance(items, words).slice(page.offset, page.offset + page.limit);
      return {
        total,
        hits: items.map((item) => ({
          ...item,
          highlight:
            words.length > 0 ? highlight(`${item.post.title ?? ''} ${item.post.text}`.trim(), words) : null,
        })),
      };
    },
    count(filter: PostFilter = {}): number {
      const where = whereFilter(filter);
      return (
        db.prepare(`SELECT count(*) AS n FROM posts p WHERE ${where.text}`).get(...where.params) as {
          n: number;
        }
      ).n;
    },
    aggregate(query: AggregationQuery) {
      const sql = aggregationSql(query.filter ?? {}, query.by);
      const raw = db.prepare(sql.text).all(...sql.params) as { k0: Key; k1?: Key; n: number }[];
      const rows = raw.map((row) => ({
        k0: keyOf(query.by[0], row.k0),
        k1: query.by[1] ? keyOf(query.by[1], row.k1 ?? '') : undefined,
        n: row.n,
      }));
      // A post sits in one bucket of a single-valued dimension, so the buckets add up to the total.
      const total = isMultiValued(query.by[0])
        ? this.count(query.filter)
        : rows.reduce((sum, row) => sum + row.n, 0);
      return { total, buckets: nestBuckets(rows, query.by.length === 2) };
    },
    *scan(batchSize: number): Generator<StoredPost[]> {
      let after = 0;
      for (;;) {
        const rows = statements.scan.all(after, batchSize);
        if (rows.length === 0) return;
        after = (rows.at(-1) as PostRow).seq;
        yield rows.map(toStoredPost);
      }
    },
    /** Removes posts published before the cutoff, in batches so the writer lock is held briefly. */
    deleteOlderThan(cutoff: string): { ids: string[] } {
      const ids: string[] = [];
      type Doomed = { seq: number; id: string; classification_json: string };
      const batch = db.prepare<[number], Doomed>(
        'SELECT seq, id, classification_json FROM posts WHERE published_s < ? LIMIT 1000',
      );
      const remove = db.prepare('DELETE FROM posts WHERE seq = ?');
      const deleteBatch = db.transaction((rows: Doomed[]) => {
        for (const row of rows) {
          unindex(row.seq, row.classification_json);
          remove.run(row.seq);
          ids.push(row.id);
        }
      });
      for (let rows = batch.all(toEpoch(cutoff)); rows.length > 0; rows = batch.all(toEpoch(cutoff)))
        deleteBatch.immediate(rows);
      return { ids };
    },
  };
}

type Key = string | number;

function keyOf(dim: AggregationDimension, value: Key): string {
  return dim === 'day' || dim === 'hour' ? timeBucketKey(dim, Number(value)) : String(value);
}

/** Rows sorted by the outer key become buckets, each with its inner buckets. */
function nestBuckets(
  rows: readonly { k0: string; k1?: string; n: number }[],
  twoLevels: boolean,
): AggregationBucket[] {
  const buckets: AggregationBucket[] = [];
  for (const row of rows) {
    let outer = buckets.at(-1);
    if (!outer || outer.key !== row.k0) {
      outer = { key: row.k0, count: 0, ...(twoLevels ? { buckets: [] } : {}) };
      buckets.push(outer);
    }
    outer.count += row.n;
    if (twoLevels) outer.buckets?.push({ key: row.k1 ?? '', count: row.n });
  }
  return buckets;
}

function toStoredPost(row: PostRow): StoredPost {
  const columns = { id: row.id, source: row.source, published_at: fromEpoch(row.published_s) };
  return {
    post: decodePost(row.post_json, columns),
    classification: decodeClassification(row.classification_json),
    content_hash: row.content_hash,
  };
}
