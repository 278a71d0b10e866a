import { createHash } from 'node:crypto';
import type { SourceAdapter } from '../../crawlers/adapters/source-adapter.ts';
import { type CrawlPassResult, runCrawlPass } from '../../crawlers/crawl-pass.ts';
import type { Fetcher, FetchPolicy } from '../../crawlers/fetcher.ts';
import type { FetchedPage } from '../../crawlers/page.ts';
import type { SeenPosts } from '../../crawlers/seen-posts.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import type { SourceHealthStore } from '../../crawlers/source-health.ts';
import type { Post } from '../domain/post.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { errorMessage, PermanentError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Payload } from '../queues/payloads.ts';
import type { Emit } from '../queues/pipeline-queues.ts';
import type { Evidence } from '../store/workflow-records.ts';

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
  /** Keeps what each new post's page looked like (the store's evidence). */
  keepEvidence?: (items: readonly Evidence[]) => Promise<void>;
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
      const { lastPassIncomplete } = await deps.seen.passStarted(source.id);
      if (lastPassIncomplete)
        deps.logger.warn({ source: source.id }, 'the last pass ended early: reading past known posts');
      result = await runCrawlPass({
        adapter,
        source,
        fetcher: deps.fetcher,
        policy: deps.policyFor(source),
        known: (ids) => deps.seen.known(source.id, ids),
        // A window starting at the newest post seen would skip what the unfinished pass missed.
        newestSeen: lastPassIncomplete ? null : await deps.seen.newestSeen(source.id),
        readPastKnown: lastPassIncomplete,
        logger: deps.logger.child({ source: source.id }),
        take: async (posts, page) => {
          const unseen = await deps.seen.unseen(source.id, posts);
          // Evidence first: if it cannot be kept, the job fails before the posts are handed on.
          if (page?.bytes && unseen.length > 0) await deps.keepEvidence?.(evidenceOf(unseen, page));
          await deps.emit(unseen.map((post) => ({ post })));
          await deps.seen.remember(source.id, unseen);
          fresh += unseen.length;
        },
      });
    } catch (error) {
      await deps.health?.recordFailure(source.id, now(), errorMessage(error));
      throw error;
    }
    if (!result.truncated && !result.blocked) await deps.seen.passCompleted(source.id);
    await deps.health?.recordPass(source.id, { at: now(), fresh, blocked: result.blocked });
    return { ...result, fresh };
  };
}

/** The page each post was read from, hashed as fetched, so public security can show it unaltered. */
function evidenceOf(posts: readonly Post[], page: FetchedPage): Evidence[] {
  const body = Buffer.from(page.bytes as Uint8Array);
  const sha256 = createHash('sha256').update(body).digest('hex');
  return posts.map((post) => ({
    post_id: post.id,
    url: page.url,
    fetched_at: toShanghaiIso(page.fetchedAt),
    content_type: page.contentType,
    sha256,
    body,
  }));
}
