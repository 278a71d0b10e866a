import type * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import { z } from 'zod';
import type { Post } from '../../../src/domain/post.ts';
import type { FetchedPage, ItemProblem } from '../../page.ts';
import { parseCount } from '../../text/counts.ts';
import { loadHtml } from '../../text/html-document.ts';
import { tidy } from '../../text/html-text.ts';
import { placeHint } from '../../text/place-hints.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import { dataField } from './data-field.ts';
import { tiebaPost } from './post.ts';
import { readableText } from './readable-text.ts';
import { replyTitle } from './urls.ts';

const id = z.union([z.number(), z.string()]).transform(String);
const floorField = z.looseObject({
  author: z.looseObject({ user_name: z.string().nullish(), user_nickname: z.string().nullish() }).nullish(),
  content: z.looseObject({
    post_id: id,
    post_no: z.number().nullish(),
    comment_num: z.number().nullish(),
  }),
});

/** One floor of a thread page, already a Post (the thread for floor 1, a reply otherwise). */
export interface Floor {
  pid: string;
  isFirst: boolean;
  post: Post;
}

export interface ThreadReading {
  floors: Floor[];
  problems: ItemProblem[];
}

/** A thread page (`/p/<tid>`): its floors, title, forum and counts. Null when it holds no floors. */
export function readThreadPage(page: FetchedPage, sourceId: string, tid: string): ThreadReading | null {
  const $ = loadHtml(page.body);
  const nodes = $('div.l_post.j_l_post').toArray();
  if (nodes.length === 0) return null;
  const rawTitle = tidy($('title').first().text()) || $('.core_title_txt').attr('title') || '';
  const forum = rawTitle.match(/【([^【】]+)吧】_百度贴吧$/)?.[1] ?? null;
  const title = rawTitle.replace(/(?:【[^【】]+吧】)?_百度贴吧$/, '').trim() || null;
  // `786回复贴，共13页`: the first number counts the thread's replies.
  const replyCount = parseCount($('li.l_reply_num span.red').first().text());
  const thread = { tid, title, forum, replyCount };
  const floors: Floor[] = [];
  const problems: ItemProblem[] = [];
  nodes.forEach((node, index) => {
    const floor = readFloor($, node, index, page, sourceId, thread, problems);
    if (floor) floors.push(floor);
  });
  return { floors, problems };
}

interface ThreadFacts {
  tid: string;
  title: string | null;
  forum: string | null;
  replyCount: number | null;
}

function readFloor(
  $: cheerio.CheerioAPI,
  node: Element,
  index: number,
  page: FetchedPage,
  sourceId: string,
  thread: ThreadFacts,
  problems: ItemProblem[],
): Floor | null {
  const note = (severity: ItemProblem['severity'], reason: string) =>
    problems.push({ url: page.url, item: index, severity, reason });
  const field = floorField.safeParse(dataField($(node).attr('data-field')));
  const body = $(node).find('div.d_post_content').first();
  // Ad slots share the floor markup but carry an empty data-field and no post body.
  if (!field.success && body.length === 0) return null;
  if (!field.success) {
    note('dropped', 'floor without a readable data-field');
    return null;
  }
  const { author, content } = field.data;
  body.find('.replace_tip, script, style').remove();
  const text = readableText(body);
  const tail = tailOf($, node);
  const isFirst = (content.post_no ?? tail.floor) === 1;
  const publishedAt = parsePublishedTime(tail.time, page.fetchedAt);
  const label = isFirst ? `thread ${thread.tid}` : `floor ${content.post_id}`;
  if (!text && !(isFirst && thread.title)) {
    note('dropped', `${label}: no text (an image-only or folded floor)`);
    return null;
  }
  if (!text) note('degraded', `${label}: no text (image-only), title used as text`);
  if (!publishedAt) note('degraded', `${label}: unreadable time, fetch time used`);
  const shownName = tidy($(node).find('a.p_author_name').first().text());
  const post = tiebaPost(
    sourceId,
    {
      tid: thread.tid,
      ...(isFirst ? {} : { replyPid: content.post_id }),
      author: author?.user_name || author?.user_nickname || shownName || null,
      publishedAt,
      title: isFirst ? thread.title : replyTitle(thread.title),
      text: text || (thread.title as string),
      comments: isFirst ? thread.replyCount : (content.comment_num ?? null),
      place: placeHint(tail.ip),
      forum: thread.forum,
    },
    page.fetchedAt,
  );
  return { pid: content.post_id, isFirst, post };
}

/** The floor's tail line: `IP属地:广东`, the client, `1楼`, `2024-08-05 16:56`. */
function tailOf(
  $: cheerio.CheerioAPI,
  node: Element,
): { floor: number | null; time: string; ip: string | null } {
  const parts = $(node)
    .find('.post-tail-wrap span, span.tail-info')
    .toArray()
    .map((span) => tidy($(span).text()));
  const floor = parts.map((part) => part.match(/^(\d+)楼$/)?.[1]).find(Boolean);
  return {
    floor: floor ? Number(floor) : null,
    time: parts.find((part) => /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(part)) ?? '',
    ip: parts.find((part) => /^IP\s*属地/.test(part)) ?? null,
  };
}
