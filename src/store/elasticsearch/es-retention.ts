import type { Client } from '@elastic/elasticsearch';
import type { RetentionResult } from '../workflow-records.ts';
import type { IndexNames } from './es-mappings.ts';
import { type RetryPolicy, withRetry } from './es-retry.ts';

const ID_PAGE = 5000;
/** Ids per delete-by-query, well under the cluster's default terms limit of 65,536. */
const IDS_PER_DELETE = 1000;

/**
 * Deletes posts published before `cutoff` and the captures of those posts, plus any capture
 * fetched before it, the same as the embedded store. The audit index is never touched.
 */
export async function deleteOlderThan(
  client: Client,
  names: IndexNames,
  retry: RetryPolicy,
  cutoff: string,
): Promise<RetentionResult> {
  const call = <T>(what: string, request: () => Promise<T>) => withRetry(what, retry, request);
  const older = { range: { published_at: { lt: cutoff } } };
  const ids: string[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const page = await call('retention: list posts', () =>
      client.search<{ id: string }>({
        index: names.posts,
        query: older,
        _source: ['id'],
        sort: [{ id: 'asc' }],
        size: ID_PAGE,
        ...(after ? { search_after: after as never } : {}),
        ignore_unavailable: true,
        allow_no_indices: true,
      }),
    );
    const hits = page.hits.hits;
    for (const hit of hits) if (hit._source) ids.push(hit._source.id);
    if (hits.length < ID_PAGE) break;
    after = hits.at(-1)?.sort;
  }
  let evidence = 0;
  for (let at = 0; at === 0 || at < ids.length; at += IDS_PER_DELETE) {
    const chunk = ids.slice(at, at + IDS_PER_DELETE);
    const removed = await call('retention: evidence', () =>
      client.deleteByQuery({
        index: names.evidence,
        query: {
          bool: {
            should: [
              { range: { fetched_at: { lt: cutoff } } },
              ...(chunk.length > 0 ? [{ terms: { post_id: chunk } }] : []),
            ],
            minimum_should_match: 1,
          },
        },
        refresh: true,
        conflicts: 'proceed',
        ignore_unavailable: true,
        allow_no_indices: true,
      }),
    );
    evidence += removed.deleted ?? 0;
  }
  const posts = await call('retention: posts', () =>
    client.deleteByQuery({
      index: names.posts,
      query: older,
      refresh: true,
      conflicts: 'proceed',
      ignore_unavailable: true,
      allow_no_indices: true,
    }),
  );
  return { posts: posts.deleted ?? 0, evidence };
}
