import { alertForPost } from '../alerts/alert-message.ts';
import { channelsFor } from '../alerts/route.ts';
import type { RoutingConfig } from '../alerts/routing-schema.ts';
import { postContentHash } from '../domain/content-hash.ts';
import type { Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { Store, UpsertOutcome } from '../store/store.ts';

export interface IndexStageDeps {
  store: Store;
  routing: RoutingConfig;
  emit: Emit<'alert'>;
}

export interface IndexResult {
  post_id: string;
  outcome: UpsertOutcome;
  alerted: boolean;
}

/**
 * Stores the classified post, then asks for an alert whenever its level is routed somewhere.
 * The alert is requested even for an unchanged post: if a crash came between storing and
 * asking, the retry must still ask. The alert stage's ledger makes repeats harmless.
 */
export function createIndexStage(deps: IndexStageDeps) {
  return async ({ post, classification, words }: Payload<'index'>): Promise<IndexResult> => {
    const stored = { post, classification, content_hash: postContentHash(post), ...(words ? { words } : {}) };
    const [outcome] = await deps.store.upsertPosts([stored]);
    const alert = alertForPost(stored);
    const alerted = alert !== null && channelsFor(deps.routing, alert.level).length > 0;
    if (alert && alerted) await deps.emit([{ v: 1, alert }]);
    return { post_id: post.id, outcome: outcome as UpsertOutcome, alerted };
  };
}
