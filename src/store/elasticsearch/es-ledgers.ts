import type { Client } from '@elastic/elasticsearch';
import { ConflictError, TransientError } from '../../errors.ts';
import type { AlertRecord, DeliveryRecord, RecordWrite } from '../store.ts';
import type {
  AuditEntry,
  AuditFilter,
  Evidence,
  ListRecordsOptions,
  VersionedRecord,
} from '../workflow-records.ts';
import { statusOf, toProjectError } from './es-errors.ts';
import type { IndexNames } from './es-mappings.ts';
import { type RetryPolicy, withRetry } from './es-retry.ts';

interface LedgerDeps {
  client: Client;
  names: IndexNames;
  retry: RetryPolicy;
}

type Hit<T> = { _id?: string; _source?: T; _seq_no?: number; _primary_term?: number };

/**
 * Alerts, deliveries, workflow records, audit log and evidence. Writes that later reads depend
 * on (an alert, a delivery, a record) wait for the refresh, so a retry a moment later sees them.
 */
export function createLedgers({ client, names, retry }: LedgerDeps) {
  const call = <T>(what: string, request: () => Promise<T>) => withRetry(what, retry, request);
  const appendAudit = async (entry: AuditEntry): Promise<void> => {
    await call('append audit', () =>
      client.index({ index: names.audit, document: entry, op_type: 'create', refresh: 'wait_for' }),
    );
  };
  const sources = <T>(hits: readonly Hit<T>[]) => hits.map((hit) => hit._source as T);
  const version = (hit: { _seq_no?: number; _primary_term?: number }) =>
    `${hit._seq_no}:${hit._primary_term}`;

  async function putRecord<T>(
    kind: string,
    id: string,
    data: T,
    expectedVersion: string | null,
    audit?: AuditEntry,
  ): Promise<VersionedRecord<T>> {
    const document = { kind, id, data, updated_at: new Date().toISOString() };
    const [seq, term] = (expectedVersion ?? '').split(':').map(Number);
    const concurrency =
      expectedVersion === null
        ? { op_type: 'create' as const }
        : { if_seq_no: seq as number, if_primary_term: term as number };
    let written: { _seq_no?: number; _primary_term?: number };
    try {
      written = await call('put record', () =>
        client.index({
          index: names.records,
          id: `${kind}:${id}`,
          document,
          refresh: 'wait_for',
          ...concurrency,
        }),
      );
    } catch (error) {
      if (error instanceof ConflictError || statusOf((error as Error).cause) === 404) {
        throw new ConflictError(
          `${kind} ${id}: expected version ${expectedVersion ?? '(none)'} is not the current one`,
        );
      }
      throw error;
    }
    // Elasticsearch has no transaction over two indices: the entry follows the record. If it
    // fails, so does the call, and the callers' retry re-reads and finds the change made.
    if (audit) await appendAudit(audit);
    return { ...document, version: version(written) };
  }

  return {
    async recordAlert(alert: AlertRecord): Promise<boolean> {
      try {
        await call('record alert', () =>
          client.index({
            index: names.alerts,
            id: alert.key,
            document: alert,
            op_type: 'create',
            refresh: 'wait_for',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },
    async countAlerts(): Promise<number> {
      return (
        await call('count alerts', () => client.count({ index: names.alerts, ignore_unavailable: true }))
      ).count;
    },
    async alertsForPost(postId: string): Promise<AlertRecord[]> {
      const response = await call('alerts for post', () =>
        client.search<AlertRecord>({
          index: names.alerts,
          query: { term: { post_id: postId } },
          sort: [{ created_at: 'asc' }],
          size: 100,
          ignore_unavailable: true,
        }),
      );
      return sources(response.hits.hits);
    },
    async recordDelivery(delivery: DeliveryRecord): Promise<void> {
      await call('record delivery', () =>
        client.index({ index: names.deliveries, document: delivery, refresh: 'wait_for' }),
      );
    },
    async listDeliveries(alertKey: string): Promise<DeliveryRecord[]> {
      const response = await call('list deliveries', () =>
        client.search<DeliveryRecord>({
          index: names.deliveries,
          query: { term: { alert_key: alertKey } },
          sort: [{ at: 'asc' }, { attempt: 'asc' }],
          size: 1000,
          ignore_unavailable: true,
        }),
      );
      return sources(response.hits.hits);
    },

    async getRecord<T>(kind: string, id: string): Promise<VersionedRecord<T> | null> {
      try {
        const hit = await call('get record', () =>
          client.get<{ kind: string; id: string; data: T; updated_at: string }>({
            index: names.records,
            id: `${kind}:${id}`,
          }),
        );
        if (!hit.found || !hit._source) return null;
        return { ...hit._source, version: version(hit) };
      } catch (error) {
        if (statusOf((error as Error).cause) === 404) return null;
        throw error;
      }
    },
    putRecord,
    async putRecords(writes: readonly RecordWrite[]): Promise<void> {
      // No transaction over several documents here: one after another, each checked, as putRecord.
      for (const { kind, id, data, expectedVersion, audit } of writes) {
        const [first, ...more] = audit;
        await putRecord(kind, id, data, expectedVersion, first);
        for (const entry of more) await appendAudit(entry);
      }
    },
    async listRecords<T>(kind: string, options: ListRecordsOptions = {}): Promise<VersionedRecord<T>[]> {
      const response = await call('list records', () =>
        client.search<{ kind: string; id: string; data: T; updated_at: string }>({
          index: names.records,
          query: {
            bool: {
              filter: [
                { term: { kind } },
                ...(options.after ? [{ range: { id: { gt: options.after } } }] : []),
              ],
            },
          },
          sort: [{ id: 'asc' }],
          size: Math.min(options.limit ?? 100, 1000),
          seq_no_primary_term: true,
          ignore_unavailable: true,
        }),
      );
      return response.hits.hits.map((hit) => ({
        ...(hit._source as { kind: string; id: string; data: T; updated_at: string }),
        version: version(hit),
      }));
    },

    appendAudit,
    async listAudit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
      const clauses: object[] = [];
      for (const key of ['target_kind', 'target_id', 'actor'] as const)
        if (filter[key] !== undefined) clauses.push({ term: { [key]: filter[key] } });
      if (filter.since) clauses.push({ range: { at: { gte: filter.since } } });
      const response = await call('list audit', () =>
        client.search<AuditEntry>({
          index: names.audit,
          query: { bool: { filter: clauses } },
          sort: [{ at: 'asc' }],
          size: Math.min(filter.limit ?? 500, 10_000),
          ignore_unavailable: true,
        }),
      );
      return sources(response.hits.hits).map(({ before, after, ...rest }) => ({
        ...rest,
        reason: rest.reason ?? null,
        ...(before === undefined || before === null ? {} : { before }),
        ...(after === undefined || after === null ? {} : { after }),
      }));
    },

    async putEvidence(items: Evidence | readonly Evidence[]): Promise<void> {
      const all: readonly Evidence[] = Array.isArray(items) ? items : [items as Evidence];
      if (all.length === 0) return;
      const operations = all.flatMap((evidence) => [
        { index: { _index: names.evidence, _id: `${evidence.post_id}:${evidence.sha256}` } },
        { ...evidence, body: evidence.body.toString('base64') },
      ]);
      const response = await call('put evidence', () => client.bulk({ operations, refresh: 'wait_for' }));
      if (response.errors) {
        const failed = response.items.find((item) => Object.values(item)[0]?.error);
        const error = failed ? Object.values(failed)[0]?.error : undefined;
        throw new TransientError(`put evidence: ${error?.type ?? 'error'}: ${error?.reason ?? ''}`, {
          code: 'es_evidence',
        });
      }
    },
    async listEvidence(postId: string): Promise<Evidence[]> {
      const response = await call('list evidence', () =>
        client.search<Omit<Evidence, 'body'> & { body: string }>({
          index: names.evidence,
          query: { term: { post_id: postId } },
          sort: [{ fetched_at: 'asc' }],
          size: 100,
          ignore_unavailable: true,
        }),
      );
      return sources(response.hits.hits).map((hit) => ({ ...hit, body: Buffer.from(hit.body, 'base64') }));
    },
  };
}

/** Wraps a raw client error for places that call the client directly. */
export function esError(what: string, error: unknown): Error {
  return toProjectError(what, error);
}
