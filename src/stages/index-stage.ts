import { postContentHash } from '../domain/content-hash.ts';
import { fingerprintOf } from '../events/fingerprint.ts';
import type { Payload } from '../queues/payloads.ts';
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
 * Stores the classified post, then hands every post with a level to the event stage. It does
 * so even for an unchanged post: if a crash came between storing and handing on, the retry must
 * still hand on. The event stage adding a post it already has changes nothing.
 */
export function createIndexStage(deps: IndexStageDeps) {
  return async ({ post, classification, words }: Payload<'index'>): Promise<IndexResult> => {
    const stored = { post, classification, content_hash: postContentHash(post), ...(words ? { words } : {}) };
    const [outcome] = await deps.store.upsertPosts([stored]);
    const eventful = classification.level !== 'none' && outcome !== 'rejected';
    if (eventful) {
      await deps.emit([{ v: 1, post, classification, fingerprint: fingerprintOf(post, words) }]);
    }
    return { post_id: post.id, outcome: outcome as UpsertOutcome, eventful };
  };
}
