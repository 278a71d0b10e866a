import type { Post } from '../../../src/domain/post.ts';
import {
  type FetchedPage,
  type ItemProblem,
  MalformedPageError,
  type PageRequest,
  type ParsedPage,
} from '../../page.ts';
import { mblogToPost } from './mblog.ts';
import type { WeiboMobileSearchOptions } from './mobile-options.ts';
import { detailRequest, listRequest } from './mobile-requests.ts';
import { dataOf } from './mobile-response.ts';
import { mblogsInCards } from './search-cards.ts';

const LOGIN_MSG = /登录|login/i;
const THROTTLE_MSG = /频繁|稍后|太多|too many|limit/i;

export interface MobileListContext {
  sourceId: string;
  options: WeiboMobileSearchOptions;
  keyword: string;
}

/** One page of search results: posts, details for cut-short ones, and the next page. */
export function parseMobileList(
  page: FetchedPage,
  json: Record<string, unknown>,
  context: MobileListContext,
): ParsedPage {
  if (json.ok !== 1) return notOk(page, json, context.keyword);
  const cards = dataOf(json)?.cards;
  if (!Array.isArray(cards)) throw new MalformedPageError(page.url, 'ok:1 without data.cards');
  if (cards.length === 0) return { posts: [], next: [], problems: [] };
  const { options, sourceId } = context;
  const posts: Post[] = [];
  const details: PageRequest[] = [];
  const problems: ItemProblem[] = [];
  mblogsInCards(cards).forEach((raw, item) => {
    const reading = mblogToPost(raw, { sourceId, pageUrl: page.url, item, fetchedAt: page.fetchedAt });
    problems.push(...reading.problems);
    if (!reading.post || !reading.mid) return;
    if (reading.longText && options.long_text !== 'list_only')
      details.push(detailRequest(options, options.long_text, reading.mid, reading.post));
    else posts.push(reading.post);
  });
  const next =
    page.request.page < options.max_pages
      ? [listRequest(options, context.keyword, page.request.page + 1)]
      : [];
  return { posts, next: [...details, ...next], problems };
}

/**
 * `ok` other than 1. A message that names a login or a rate limit is a block. The bare
 * `{"ok":0,"msg":"这里还没有内容","data":{"cards":[]}}` is what m.weibo.cn says past the last page
 * and for a search with no results, and also what some profile/visibility refusals look like, so
 * it is ambiguous: calling it a block would stop every other keyword of the source at each pass
 * over one narrow keyword; calling it "no posts" silently would hide a soft block. So past page 1
 * it simply ends the keyword, and on page 1 it ends the keyword with a degraded problem, which
 * the source's health counts and the log shows, so a block that persists gets noticed.
 */
function notOk(page: FetchedPage, json: Record<string, unknown>, keyword: string): ParsedPage {
  const message = typeof json.msg === 'string' ? json.msg : '';
  const shown = `ok ${String(json.ok)}${message ? ` "${message}"` : ''}`;
  if (LOGIN_MSG.test(message))
    return blocked('credential_expired', `m.weibo.cn answered ${shown}: ${page.url}`);
  if (THROTTLE_MSG.test(message)) return blocked('throttled', `m.weibo.cn answered ${shown}: ${page.url}`);
  if (page.request.page > 1) return { posts: [], next: [], problems: [] };
  return {
    posts: [],
    next: [],
    problems: [
      {
        url: page.url,
        item: 0,
        severity: 'degraded',
        reason: `first page of "${keyword}" answered ${shown}: no results, or a soft block (m.weibo.cn says both alike)`,
      },
    ],
  };
}

function blocked(reason: 'credential_expired' | 'throttled', detail: string): ParsedPage {
  return { posts: [], next: [], problems: [], blocked: { reason, detail } };
}
