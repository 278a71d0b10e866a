import type Database from 'better-sqlite3';
import { ConflictError } from '../../errors.ts';
import type { AuditEntry, AuditFilter, ListRecordsOptions, VersionedRecord } from '../workflow-records.ts';

interface RecordRow {
  kind: string;
  id: string;
  version: number;
  data: string;
  updated_at: string;
}

interface AuditRow {
  at: string;
  actor: string;
  action: string;
  target_kind: string;
  target_id: string;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** Versioned workflow records: a write names the version it read, or it is refused. */
export function createRecordTable(db: Database.Database) {
  const statements = {
    get: db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE kind = ? AND id = ?'),
    insert: db.prepare(
      'INSERT OR IGNORE INTO records (kind, id, version, data, updated_at) VALUES (?, ?, 1, ?, ?)',
    ),
    update: db.prepare(
      'UPDATE records SET version = version + 1, data = ?, updated_at = ? WHERE kind = ? AND id = ? AND version = ?',
    ),
    list: db.prepare<[string, string, number], RecordRow>(
      'SELECT * FROM records WHERE kind = ? AND id > ? ORDER BY id LIMIT ?',
    ),
  };
  const toRecord = <T>(row: RecordRow): VersionedRecord<T> => ({
    kind: row.kind,
    id: row.id,
    version: String(row.version),
    data: JSON.parse(row.data) as T,
    updated_at: row.updated_at,
  });
  return {
    get<T>(kind: string, id: string): VersionedRecord<T> | null {
      const row = statements.get.get(kind, id);
      return row ? toRecord<T>(row) : null;
    },
    put<T>(kind: string, id: string, data: T, expectedVersion: string | null): VersionedRecord<T> {
      const now = new Date().toISOString();
      const json = JSON.stringify(data);
      const changed =
        expectedVersion === null
          ? statements.insert.run(kind, id, json, now).changes
          : statements.update.run(json, now, kind, id, Number(expectedVersion)).changes;
      if (changed === 0) {
        const current = statements.get.get(kind, id);
        throw new ConflictError(
          `${kind} ${id}: expected version ${expectedVersion ?? '(none)'} but it is ${current ? current.version : '(none)'}`,
        );
      }
      // What was written, without reading it back: the row now holds exactly this.
      const version = expectedVersion === null ? 1 : Number(expectedVersion) + 1;
      return { kind, id, version: String(version), data, updated_at: now };
    },
    list<T>(kind: string, options: ListRecordsOptions = {}): VersionedRecord<T>[] {
      return statements.list
        .all(kind, options.after ?? '', Math.min(options.limit ?? 100, 1000))
        .map((row) => toRecord<T>(row));
    },
  };
}

/** The audit log: insert and read only; triggers refuse updates and deletes. */
export function createAuditTable(db: Database.Database) {
  const insert = db.prepare(
    `INSERT INTO audit (at, actor, action, target_kind, target_id, reason, before_json, after_json)
     VALUES (@at, @actor, @action, @target_kind, @target_id, @reason, @before_json, @after_json)`,
  );
  return {
    append(entry: AuditEntry): void {
      insert.run({
        ...entry,
        reason: entry.reason ?? null,
        before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
        after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      });
    },
    list(filter: AuditFilter = {}): AuditEntry[] {
      const where: string[] = [];
      const params: unknown[] = [];
      for (const key of ['target_kind', 'target_id', 'actor'] as const) {
        if (filter[key] !== undefined) {
          where.push(`${key} = ?`);
          params.push(filter[key]);
        }
      }
      if (filter.since) {
        where.push('at >= ?');
        params.push(filter.since);
      }
      const sql = `SELECT * FROM audit ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq LIMIT ?`;
      const rows = db.prepare(sql).all(...params, Math.min(filter.limit ?? 500, 10_000)) as AuditRow[];
      return rows.map((row) => ({
        at: row.at,
        actor: row.actor,
        action: row.action,
        target_kind: row.target_kind,
        target_id: row.target_id,
        reason: row.reason,
        ...(row.before_json === null ? {} : { before: JSON.parse(row.before_json) }),
        ...(row.after_json === null ? {} : { after: JSON.parse(row.after_json) }),
      }));
    },
  };
}
