import type { SourceAdapter } from '../../crawlers/adapters/source-adapter.ts';
import { type CrawlPassResult, runCrawlPass } from '../../crawlers/crawl-pass.ts';
import type { Fetcher, FetchPolicy } from '../../crawlers/fetcher.ts';
import type { SeenPosts } from '../../crawlers/seen-posts.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import type { SourceHealthStore } from '../../crawlers/source-health.ts';
import { errorMessage, PermanentError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';

export interface CollectStageDeps {
  sources: ReadonlyMap<string, SourceConfig>;
  // biome-ignore lint/suspicious/noExplicitAny: options were checked against the adapter's schema at start.
  adapters: ReadonlyMap<string, SourceAdapter<any>>;
  fetcher: Fetcher;
  seen: SeenPosts;
  emit: Emit<'classify'>;
  /** How to fetch each source (politeness, credentials, network allowance). */
  policyFor(source: SourceConfig): FetchPolicy;
  /** Where each pass's outcome is recorded for the operators. */
  health?: SourceHealthStore;
  logger: Logger;
  now?: () => number;
}

export interface CollectResult extends CrawlPassResult {
  /** Posts new or edited since the last pass, handed to classification. */
  fresh: number;
}

/**
 * One collection pass over a source (see crawl-pass.ts), handing new and edited posts to
 * classification and remembering them only once they are safely queued.
 */
export function createCollectStage(deps: CollectStageDeps) {
  return async (payload: Payload<'collect'>): Promise<CollectResult> => {
    const source = deps.sources.get(payload.source);
    if (!source) throw new PermanentError(`unknown source "${payload.source}"`, { code: 'unknown_source' });
    const adapter = deps.adapters.get(source.kind);
    if (!adapter) throw new PermanentError(`no adapter for kind "${source.kind}"`, { code: 'unknown_kind' });
    let fresh = 0;
    const now = deps.now ?? Date.now;
    let result: CrawlPassResult;
    try {
      result = await runCrawlPass({
        adapter,
        source,
        fetcher: deps.fetcher,
        policy: deps.policyFor(source),
        known: (ids) => deps.seen.known(source.id, ids),
        newestSeen: await deps.seen.newestSeen(source.id),
        logger: deps.logger.child({ source: source.id }),
        take: async (posts) => {
          const unseen = await deps.seen.unseen(source.id, posts);
          await deps.emit(unseen.map((post) => ({ v: 1, post })));
          await deps.seen.remember(source.id, unseen);
          fresh += unseen.length;
        },
      });
    } catch (error) {
      await deps.health?.recordFailure(source.id, now(), errorMessage(error));
      throw error;
    }
    await deps.health?.recordPass(source.id, { at: now(), fresh, blocked: result.blocked });
    return { ...result, fresh };
  };
}
