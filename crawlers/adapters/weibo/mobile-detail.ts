import type { Post } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import { type FetchedPage, MalformedPageError, type ParsedPage } from '../../page.ts';
import { htmlToText } from '../../text/html-text.ts';
import { mblogCountsSchema, mblogMetrics, mblogToPost, mergeMetrics } from './mblog.ts';
import type { DetailVia } from './mobile-requests.ts';
import { dataOf, readMobileJson } from './mobile-response.ts';

const RENDER_DATA = /\$render_data\s*=\s*(\[[\s\S]*\])\s*\[0\]\s*\|\|\s*\{\}\s*;/;
const LOGIN_PAGE = /passport\.weibo\.(?:com|cn)|<title>[^<]*登录[^<]*<\/title>/i;

/**
 * The full text of one cut-short post. A detail that cannot be read never throws: the pass
 * would lose the whole page of posts, whereas an empty answer makes it keep the list's version.
 */
export function parseMobileDetail(page: FetchedPage, via: DetailVia, sourceId: string): ParsedPage {
  const partial = page.request.partial ?? null;
  if (via === 'detail_page') return fromDetailPage(page, partial, sourceId);
  let reading: ReturnType<typeof readMobileJson>;
  try {
    reading = readMobileJson(page);
  } catch (error) {
    if (error instanceof MalformedPageError) return listVersionKept(page, error.message);
    throw error;
  }
  if ('blocked' in reading) return { posts: [], next: [], problems: [], blocked: reading.blocked };
  const data = dataOf(reading.json);
  if (reading.json.ok !== 1 || !data)
    return listVersionKept(page, `${via} answered ok ${String(reading.json.ok)}`);
  if (via === 'show') return fromMblog(page, data, partial, sourceId);
  const longText = typeof data.longTextContent === 'string' ? htmlToText(data.longTextContent) : '';
  if ((data.ok !== undefined && data.ok !== 1) || !longText)
    return listVersionKept(page, `extend gave no longTextContent (ok ${String(data.ok)})`);
  if (!partial)
    return dropped(page, 'extend carries no author or time; it needs the list version of the post');
  const counts = mblogCountsSchema.safeParse(data);
  const post: Post = {
    ...partial,
    text: longText,
    metrics: counts.success ? mergeMetrics(partial.metrics, mblogMetrics(counts.data)) : partial.metrics,
    fetched_at: toShanghaiIso(page.fetchedAt),
  };
  return { posts: [post], next: [], problems: [] };
}

/** `/detail/<mid>` is an HTML page with the status as JSON in `var $render_data = [{…}][0] || {};`. */
function fromDetailPage(page: FetchedPage, partial: Post | null, sourceId: string): ParsedPage {
  const match = page.body.match(RENDER_DATA);
  if (!match?.[1]) {
    if (LOGIN_PAGE.test(page.body) || LOGIN_PAGE.test(page.url))
      return {
        posts: [],
        next: [],
        problems: [],
        blocked: { reason: 'credential_expired', detail: `detail page is a login page: ${page.url}` },
      };
    return listVersionKept(page, 'detail page without $render_data (deleted or hidden post?)');
  }
  let status: unknown;
  try {
    status = (JSON.parse(match[1]) as Array<{ status?: unknown }>)[0]?.status;
  } catch (error) {
    return listVersionKept(page, `unreadable $render_data (${(error as Error).message})`);
  }
  return fromMblog(page, status, partial, sourceId);
}

/** A full status from `show` or the detail page; what it lacks, the list's version supplies. */
function fromMblog(page: FetchedPage, raw: unknown, partial: Post | null, sourceId: string): ParsedPage {
  const reading = mblogToPost(raw, { sourceId, pageUrl: page.url, item: 0, fetchedAt: page.fetchedAt });
  if (!reading.post) {
    const reason = reading.problems.map((p) => p.reason).join('; ') || 'no status';
    return partial ? listVersionKept(page, reason) : { posts: [], next: [], problems: reading.problems };
  }
  if (!partial) return { posts: [reading.post], next: [], problems: reading.problems };
  const post: Post = {
    ...reading.post,
    id: partial.id,
    author: reading.post.author ?? partial.author,
    published_at: reading.timeRead ? reading.post.published_at : partial.published_at,
    metrics: mergeMetrics(partial.metrics, reading.post.metrics),
    place_hints: reading.post.place_hints.length > 0 ? reading.post.place_hints : partial.place_hints,
  };
  return { posts: [post], next: [], problems: [] };
}

/** No post: the pass then hands on the list's version; the problem says why the text is short. */
function listVersionKept(page: FetchedPage, reason: string): ParsedPage {
  return {
    posts: [],
    next: [],
    problems: [
      { url: page.url, item: 0, severity: 'degraded', reason: `${reason}; the list's cut text is kept` },
    ],
  };
}

function dropped(page: FetchedPage, reason: string): ParsedPage {
  return { posts: [], next: [], problems: [{ url: page.url, item: 0, severity: 'dropped', reason }] };
}
