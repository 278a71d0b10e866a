import { type Post, postSchema } from '../src/domain/post.ts';
import { errorMessage, PermanentError } from '../src/errors.ts';
import type { Logger } from '../src/logger.ts';
import type { SourceAdapter } from './adapters/source-adapter.ts';
import type { Fetcher, FetchPolicy } from './fetcher.ts';
import type { BlockedPage, FetchedPage, ItemProblem, PageRequest } from './page.ts';
import type { SourceConfig } from './source-config.ts';

/** Hard stop for one pass, whatever an adapter's paging says, so a loop cannot run forever. */
export const MAX_REQUESTS_PER_PASS = 200;

export interface CrawlPassDeps {
  // biome-ignore lint/suspicious/noExplicitAny: options were checked against the adapter's schema at load.
  adapter: SourceAdapter<any>;
  source: SourceConfig;
  fetcher: Fetcher;
  policy: FetchPolicy;
  /** Which post ids the source handed on before (to stop paging at known posts). */
  known(ids: readonly string[]): Promise<boolean[]>;
  /** Takes the posts read from one page, with the page they came from (for evidence). */
  take(posts: readonly Post[], page: FetchedPage | null): Promise<void>;
  newestSeen: string | null;
  /**
   * The last pass ended early: follow list pages past known posts (up to the adapter's page
   * limit and the request cap), so what it never reached is read now.
   */
  readPastKnown?: boolean;
  logger: Logger;
  now?: () => Date;
  maxRequests?: number;
}

export interface CrawlPassResult {
  source: string;
  pages: number;
  found: number;
  dropped: number;
  degraded: number;
  /** Set when the platform answered with a login, captcha or block page. */
  blocked: BlockedPage | null;
  /** Detail pages that failed; their posts were handed on as read from the list. */
  detailFailures: number;
  /** True when the pass stopped at the request cap with pages still to fetch. */
  truncated: boolean;
}

/**
 * One collection pass over a source: fetch the adapter's requests, read posts, follow its next
 * pages and details. Paging stops at a list page that holds only known posts, so a pass reads
 * what is new, and after an outage it reads back until it meets known posts again; after a pass
 * that ended early (`readPastKnown`) it reads on past them, as far as its limits go. A detail page
 * that cannot be had never loses its post: the list's version is handed on instead. A failed
 * list page fails the pass (the job is retried; posts already taken are not sent twice).
 */
export async function runCrawlPass(deps: CrawlPassDeps): Promise<CrawlPassResult> {
  const { adapter, source, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const context = { sourceId: source.id, options: source.options };
  const pending: PageRequest[] = adapter.start({ ...context, now: now(), newestSeen: deps.newestSeen });
  const result: CrawlPassResult = {
    source: source.id,
    pages: 0,
    found: 0,
    dropped: 0,
    degraded: 0,
    blocked: null,
    detailFailures: 0,
    truncated: false,
  };
  const maxRequests = deps.maxRequests ?? MAX_REQUESTS_PER_PASS;
  while (pending.length > 0) {
    if (result.pages >= maxRequests) {
      result.truncated = true;
      logger.warn({ pending: pending.length }, 'request cap reached; the rest waits for the next pass');
      break;
    }
    const request = pending.shift() as PageRequest;
    let page: FetchedPage;
    try {
      page = await deps.fetcher.fetch(request, deps.policy);
    } catch (error) {
      const refusal = blockOf(error);
      if (refusal) {
        // 401/403/432 are the platform saying no to us, not a broken page: a health problem.
        result.blocked = refusal;
        logger.warn({ url: request.url, ...refusal }, 'source refused the request');
        if (request.partial) await takeValid([request.partial], null);
        break;
      }
      if (request.purpose !== 'detail' || !request.partial) throw error;
      result.detailFailures++;
      logger.warn({ url: request.url, reason: errorMessage(error) }, 'detail page failed; list version kept');
      await takeValid([request.partial], null);
      continue;
    }
    result.pages++;
    if (page.notModified) continue;
    let parsed: ReturnType<typeof adapter.parse>;
    try {
      parsed = adapter.parse(page, context);
    } catch (error) {
      // A detail page that cannot be read must not cost its post: keep the list's version.
      if (!request.partial) throw error;
      result.detailFailures++;
      logger.warn(
        { url: page.url, reason: errorMessage(error) },
        'detail page unreadable; list version kept',
      );
      await takeValid([request.partial], null);
      continue;
    }
    report(parsed.problems);
    if (parsed.blocked) {
      result.blocked = parsed.blocked;
      logger.warn({ url: page.url, ...parsed.blocked }, 'source answered with a block page');
      if (request.partial) await takeValid([request.partial], null);
      break;
    }
    if (request.partial && parsed.posts.length === 0) {
      // A detail page that yields nothing (deleted, changed layout): keep the list's version.
      result.detailFailures++;
      await takeValid([request.partial], null);
    }
    // Decide what to follow before taking the posts, which makes them known.
    const follow = await worthFollowing(request, parsed.posts, parsed.next);
    await takeValid(parsed.posts, page);
    pending.push(...follow);
  }
  logger.info(result, 'collection pass done');
  return result;

  async function takeValid(posts: readonly Post[], page: FetchedPage | null): Promise<void> {
    const valid = posts.filter((post) => isValidPost(post, logger));
    result.dropped += posts.length - valid.length;
    result.found += valid.length;
    if (valid.length > 0) await deps.take(valid, page);
  }

  function report(problems: readonly ItemProblem[]): void {
    for (const problem of problems) {
      if (problem.severity === 'dropped') result.dropped++;
      else result.degraded++;
      logger.warn({ url: problem.url, item: problem.item, severity: problem.severity }, problem.reason);
    }
  }

  /** Next list pages only while a page still held unknown posts; details only for unknown posts. */
  async function worthFollowing(
    request: PageRequest,
    posts: readonly Post[],
    next: readonly PageRequest[],
  ): Promise<PageRequest[]> {
    const details = next.filter((r) => r.purpose === 'detail' && r.partial);
    const detailKnown = await deps.known(details.map((r) => (r.partial as Post).id));
    const listIds = [...posts.map((p) => p.id), ...details.map((r) => (r.partial as Post).id)];
    const allKnown =
      !deps.readPastKnown &&
      request.purpose === 'list' &&
      listIds.length > 0 &&
      (await deps.known(listIds)).every(Boolean);
    return next.filter((r) => {
      if (r.purpose === 'list') return !allKnown;
      if (!r.partial) return true;
      return !detailKnown[details.indexOf(r)];
    });
  }
}

/** An adapter bug must not poison the next queue: check each post before handing it on. */
function isValidPost(post: Post, log: Logger): boolean {
  const checked = postSchema.safeParse(post);
  if (!checked.success)
    log.error(
      { postId: post.id, issues: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
      'adapter produced an invalid post',
    );
  return checked.success;
}

/** HTTP answers that mean the platform refuses us (432 is Weibo's anti-crawler answer). */
const REFUSALS: Readonly<Record<string, BlockedPage['reason']>> = {
  http_401: 'credential_expired',
  http_403: 'forbidden',
  http_432: 'credential_expired',
};

function blockOf(error: unknown): BlockedPage | null {
  const reason = error instanceof PermanentError ? REFUSALS[error.code] : undefined;
  return reason ? { reason, detail: (error as Error).message } : null;
}
