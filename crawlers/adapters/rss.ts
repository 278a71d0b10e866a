import type { Post } from '../../src/domain/post.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import {
  emptyPage,
  type FetchedPage,
  type ItemProblem,
  MalformedPageError,
  type PageRequest,
  type ParsedPage,
} from '../page.ts';
import { articleText } from './rss/article-text.ts';
import { readFeed } from './rss/feed-items.ts';
import { itemPost } from './rss/item-post.ts';
import { type RssOptions, rssOptionsSchema } from './rss/options.ts';
import type { SourceAdapter } from './source-adapter.ts';

export type { RssOptions } from './rss/options.ts';

/**
 * A news RSS 2.0 or Atom feed (FORMATS.md §7). Feeds carry summaries, so each new item's
 * article page is read for the full text; the feed's title and time stay. A feed that is no
 * feed fails the pass (MalformedPageError); an article page without a readable body keeps the
 * summary and says so.
 */
export const rssAdapter: SourceAdapter<RssOptions> = {
  kind: 'rss',
  optionsSchema: rssOptionsSchema,
  start: ({ options }) => [{ url: options.url, purpose: 'list', page: 1 }],
  parse: (page, { sourceId, options }) =>
    page.request.purpose === 'detail' ? articlePage(page, options) : feedPage(page, sourceId, options),
};

function feedPage(page: FetchedPage, sourceId: string, options: RssOptions): ParsedPage {
  const items = readFeed(page.body, page.url);
  if (!items) throw new MalformedPageError(page.url, 'neither an RSS nor an Atom feed');
  const parsed: ParsedPage = emptyPage();
  items.slice(0, options.max_items).forEach((item, index) => {
    const post = itemPost(item, index, page, sourceId, parsed.problems);
    if (!post) return;
    if (options.fetch_article) parsed.next.push(articleRequest(post, page));
    else parsed.posts.push(post);
  });
  return parsed;
}

function articleRequest(summary: Post, feed: FetchedPage): PageRequest {
  return { url: summary.url, purpose: 'detail', page: feed.request.page, partial: summary };
}

/** Returning no post lets the pass hand on the feed's version (the request's `partial`). */
function articlePage(page: FetchedPage, options: RssOptions): ParsedPage {
  const summary = page.request.partial;
  if (!summary) return emptyPage();
  const text = articleText(page.body, options.article_selectors, summary.text);
  if (!text) {
    const problem: ItemProblem = {
      url: page.url,
      item: 0,
      severity: 'degraded',
      reason: `no readable article body (${page.charset}); the feed's summary kept`,
    };
    return { ...emptyPage(), problems: [problem] };
  }
  return { posts: [{ ...summary, text, fetched_at: toShanghaiIso(page.fetchedAt) }], next: [], problems: [] };
}
