import type { Client } from '@elastic/elasticsearch';
import { TransientError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { StoredPost, UpsertOutcome } from '../store.ts';
import { type PostDocument, postMonth, toPostDocument, UPSERT_SCRIPT } from './es-documents.ts';
import type { IndexNames } from './es-mappings.ts';
import { type RetryPolicy, withRetry } from './es-retry.ts';

export interface BulkLimits {
  maxDocs: number;
  maxBytes: number;
  /** How often an item the cluster answered 429 for is sent again before the job gives up. */
  itemRetries: number;
}

interface Pending {
  index: number;
  lines: [object, object];
  bytes: number;
  doc: PostDocument;
}

interface BulkItemResult {
  status: number;
  result?: string;
  error?: { type?: string; reason?: string };
}

export interface BulkDeps {
  client: Client;
  names: IndexNames;
  tokenize(text: string): string[];
  limits: BulkLimits;
  retry: RetryPolicy;
  refresh: boolean;
  logger: Logger;
  now?: () => Date;
}

/**
 * Upserts posts in bounded batches (documents and bytes). Per item: created, updated or noop;
 * a 429 is sent again with backoff; any other failure goes to the dead-letter index with its
 * status and reason and is reported as `rejected`. Indexed plus dead-lettered always equals
 * the input; if 429s outlast the retries, the whole call fails so the job is retried.
 */
export async function bulkUpsertPosts(
  deps: BulkDeps,
  items: readonly StoredPost[],
): Promise<UpsertOutcome[]> {
  const outcomes: UpsertOutcome[] = new Array(items.length);
  let pending: Pending[] = items.map((item, index) => {
    const doc = toPostDocument(
      item,
      item.words ?? deps.tokenize(`${item.post.title ?? ''} ${item.post.text}`),
    );
    const lines: [object, object] = [
      { update: { _index: deps.names.postsFor(postMonth(item)), _id: item.post.id, retry_on_conflict: 3 } },
      { script: { lang: 'painless', source: UPSERT_SCRIPT, params: { doc } }, upsert: doc },
    ];
    return { index, lines, bytes: JSON.stringify(lines).length + 2, doc };
  });
  const rejected: { pending: Pending; result: BulkItemResult }[] = [];
  for (let round = 0; pending.length > 0; round++) {
    if (round > deps.limits.itemRetries) {
      throw new TransientError(
        `Elasticsearch kept answering 429 for ${pending.length} posts; the job will be retried`,
        { code: 'es_throttled' },
      );
    }
    if (round > 0)
      await (deps.retry.sleep ?? sleep)(
        Math.min(deps.retry.maxDelayMs, deps.retry.baseDelayMs * 2 ** (round - 1)),
      );
    const throttled: Pending[] = [];
    for (const batch of batches(pending, deps.limits)) {
      const response = await withRetry('bulk upsert', deps.retry, () =>
        deps.client.bulk({
          operations: batch.flatMap((p) => p.lines),
          refresh: deps.refresh ? 'wait_for' : false,
        }),
      );
      response.items.forEach((entry, at) => {
        const result = (entry.update ?? Object.values(entry)[0]) as BulkItemResult;
        const item = batch[at] as Pending;
        if (!result.error)
          outcomes[item.index] =
            result.result === 'created' ? 'inserted' : result.result === 'noop' ? 'unchanged' : 'updated';
        else if (result.status === 429) throttled.push(item);
        else rejected.push({ pending: item, result });
      });
    }
    pending = throttled;
  }
  if (rejected.length > 0) {
    await deadLetter(deps, rejected);
    for (const { pending: item } of rejected) outcomes[item.index] = 'rejected';
  }
  return outcomes;
}

/** Keeps what the cluster refused, with why, so nothing is lost silently. */
async function deadLetter(
  deps: BulkDeps,
  rejected: readonly { pending: Pending; result: BulkItemResult }[],
): Promise<void> {
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const operations = rejected.flatMap(({ pending, result }) => [
    { index: { _index: deps.names.deadLetters } },
    {
      post_id: pending.doc.id,
      status: result.status,
      reason: `${result.error?.type ?? 'error'}: ${result.error?.reason ?? ''}`,
      at,
      item: pending.doc,
    },
  ]);
  const response = await withRetry('dead-letter', deps.retry, () =>
    deps.client.bulk({ operations, refresh: deps.refresh ? 'wait_for' : false }),
  );
  if (response.errors)
    throw new TransientError('Elasticsearch refused the dead-letter records too; the job will be retried', {
      code: 'es_dead_letter',
    });
  for (const { pending, result } of rejected) {
    deps.logger.error(
      { postId: pending.doc.id, status: result.status, reason: result.error?.reason },
      'post refused by Elasticsearch, kept as a dead letter',
    );
  }
}

function* batches(pending: readonly Pending[], limits: BulkLimits): Generator<Pending[]> {
  let batch: Pending[] = [];
  let bytes = 0;
  for (const item of pending) {
    if (batch.length > 0 && (batch.length >= limits.maxDocs || bytes + item.bytes > limits.maxBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += item.bytes;
  }
  if (batch.length > 0) yield batch;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
