import type { SourceAdapter } from '../../crawlers/adapters/source-adapter.ts';
import type { Fetcher } from '../../crawlers/fetcher.ts';
import type { PageRequest } from '../../crawlers/page.ts';
import type { SeenPosts } from '../../crawlers/seen-posts.ts';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import { type Post, postSchema } from '../domain/post.ts';
import { PermanentError } from '../errors.ts';
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
  defaultMinIntervalMs: number;
  logger: Logger;
}

export interface CollectResult {
  source: string;
  pages: number;
  found: number;
  fresh: number;
  dropped: number;
}

/** Hard stop for one pass, whatever an adapter's paging says, so a loop cannot run forever. */
const MAX_REQUESTS_PER_PASS = 200;

/**
 * One collection pass over a source: fetch its pages, read posts, hand new or edited ones to
 * classification. A page that fails fails the pass; the retry skips what was already handed on.
 */
export function createCollectStage(deps: CollectStageDeps) {
  return async (payload: Payload<'collect'>): Promise<CollectResult> => {
    const source = deps.sources.get(payload.source);
    if (!source) throw new PermanentError(`unknown source "${payload.source}"`, { code: 'unknown_source' });
    const adapter = deps.adapters.get(source.kind);
    if (!adapter) throw new PermanentError(`no adapter for kind "${source.kind}"`, { code: 'unknown_kind' });
    const log = deps.logger.child({ source: source.id });
    const policy = {
      minIntervalMs: source.min_interval_ms ?? deps.defaultMinIntervalMs,
      charsetFallback: source.charset,
    };
    const pending: PageRequest[] = adapter.start(source.options);
    const result: CollectResult = { source: source.id, pages: 0, found: 0, fresh: 0, dropped: 0 };
    while (pending.length > 0 && result.pages < MAX_REQUESTS_PER_PASS) {
      const request = pending.shift() as PageRequest;
      const page = await deps.fetcher.fetch(request, policy);
      const parsed = adapter.parse(page, source.id, source.options);
      result.pages++;
      for (const problem of parsed.problems)
        log.warn({ url: problem.url, item: problem.item, severity: problem.severity }, problem.reason);
      const posts = parsed.posts.filter((post) => isValidPost(post, log));
      result.dropped +=
        parsed.problems.filter((p) => p.severity === 'dropped').length + parsed.posts.length - posts.length;
      result.found += posts.length;
      const fresh = await deps.seen.unseen(source.id, posts);
      await deps.emit(fresh.map((post) => ({ v: 1, post })));
      await deps.seen.remember(source.id, fresh);
      result.fresh += fresh.length;
      pending.push(...parsed.next);
    }
    log.info(result, 'collection pass done');
    return result;
  };
}

/** An adapter bug must not poison the next queue: check each post before handing it on. */
function isValidPost(post: Post, log: Logger): boolean {
  const checked = postSchema.safeParse(post);
  if (!checked.success)
    log.error(
      { postId: post.id, issues: checked.error.issues.map((i) => i.message) },
      'adapter produced an invalid post',
    );
  return checked.success;
}
