import type { Element } from 'domhandler';
import type { FetchedPage, ItemProblem } from '../../page.ts';
import { attrOf, findFirst, textOf } from '../../text/dom-query.ts';
import { loadHtml } from '../../text/html-document.ts';
import { nodesToText, tidy } from '../../text/html-text.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import { linkParam } from './link-param.ts';
import type { ListEntry, ListReading } from './list-entry.ts';
import { tiebaPost } from './post.ts';
import { SEARCH_PAGE_SIZE } from './urls.ts';

/**
 * A legacy search result page (`/f/search/res`): `div.s_post` hits, each a thread's first post
 * or a reply. Null when the page has no result list at all (a challenge or a broken page).
 */
export function readSearchPage(page: FetchedPage, sourceId: string): ListReading | null {
  const $ = loadHtml(page.body);
  const hits = $('div.s_post').toArray();
  if (hits.length === 0 && $('div.s_post_list').length === 0 && !/抱歉，没有找到/.test(page.body))
    return null;
  const entries: ListEntry[] = [];
  const problems: ItemProblem[] = [];
  hits.forEach((hit, index) => {
    const entry = readHit(hit, index, page, sourceId, problems);
    if (entry) entries.push(entry);
  });
  const more = hits.length >= SEARCH_PAGE_SIZE || $('a.next').length > 0;
  return { entries, problems, more };
}

function readHit(
  hit: Element,
  index: number,
  page: FetchedPage,
  sourceId: string,
  problems: ItemProblem[],
): ListEntry | null {
  const note = (severity: ItemProblem['severity'], reason: string) =>
    problems.push({ url: page.url, item: index, severity, reason });
  const titleBox = findFirst(hit, 'span.p_title');
  const link = findFirst(hit, 'span.p_title a');
  const href = attrOf(link, 'href');
  const tid = attrOf(link, 'data-tid') ?? href?.match(/\/p\/(\d+)/)?.[1];
  if (!tid || !/^\d+$/.test(tid)) {
    note('dropped', 'search hit without a thread id');
    return null;
  }
  const pid = href?.match(/[?&]pid=(\d+)/)?.[1];
  const title = tidy(textOf(titleBox)).replace(/\s+/g, ' ') || null;
  // Replies are listed under their thread's title with this prefix; the thread page confirms it.
  const isReply = pid !== undefined && title !== null && /^回复[:：]/.test(title);
  const snippetBox = findFirst(hit, 'div.p_content');
  const snippet = snippetBox ? nodesToText(snippetBox.children) : '';
  const text = snippet || title;
  if (!text) {
    note('dropped', `hit ${tid}: neither snippet nor title`);
    return null;
  }
  if (!snippet) note('degraded', `hit ${tid}: empty snippet, title used as text`);
  const rawTime = textOf(findFirst(hit, 'font.p_date, .p_green.p_date'));
  const publishedAt = parsePublishedTime(rawTime, page.fetchedAt);
  if (!publishedAt)
    note('degraded', `hit ${tid}: unreadable time ${JSON.stringify(rawTime)}, fetch time used`);
  const forumLink = findFirst(hit, 'a.p_forum');
  const authorLink = findFirst(hit, 'a[href^="/home/main?un="]');
  const post = tiebaPost(
    sourceId,
    {
      tid,
      ...(isReply ? { replyPid: pid } : {}),
      author: linkParam(attrOf(authorLink, 'href'), 'un') ?? (tidy(textOf(authorLink)) || null),
      publishedAt,
      title,
      text,
      comments: null,
      place: null,
      forum: linkParam(attrOf(forumLink, 'href'), 'kw') ?? (tidy(textOf(forumLink)) || null),
    },
    page.fetchedAt,
  );
  return { post, tid, pid, isReply };
}
