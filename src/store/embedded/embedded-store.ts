import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { SearchTokenizer } from '../search-tokens.ts';
import type { Evidence, Store } from '../store.ts';
import { createAlertTables } from './alert-tables.ts';
import { createEvidenceTable } from './evidence-table.ts';
import { createEvidenceWriter } from './evidence-writer.ts';
import { createPostTable } from './post-table.ts';
import { createAuditTable, createRecordTable } from './record-tables.ts';
import { migrateRecords, recordsFileFor } from './records-schema.ts';
import { migrate } from './schema.ts';
import { BUSY_TIMEOUT_MS, isBusy, LOCK_WAIT_MS, withStoreErrors } from './sqlite-errors.ts';

export interface EmbeddedStoreOptions {
  /** The SQLite file; created with its folder when missing. */
  file: string;
  tokenizeForIndex: SearchTokenizer;
  tokenizeForQuery: SearchTokenizer;
  /**
   * Write evidence from a worker thread (evidence-writer.ts). Dedicated collect workers do:
   * evidence is their largest synchronous cost. Elsewhere it costs memory for little.
   */
  evidenceThread?: boolean;
}

/**
 * Runs the opening steps again while another process holds the file. SQLite answers BUSY at once,
 * without its busy handler, where waiting could deadlock: two processes turning a new file to
 * WAL together, say. Opening is synchronous, so the pause between tries blocks (start-up only).
 */
function whileBusy(open: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      open();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 + Math.random() * 30);
    }
  }
}

/**
 * Opens a store file in WAL mode and brings its schema up to date. Several worker processes may
 * share the file (and create it together): opening waits for a writer instead of failing at
 * once. At start, blocking is harmless; afterwards calls wait without blocking (sqlite-errors.ts).
 */
function openStoreFile(file: string, pageSize: number, migrateFile: (db: Database.Database) => void) {
  const db = new Database(file);
  db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  try {
    whileBusy(() => {
      // Only a new, empty file can take a new page size.
      if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma(`page_size = ${pageSize}`);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrateFile(db);
    });
  } catch (error) {
    db.close();
    throw error;
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * The single-machine default: SQLite in WAL mode, full-text search over jieba words. Posts and
 * their evidence are in `options.file`; records, the audit log and the alert ledger in the
 * records file beside it (records-schema.ts), each file with its own writer lock.
 */
export function createEmbeddedStore(options: EmbeddedStoreOptions): Store {
  mkdirSync(dirname(options.file), { recursive: true });
  const recordsFile = recordsFileFor(options.file);
  // Records are small JSON documents: SQLite's default 4 KB pages suit them.
  const recordsDb = openStoreFile(recordsFile, 4096, (db) => migrateRecords(db, recordsFile));
  let db: Database.Database;
  try {
    // A post row is about 2 KB; with 4 KB pages most pages would hold one row and waste half.
    db = openStoreFile(options.file, 16384, (opened) =>
      migrate(opened, options.file, { tokenizeForIndex: options.tokenizeForIndex, records: recordsDb }),
    );
  } catch (error) {
    recordsDb.close();
    throw error;
  }
  const posts = createPostTable(db, options);
  const evidence = createEvidenceTable(db);
  const evidenceWriter = options.evidenceThread ? createEvidenceWriter(options.file) : null;
  const alerts = createAlertTables(recordsDb);
  const records = createRecordTable(recordsDb);
  const audit = createAuditTable(recordsDb);

  return withStoreErrors({
    upsertPosts: async (items) => posts.upsert(items),
    getPost: async (id) => posts.get(id),
    searchPosts: async (query) => posts.search(query),
    countPosts: async (filter) => posts.count(filter),
    aggregatePosts: async (query) => posts.aggregate(query),
    async *scanPosts(batchSize) {
      yield* posts.scan(batchSize);
    },
    putEvidence: async (items) => {
      const list = Array.isArray(items) ? items : [items as Evidence];
      return evidenceWriter ? evidenceWriter.put(list) : evidence.putMany(list);
    },
    listEvidence: async (postId) => evidence.list(postId),
    recordAlert: async (alert) => alerts.record(alert),
    countAlerts: async () => alerts.count(),
    alertsForPost: async (postId) => alerts.forPost(postId),
    recordDelivery: async (delivery) => alerts.recordDelivery(delivery),
    listDeliveries: async (alertKey) => alerts.deliveries(alertKey),
    getRecord: async (kind, id) => records.get(kind, id),
    putRecord: async (kind, id, data, expectedVersion, entry) =>
      entry
        ? recordsDb.transaction(() => {
            const written = records.put(kind, id, data, expectedVersion);
            audit.append(entry);
            return written;
          })()
        : records.put(kind, id, data, expectedVersion),
    putRecords: async (writes) =>
      recordsDb.transaction(() => {
        for (const write of writes) {
          records.put(write.kind, write.id, write.data, write.expectedVersion);
          for (const entry of write.audit) audit.append(entry);
        }
      })(),
    listRecords: async (kind, listOptions) => records.list(kind, listOptions),
    appendAudit: async (entry) => audit.append(entry),
    listAudit: async (filter) => audit.list(filter),
    async deleteOlderThan(cutoff) {
      const { ids } = posts.deleteOlderThan(cutoff);
      return { posts: ids.length, evidence: evidence.deleteFor(ids, new Date(cutoff).toISOString()) };
    },
    async close() {
      if (!db.open) return;
      await evidenceWriter?.close();
      evidence.flush();
      db.close();
      recordsDb.close();
    },
  });
}
