import type { Classification, Level } from '../domain/classification.ts';
import type { Post } from '../domain/post.ts';
import type {
  AggregationQuery,
  AggregationResult,
  PostFilter,
  PostQuery,
  SearchResult,
} from './post-query.ts';
import type {
  AuditEntry,
  AuditFilter,
  Evidence,
  ListRecordsOptions,
  RetentionResult,
  VersionedRecord,
} from './workflow-records.ts';

export type * from './post-query.ts';
export type * from './workflow-records.ts';

/** A post as stored: the post, what the rules said of it, and the hash that detects edits. */
export interface StoredPost {
  post: Post;
  classification: Classification;
  content_hash: string;
  /**
   * The words to index, when the caller already segmented the text (the classify stage does);
   * otherwise the store segments it. Not returned on reads.
   */
  words?: readonly string[];
}

/**
 * What an upsert did to one post: replays are `unchanged`, edits and reclassifications
 * `updated`; `rejected` means the store refused it for good and kept it as a dead letter.
 */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'rejected';

/** One alert about one thing, however many times its job runs. */
export interface AlertRecord {
  key: string;
  post_id: string;
  level: Level;
  title: string;
  created_at: string;
}

export interface DeliveryRecord {
  alert_key: string;
  channel: string;
  /**
   * `failed` may be retried; `rejected` was refused for good (a 4xx, or too many failures) and
   * is not; `held` waits in the channel's outbox for the next digest.
   */
  status: 'delivered' | 'failed' | 'rejected' | 'held';
  attempt: number;
  detail: string;
  at: string;
}

/** One record to write: see Store.putRecords. */
export interface RecordWrite {
  kind: string;
  id: string;
  data: unknown;
  expectedVersion: string | null;
  audit: readonly AuditEntry[];
}

/** What code that only reads and writes versioned records needs of a store (or of a record batch). */
export type RecordAccess = Pick<Store, 'getRecord' | 'putRecord'>;

/**
 * The store port: domain types in, domain types out, whatever the adapter (embedded SQLite or
 * Elasticsearch). Both pass one contract suite (test/store/store-contract.ts).
 */
export interface Store {
  /** Idempotent by post id: a replay is `unchanged`, an edit or a reclassification `updated`. */
  upsertPosts(items: readonly StoredPost[]): Promise<UpsertOutcome[]>;
  getPost(id: string): Promise<StoredPost | null>;
  /** Full-text search in Chinese with filters, sort, paging and highlighted excerpts. */
  searchPosts(query: PostQuery): Promise<SearchResult>;
  countPosts(filter?: PostFilter): Promise<number>;
  /** Counts by time, town, category, level, source, department or industry; one or two levels. */
  aggregatePosts(query: AggregationQuery): Promise<AggregationResult>;
  /** Every stored post exactly once, in batches (order is the adapter's), for backtests and re-indexing. */
  scanPosts(batchSize: number): AsyncIterable<StoredPost[]>;

  /**
   * Keeps what pages looked like; a post may have several captures, and one page may be the
   * capture of many posts (a list page). Several at once are written together.
   */
  putEvidence(evidence: Evidence | readonly Evidence[]): Promise<void>;
  listEvidence(postId: string): Promise<Evidence[]>;

  /** Records an alert once; false when an alert with this key already exists. */
  recordAlert(alert: AlertRecord): Promise<boolean>;
  countAlerts(): Promise<number>;
  /** Every alert raised about one post, so a level that falls back is not announced again. */
  alertsForPost(postId: string): Promise<AlertRecord[]>;
  recordDelivery(delivery: DeliveryRecord): Promise<void>;
  /** Every delivery attempt of an alert, oldest first: what a retry must not send again. */
  listDeliveries(alertKey: string): Promise<DeliveryRecord[]>;

  getRecord<T>(kind: string, id: string): Promise<VersionedRecord<T> | null>;
  /**
   * Writes a record only if it is still at `expectedVersion` (null: only if it does not exist
   * yet); otherwise throws ConflictError, and the caller re-reads and decides. Never merges.
   * With `audit`, the change's audit entry is written with it: in the same transaction where the
   * store has transactions (embedded), right after the record otherwise (Elasticsearch); a
   * refused write writes no entry.
   */
  putRecord<T>(
    kind: string,
    id: string,
    data: T,
    expectedVersion: string | null,
    audit?: AuditEntry,
  ): Promise<VersionedRecord<T>>;
  /**
   * Writes several records, each only if it is still at its `expectedVersion`, with their audit
   * entries: all or none where the store has transactions (embedded; a ConflictError writes
   * nothing), one after another in the order given otherwise (Elasticsearch, as putRecord). A
   * record batch (record-batch.ts) commits with this.
   */
  putRecords(writes: readonly RecordWrite[]): Promise<void>;
  listRecords<T>(kind: string, options?: ListRecordsOptions): Promise<VersionedRecord<T>[]>;

  /** Appends to the audit log, which nothing in the app can change or delete. */
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter?: AuditFilter): Promise<AuditEntry[]>;

  /** Deletes posts published before `cutoff`, with their evidence; the audit log is kept. */
  deleteOlderThan(cutoff: string): Promise<RetentionResult>;
  close(): Promise<void>;
}
