import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { FetchedPage, ItemProblem } from '../../page.ts';
import { tidy } from '../../text/html-text.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import { linkParam } from './link-param.ts';
import type { ListEntry, ListReading } from './list-entry.ts';
import { tiebaPost } from './post.ts';
import { readableText } from './readable-text.ts';
import { SEARCH_PAGE_SIZE } from './urls.ts';

/**
 * A legacy search result page (`/f/search/res`): `div.s_post` hits, each a thread's first post
 * or a reply. Null when the page has no result list at all (a challenge or a broken page).
 */
export function readSearchPage(page: FetchedPage, sourceId: string): ListReading | null {
  const $ = cheerio.load(page.body);
  const hits = $('div.s_post').toArray();
  if (hits.length === 0 && $('div.s_post_list').length === 0 && !/抱歉，没有找到/.test(page.body))
    return null;
  const entries: ListEntry[] = [];
  const problems: ItemProblem[] = [];
  hits.forEach((hit, index) => {
    const entry = readHit($, hit, index, page, sourceId, problems);
    if (entry) entries.push(entry);
  });
  const more = hits.length >= SEARCH_PAGE_SIZE || $('a.next').length > 0;
  return { entries, problems, more };
}

function readHit(
  $: cheerio.CheerioAPI,
  hit: Element,
  index: number,
  page: FetchedPage,
  sourceId: string,
  problems: ItemProblem[],
): ListEntry | null {
  const note = (severity: ItemProblem['severity'], reason: string) =>
    problems.push({ url: page.url, item: index, severity, reason });
  const link = $(hit).find('span.p_title a').first();
  const href = link.attr('href');
  const tid = link.attr('data-tid') ?? href?.match(/\/p\/(\d+)/)?.[1];
  if (!tid || !/^\d+$/.test(tid)) {
    note('dropped', 'search hit without a thread id');
    return null;
  }
  const pid = href?.match(/[?&]pid=(\d+)/)?.[1];
  const title = tidy($(hit).find('span.p_title').text()).replace(/\s+/g, ' ') || null;
  // Replies are listed under their thread's title with this prefix; the thread page confirms it.
  const isReply = pid !== undefined && title !== null && /^回复[:：]/.test(title);
  const snippet = readableText($(hit).find('div.p_content'));
  const text = snippet || title;
  if (!text) {
    note('dropped', `hit ${tid}: neither snippet nor title`);
    return null;
  }
  if (!snippet) note('degraded', `hit ${tid}: empty snippet, title used as text`);
  const rawTime = $(hit).find('font.p_date, .p_green.p_date').first().text();
  const publishedAt = parsePublishedTime(rawTime, page.fetchedAt);
  if (!publishedAt)
    note('degraded', `hit ${tid}: unreadable time ${JSON.stringify(rawTime)}, fetch time used`);
  const forumLink = $(hit).find('a.p_forum').first();
  const authorLink = $(hit).find('a[href^="/home/main?un="]').first();
  const post = tiebaPost(
    sourceId,
    {
      tid,
      ...(isReply ? { replyPid: pid } : {}),
      author: linkParam(authorLink.attr('href'), 'un') ?? (tidy(authorLink.text()) || null),
      publishedAt,
      title,
      text,
      comments: null,
      place: null,
      forum: linkParam(forumLink.attr('href'), 'kw') ?? (tidy(forumLink.text()) || null),
    },
    page.fetchedAt,
  );
  return { post, tid, pid, isReply };
}
