import type { Classification, Level } from '../domain/classification.ts';
import type { Post } from '../domain/post.ts';

/** A post as stored: the post, what the rules said of it, and the hash that detects edits. */
export interface StoredPost {
  post: Post;
  classification: Classification;
  content_hash: string;
}

/** What an upsert did to one post: replays are `unchanged`, edits and reclassifications `updated`. */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

export interface SearchQuery {
  /** Free Chinese text; every word must occur. */
  text: string;
  levels?: readonly Level[];
  lead?: boolean;
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  total: number;
  hits: StoredPost[];
}

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
  /** `failed` may be retried; `rejected` was refused for good (a 4xx) and is not. */
  status: 'delivered' | 'failed' | 'rejected';
  attempt: number;
  detail: string;
  at: string;
}

/**
 * The store port: domain types in, domain types out. Adapters (embedded SQLite, later
 * Elasticsearch) must pass the same contract suite.
 */
export interface Store {
  upsertPosts(items: readonly StoredPost[]): Promise<UpsertOutcome[]>;
  getPost(id: string): Promise<StoredPost | null>;
  searchPosts(query: SearchQuery): Promise<SearchResult>;
  countPosts(): Promise<number>;
  /** Every stored post in batches, oldest first, for backtests and re-indexing. */
  scanPosts(batchSize: number): AsyncIterable<StoredPost[]>;
  /** Records an alert once; false when an alert with this key already exists. */
  recordAlert(alert: AlertRecord): Promise<boolean>;
  countAlerts(): Promise<number>;
  /** Every alert raised about one post, so a level that falls back is not announced again. */
  alertsForPost(postId: string): Promise<AlertRecord[]>;
  recordDelivery(delivery: DeliveryRecord): Promise<void>;
  /** Every delivery attempt of an alert, oldest first: what a retry must not send again. */
  listDeliveries(alertKey: string): Promise<DeliveryRecord[]>;
  close(): Promise<void>;
}
