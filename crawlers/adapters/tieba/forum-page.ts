import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { z } from 'zod';
import type { FetchedPage, ItemProblem } from '../../page.ts';
import { parseCount } from '../../text/counts.ts';
import { loadHtml } from '../../text/html-document.ts';
import { tidy } from '../../text/html-text.ts';
import { dataField } from './data-field.ts';
import { forumListTime } from './forum-time.ts';
import type { ListEntry, ListReading } from './list-entry.ts';
import { tiebaPost } from './post.ts';
import { readableText } from './readable-text.ts';
import { FORUM_PAGE_SIZE } from './urls.ts';

const LIST_PAGELET = 'code[id="pagelet_html_frs-list/pagelet/thread_list"]';

const itemField = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  author_name: z.string().nullish(),
  author_nickname: z.string().nullish(),
  reply_num: z.number().nullish(),
  first_post_id: z.union([z.number(), z.string()]).transform(String).nullish(),
});

/**
 * A forum's thread list (`/f?kw=`). The server ships the list inside an HTML comment for its
 * scripts to render, so the comment is unwrapped and parsed on its own; a page that renders the
 * list directly is read as it is. Null when there is no thread list at all.
 */
export function readForumPage(page: FetchedPage, sourceId: string, forum: string): ListReading | null {
  const $page = loadHtml(page.body);
  const pagelet = $page(LIST_PAGELET);
  const commented = pagelet
    .contents()
    .toArray()
    .flatMap((node) => (node.type === 'comment' ? [node.data] : []))
    .join('\n');
  const $ = commented ? loadHtml(commented) : $page;
  const items = $('li.j_thread_list').toArray();
  if (items.length === 0 && pagelet.length === 0 && $('#thread_list').length === 0) return null;
  const entries: ListEntry[] = [];
  const problems: ItemProblem[] = [];
  items.forEach((item, index) => {
    const entry = readItem($, item, index, page, sourceId, forum, problems);
    if (entry) entries.push(entry);
  });
  const more = items.length >= FORUM_PAGE_SIZE || $('a.next').length > 0;
  return { entries, problems, more };
}

function readItem(
  $: cheerio.CheerioAPI,
  item: Element,
  index: number,
  page: FetchedPage,
  sourceId: string,
  forum: string,
  problems: ItemProblem[],
): ListEntry | null {
  const note = (severity: ItemProblem['severity'], reason: string) =>
    problems.push({ url: page.url, item: index, severity, reason });
  const field = itemField.safeParse(dataField($(item).attr('data-field')));
  const link = $(item).find('a.j_th_tit').first();
  const tid = field.success ? field.data.id : link.attr('href')?.match(/\/p\/(\d+)/)?.[1];
  if (!tid || !/^\d+$/.test(tid)) {
    note('dropped', 'thread list item without a thread id');
    return null;
  }
  const data = field.success ? field.data : null;
  const title = tidy(link.attr('title') ?? link.text()).replace(/\s+/g, ' ') || null;
  const abstract = readableText($(item).find('.threadlist_abs'));
  const text = abstract || title;
  if (!text) {
    note('dropped', `thread ${tid}: neither abstract nor title`);
    return null;
  }
  const rawTime = $(item).find('.is_show_create_time').first().text();
  const publishedAt = forumListTime(rawTime, page.fetchedAt);
  if (!publishedAt)
    note('degraded', `thread ${tid}: unreadable time ${JSON.stringify(rawTime)}, fetch time used`);
  const shownAuthor = $(item)
    .find('.tb_icon_author')
    .attr('title')
    ?.replace(/^主题作者[:：]\s*/, '');
  const post = tiebaPost(
    sourceId,
    {
      tid,
      author: data?.author_name || data?.author_nickname || shownAuthor || null,
      publishedAt,
      title,
      text,
      comments: data?.reply_num ?? parseCount($(item).find('.threadlist_rep_num').text()),
      place: null,
      forum,
    },
    page.fetchedAt,
  );
  return { post, tid, pid: data?.first_post_id ?? undefined, isReply: false };
}
