import { postContentHash } from '../domain/content-hash.ts';
import { fingerprintOf } from '../events/fingerprint.ts';
import type { Item } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { Store, UpsertOutcome } from '../store/store.ts';

export interface IndexStageDeps {
  store: Store;
  emit: Emit<'event'>;
}

export interface IndexResult {
  post_id: string;
  outcome: UpsertOutcome;
  /** Whether the post went on to the event stage (it bears on wages: it has a level). */
  eventful: boolean;
}

/**
 * Stores a batch of classified posts in one write, then hands every post with a level to the
 * event stage. It does so even for an unchanged post: if a crash came between storing and
 * handing on, the retry must still hand on. The event stage adding a post it already has
 * changes nothing.
 */
export function createIndexStage(deps: IndexStageDeps) {
  return async (items: readonly Item<'index'>[]): Promise<IndexResult[]> => {
    const outcomes = await deps.store.upsertPosts(
      items.map(({ post, classification, words }) => ({
        post,
        classification,
        content_hash: postContentHash(post),
        ...(words ? { words } : {}),
      })),
    );
    const results = items.map(({ post, classification }, i): IndexResult => {
      const outcome = outcomes[i] as UpsertOutcome;
      return {
        post_id: post.id,
        outcome,
        eventful: classification.level !== 'none' && outcome !== 'rejected',
      };
    });
    await deps.emit(
      items
        .filter((_item, i) => results[i]?.eventful)
        .map(({ post, classification, words }) => ({
          post,
          classification,
          fingerprint: fingerprintOf(post, words),
        })),
    );
    return results;
  };
}
