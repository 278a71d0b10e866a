import { type FetchedPage, type ItemProblem, MalformedPageError, type ParsedPage } from '../../page.ts';
import { splitWindow, timescope } from './time-window.ts';
import { readSearchCards } from './web-cards.ts';
import type { WeiboWebSearchOptions } from './web-options.ts';
import { readSearchPage } from './web-page.ts';
import { searchRequest, webContextSchema } from './web-requests.ts';

/**
 * One s.weibo.com result page. The site shows at most 50 pages per query, so the first page of a
 * window that links nearly that many is not paged: its window is split (days, then hours) and
 * each part searched on its own, newest first.
 */
export function parseSearchPage(
  page: FetchedPage,
  sourceId: string,
  options: WeiboWebSearchOptions,
): ParsedPage {
  const context = webContextSchema.safeParse(page.request.context);
  if (!context.success) throw new MalformedPageError(page.url, 'request without a weibo-web-search context');
  const { keyword, window } = context.data;
  const reading = readSearchPage(page);
  if ('blocked' in reading) return { posts: [], next: [], problems: [], blocked: reading.blocked };
  if (reading.empty) return { posts: [], next: [], problems: [] };
  const { $ } = reading;
  const pageLinks = $('ul.s-scroll li').length;
  const capped = page.request.page === 1 && pageLinks >= options.split_threshold;
  const parts = capped ? splitWindow(window) : [];
  if (parts.length > 0) {
    // This page's posts come again from the newest part. Taking them here would make that part's
    // first page all "known", and the pass would then stop paging it.
    return { posts: [], next: parts.map((part) => searchRequest(options, keyword, part, 1)), problems: [] };
  }
  const { posts, problems } = readSearchCards($, page, sourceId);
  if (capped) problems.push(beyondReach(page, pageLinks, timescope(window)));
  // "下一页" only says there is a next page; its URL is rebuilt from the window asked for, so
  // a link that drops `timescope` (or names another host) can never widen or move the search.
  const more = $('a.next').length > 0 && page.request.page < options.max_pages;
  return {
    posts,
    next: more ? [searchRequest(options, keyword, window, page.request.page + 1)] : [],
    problems,
  };
}

/** One hour still holds 50 pages: what lies past page 50 cannot be had without a region split. */
function beyondReach(page: FetchedPage, pageLinks: number, scope: string): ItemProblem {
  return {
    url: page.url,
    item: 0,
    severity: 'degraded',
    reason: `window ${scope} links ${pageLinks} pages and cannot be split further; posts past page 50 are out of reach`,
  };
}
