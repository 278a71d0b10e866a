/** Workflow data (leads, cases, events, escalations) kept with a version for optimistic concurrency. */
export interface VersionedRecord<T> {
  kind: string;
  id: string;
  /** Opaque: whatever the adapter uses to detect a stale write. Pass it back unchanged. */
  version: string;
  data: T;
  updated_at: string;
}

export interface ListRecordsOptions {
  limit?: number;
  /** The `id` of the last record of the previous page. */
  after?: string;
}

/** One audited action: who did what to which record, when and why, with before and after. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditFilter {
  target_kind?: string;
  target_id?: string;
  actor?: string;
  since?: string;
  limit?: number;
}

/** What a page looked like when it was fetched: kept because posts get deleted. */
export interface Evidence {
  post_id: string;
  url: string;
  fetched_at: string;
  content_type: string | null;
  /** Hex SHA-256 of `body`, so public security can show the capture was not altered. */
  sha256: string;
  body: Buffer;
}

/** What a retention run removed. */
export interface RetentionResult {
  posts: number;
  evidence: number;
}
