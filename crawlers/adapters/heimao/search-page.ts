import { NO_METRICS, type Post } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import {
  type BlockedPage,
  emptyPage,
  type FetchedPage,
  type ItemProblem,
  MalformedPageError,
  type PageRequest,
  type ParsedPage,
} from '../../page.ts';
import { htmlToText } from '../../text/html-text.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import type { ParseContext } from '../source-adapter.ts';
import { challengeOf } from './challenge.ts';
import { complaintText, progressLabel } from './complaint-text.ts';
import type { HeimaoOptions } from './options.ts';
import { complaintRequest, searchRequest } from './requests.ts';
import {
  readSearchEnvelope,
  type SearchEnvelope,
  type SearchItem,
  searchItemSchema,
} from './search-response.ts';

/** One keyword-search page: list versions of its complaints, their detail pages, the next page. */
export function parseSearchPage(
  page: FetchedPage,
  { sourceId, options }: ParseContext<HeimaoOptions>,
  nonce: () => string,
): ParsedPage {
  if (page.body.trimStart().startsWith('<')) {
    const blocked = challengeOf(page.body);
    if (blocked) return { ...emptyPage(), blocked };
    throw new MalformedPageError(page.url, 'HTML where the search API answers JSON');
  }
  const { status, data } = readSearchEnvelope(page).result;
  if (Number(status.code) !== 0) return { ...emptyPage(), blocked: refusal(status) };
  const items = data?.lists ?? [];
  const pager = data?.pager ?? {};
  if (items.length === 0 && (pager.item_count ?? 0) > 0) {
    return {
      ...emptyPage(),
      blocked: {
        reason: 'throttled',
        detail: `search page ${page.request.page} lists nothing although the site counts ${pager.item_count} complaints`,
      },
    };
  }
  const keyword = new URL(page.request.url).searchParams.get('keywords') ?? '';
  const { posts, problems } = readItems(items, sourceId, page);
  const details = options.fetch_details
    ? posts.map((post) => complaintRequest(options, nativeId(post), keyword, page.request.page, post))
    : [];
  return {
    posts: options.fetch_details ? [] : posts,
    next: [...details, ...nextPage(page, options, keyword, pager, items.length, nonce)],
    problems,
  };
}

function readItems(
  items: readonly unknown[],
  sourceId: string,
  page: FetchedPage,
): { posts: Post[]; problems: ItemProblem[] } {
  const posts: Post[] = [];
  const problems: ItemProblem[] = [];
  for (const [index, raw] of items.entries()) {
    const problem = (severity: ItemProblem['severity'], reason: string) =>
      problems.push({ url: page.url, item: index, severity, reason });
    const checked = searchItemSchema.safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      problem('dropped', `complaint unreadable: ${issue?.path.join('.')}: ${issue?.message}`);
      continue;
    }
    const post = listPost(checked.data, sourceId, page);
    if (typeof post === 'string') {
      problem('dropped', post);
      continue;
    }
    if (!checked.data.main.timestamp) {
      problem('degraded', `complaint ${checked.data.main.sn}: no timestamp, fetch time used`);
    }
    posts.push(post);
  }
  return { posts, problems };
}

function nextPage(
  page: FetchedPage,
  options: HeimaoOptions,
  keyword: string,
  pager: NonNullable<NonNullable<SearchEnvelope['result']['data']>['pager']>,
  itemCount: number,
  nonce: () => string,
): PageRequest[] {
  const current = page.request.page;
  const last = Math.min(options.max_pages, pager.page_amount ?? current);
  if (itemCount === 0 || current >= last) return [];
  return [searchRequest(options, keyword, current + 1, page.fetchedAt, nonce())];
}

/** The list's version of a complaint, or why there is none. */
function listPost(item: SearchItem, sourceId: string, page: FetchedPage): Post | string {
  const { main } = item;
  const fetchedAt = toShanghaiIso(page.fetchedAt);
  const text = complaintText(
    {
      target: main.cotitle ? htmlToText(main.cotitle) : null,
      issue: main.issue ?? null,
      appeal: main.appeal ?? null,
      amount: main.cost === null || main.cost === undefined ? null : String(main.cost),
      progress: progressLabel(main.status),
    },
    [main.summary ? htmlToText(main.summary) : ''],
  );
  if (!text) return `complaint ${main.sn}: no text`;
  const published = main.timestamp ? parsePublishedTime(String(main.timestamp), page.fetchedAt) : null;
  return {
    id: `${sourceId}:${main.sn}`,
    source: sourceId,
    url: complaintUrl(main.url, main.sn),
    author: item.author?.title?.trim() || null,
    published_at: published ?? fetchedAt,
    fetched_at: fetchedAt,
    title: main.title ? htmlToText(main.title) || null : null,
    text,
    metrics: NO_METRICS,
    place_hints: [],
  };
}

/** `//tousu.sina.com.cn/complaint/view/<sn>/` as the API gives it, made absolute. */
function complaintUrl(raw: string | null | undefined, sn: string): string {
  const url = raw?.trim();
  if (url?.startsWith('//')) return `https:${url}`;
  if (url && /^https?:\/\//.test(url)) return url;
  return `https://tousu.sina.com.cn/complaint/view/${sn}/`;
}

function nativeId(post: Post): string {
  return post.id.slice(post.source.length + 1);
}

function refusal(status: { code: number | string; msg?: string | null | undefined }): BlockedPage {
  const answer = `code ${status.code}${status.msg ? ` "${status.msg}"` : ''}`;
  const signature = /sign|签名/i.test(status.msg ?? '');
  return {
    reason: 'forbidden',
    detail: signature
      ? `signature rejected (${answer}): the site's SECRET may have changed; re-extract it from the site's JS`
      : `search API refused the request (${answer}); if it is the signature, the site's SECRET may have changed`,
  };
}
