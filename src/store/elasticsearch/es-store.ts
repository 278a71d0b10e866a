import { Client } from '@elastic/elasticsearch';
import type { Logger } from '../../logger.ts';
import { highlight } from '../highlight.ts';
import { type PostFilter, pageOf } from '../post-query.ts';
import type { SearchTokenizer } from '../search-tokens.ts';
import type { Store } from '../store.ts';
import { type BulkLimits, bulkUpsertPosts } from './es-bulk.ts';
import { fromPostDocument, type PostDocument } from './es-documents.ts';
import { checkCluster } from './es-health.ts';
import { createLedgers } from './es-ledgers.ts';
import { indexNames, installTemplates } from './es-mappings.ts';
import { aggregations, postQuery, postSort, readBuckets } from './es-query.ts';
import { deleteOlderThan } from './es-retention.ts';
import { type RetryPolicy, withRetry } from './es-retry.ts';

export interface ElasticsearchStoreOptions {
  url: string;
  /** Every index and alias starts with this, so deployments can share a cluster. */
  indexPrefix: string;
  auth?: { username: string; password: string } | { apiKey: string } | undefined;
  requestTimeoutMs: number;
  limits: BulkLimits;
  retry: RetryPolicy;
  /** Wait for each write to be searchable: for tests and demos; production leaves it off. */
  refresh: boolean;
  tokenizeForIndex: SearchTokenizer;
  tokenizeForQuery: SearchTokenizer;
  logger: Logger;
  /** A client built elsewhere (a mock connection in tests). */
  client?: Client;
}

/**
 * The store on an Elasticsearch 8.x/9.x cluster through the official client: posts in monthly
 * indices behind an alias, jieba words under a whitespace analyzer, keyword fields for filters.
 * Checks the cluster and installs its templates before answering anything.
 */
export async function createElasticsearchStore(options: ElasticsearchStoreOptions): Promise<Store> {
  const client =
    options.client ??
    new Client({
      node: options.url,
      auth: options.auth,
      requestTimeout: options.requestTimeoutMs,
      maxRetries: 0,
      compression: true,
    });
  const names = indexNames(options.indexPrefix);
  await checkCluster(client, options.url);
  await withRetry('install templates', options.retry, () => installTemplates(client, options.indexPrefix));
  const call = <T>(what: string, request: () => Promise<T>) => withRetry(what, options.retry, request);
  const ledgers = createLedgers({ client, names, retry: options.retry });
  const countOf = async (filter: PostFilter = {}) =>
    (
      await call('count posts', () =>
        client.count({
          index: names.posts,
          query: postQuery(filter, []),
          ignore_unavailable: true,
          allow_no_indices: true,
        }),
      )
    ).count;

  return {
    upsertPosts: (items) =>
      bulkUpsertPosts(
        {
          client,
          names,
          tokenize: options.tokenizeForIndex,
          limits: options.limits,
          retry: options.retry,
          refresh: options.refresh,
          logger: options.logger,
        },
        items,
      ),
    async getPost(id) {
      const response = await call('get post', () =>
        client.search<PostDocument>({
          index: names.posts,
          query: { ids: { values: [id] } },
          size: 1,
          ignore_unavailable: true,
          allow_no_indices: true,
        }),
      );
      const hit = response.hits.hits[0]?._source;
      return hit ? fromPostDocument(hit) : null;
    },
    async searchPosts(query) {
      const words = query.text ? options.tokenizeForQuery(query.text) : [];
      if (query.text && words.length === 0) return { total: 0, hits: [] };
      const { limit, offset } = pageOf(query);
      const response = await call('search posts', () =>
        client.search<PostDocument>({
          index: names.posts,
          query: postQuery(query, words),
          sort: postSort(query, words.length > 0) as never,
          from: offset,
          size: limit,
          track_total_hits: true,
          ignore_unavailable: true,
          allow_no_indices: true,
        }),
      );
      const total = response.hits.total;
      return {
        total: typeof total === 'number' ? total : (total?.value ?? 0),
        hits: response.hits.hits.map((hit) => {
          const item = fromPostDocument(hit._source as PostDocument);
          return {
            ...item,
            highlight:
              words.length > 0 ? highlight(`${item.post.title ?? ''} ${item.post.text}`.trim(), words) : null,
          };
        }),
      };
    },
    countPosts: countOf,
    async aggregatePosts(query) {
      const response = await call('aggregate posts', () =>
        client.search({
          index: names.posts,
          query: postQuery(query.filter ?? {}, []),
          aggs: aggregations(query.by) as never,
          size: 0,
          track_total_hits: true,
          ignore_unavailable: true,
          allow_no_indices: true,
        }),
      );
      const total = response.hits.total;
      const raw = (response.aggregations?.by as { buckets?: never[] } | undefined)?.buckets ?? [];
      return { total: typeof total === 'number' ? total : (total?.value ?? 0), buckets: readBuckets(raw) };
    },
    async *scanPosts(batchSize) {
      let after: unknown[] | undefined;
      for (;;) {
        const response = await call('scan posts', () =>
          client.search<PostDocument>({
            index: names.posts,
            sort: [{ published_at: 'asc' }, { id: 'asc' }],
            size: batchSize,
            ...(after ? { search_after: after as never } : {}),
            ignore_unavailable: true,
            allow_no_indices: true,
          }),
        );
        const hits = response.hits.hits;
        if (hits.length === 0) return;
        after = hits.at(-1)?.sort;
        yield hits.map((hit) => fromPostDocument(hit._source as PostDocument));
      }
    },
    putEvidence: ledgers.putEvidence,
    listEvidence: ledgers.listEvidence,
    recordAlert: ledgers.recordAlert,
    countAlerts: ledgers.countAlerts,
    alertsForPost: ledgers.alertsForPost,
    recordDelivery: ledgers.recordDelivery,
    listDeliveries: ledgers.listDeliveries,
    getRecord: ledgers.getRecord,
    putRecord: ledgers.putRecord,
    putRecords: ledgers.putRecords,
    listRecords: ledgers.listRecords,
    appendAudit: ledgers.appendAudit,
    listAudit: ledgers.listAudit,
    deleteOlderThan: (cutoff) => deleteOlderThan(client, names, options.retry, cutoff),
    async close() {
      if (!options.client) await client.close();
    },
  };
}
