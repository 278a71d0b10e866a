import { ConflictError } from '../errors.ts';
import type { AuditEntry, RecordAccess, RecordWrite, Store, VersionedRecord } from './store.ts';

/**
 * Record writes held back and committed together: work that writes many small records (a batch
 * of lead intakes: claims, leads, keys, each with its audit entry) commits once instead of once
 * per record, and a record written several times is stored once, as it ends.
 */
export interface RecordBatch {
  /** Reads see the batch's own writes; a write is checked against what was read, then held. */
  readonly records: RecordAccess;
  /**
   * Writes every held record at the version it had when first read, in the order first written,
   * with every audit entry: all or none where the store has transactions. ConflictError when
   * another writer changed one of them since: the whole unit of work is then to be done again.
   */
  commit(): Promise<void>;
}

interface Held {
  write: RecordWrite & { audit: AuditEntry[] };
  /** The version the batch's readers were given for what it holds; not a version of the store. */
  version: string;
}

/**
 * A batch over `store`. Records read through it are kept for the batch's life, so what a unit of
 * work reads twice is read once; a stale one is caught when the batch commits. A write that does
 * not name the version read is refused at once, as the store would refuse it, and what was kept
 * of that record is forgotten so the caller's re-read sees the store. One unit of work at a time:
 * a batch is not shared by concurrent writers, and is used up by its commit.
 */
export function createRecordBatch(store: Pick<Store, 'getRecord' | 'putRecords'>): RecordBatch {
  const held = new Map<string, Held>();
  const read = new Map<string, VersionedRecord<unknown> | null>();
  let writes = 0;
  let committed = false;
  const keyOf = (kind: string, id: string) => `${kind}\u0000${id}`;
  const usable = () => {
    if (committed) throw new Error('a record batch is used up by its commit');
  };

  async function current(kind: string, id: string): Promise<VersionedRecord<unknown> | null> {
    const key = keyOf(kind, id);
    const own = held.get(key);
    if (own)
      return { kind, id, version: own.version, data: own.write.data, updated_at: new Date().toISOString() };
    if (read.has(key)) return read.get(key) ?? null;
    const stored = await store.getRecord<unknown>(kind, id);
    read.set(key, stored);
    return stored;
  }

  const records: RecordAccess = {
    async getRecord<T>(kind: string, id: string) {
      usable();
      return (await current(kind, id)) as VersionedRecord<T> | null;
    },
    async putRecord<T>(
      kind: string,
      id: string,
      data: T,
      expectedVersion: string | null,
      audit?: AuditEntry,
    ) {
      usable();
      const key = keyOf(kind, id);
      const seen = await current(kind, id);
      if ((seen?.version ?? null) !== expectedVersion) {
        read.delete(key);
        throw new ConflictError(
          `${kind} ${id}: expected version ${expectedVersion ?? '(none)'} but it is ${seen?.version ?? '(none)'}`,
        );
      }
      const version = `batch-${++writes}`;
      const own = held.get(key);
      if (own) {
        own.write.data = data;
        own.version = version;
        if (audit) own.write.audit.push(audit);
      } else {
        held.set(key, {
          write: { kind, id, data, expectedVersion, audit: audit ? [audit] : [] },
          version,
        });
      }
      return { kind, id, version, data, updated_at: new Date().toISOString() };
    },
  };

  return {
    records,
    async commit() {
      usable();
      committed = true;
      if (held.size > 0) await store.putRecords([...held.values()].map(({ write }) => write));
    },
  };
}
