import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import type { Post } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import type { FetchedPage, ItemProblem } from '../../page.ts';
import { parseCount } from '../../text/counts.ts';
import { htmlToText, tidy } from '../../text/html-text.ts';
import { placeHint } from '../../text/place-hints.ts';
import { parsePublishedTime } from '../../text/published-time.ts';
import { mobilePostUrl } from './mblog.ts';
import { CARD } from './web-page.ts';

type Nodes = Cheerio<AnyNode>;

/**
 * The posts on an s.weibo.com result page, current layout (`div.from`, `span.woo-like-count`)
 * and 2018 layout (`p.from`, `<em>` likes) alike. A repost's quoted original sits in
 * `div.card-comment` with its own text, time and counts; none of those belong to the post.
 */
export function readSearchCards($: CheerioAPI, page: FetchedPage, sourceId: string) {
  const posts: Post[] = [];
  const problems: ItemProblem[] = [];
  $(CARD).each((item, element) => {
    const card = $(element);
    const own = (selector: string) =>
      card.find(selector).filter((_, node) => $(node).closest('.card-comment').length === 0);
    const problem = (severity: ItemProblem['severity'], reason: string) =>
      problems.push({ url: page.url, item, severity, reason });
    const mid = card.attr('mid')?.trim();
    if (!mid) return void problem('dropped', 'card without mid');
    const full = own('p[node-type="feed_list_content_full"]').first();
    const { text, places } = readText(
      $,
      full.length > 0 ? full : own('p[node-type="feed_list_content"]').first(),
    );
    if (!text) return void problem('dropped', `card ${mid}: no text`);
    const from = own('.from').first().children('a').first();
    const rawTime = tidy(from.text());
    const published = rawTime ? parsePublishedTime(rawTime, page.fetchedAt) : null;
    if (!published)
      problem('degraded', `card ${mid}: unreadable time ${JSON.stringify(rawTime)}, fetch time used`);
    const url = permalink(from.attr('href'));
    if (!url) problem('degraded', `card ${mid}: no permalink, m.weibo.cn link used`);
    posts.push({
      id: `${sourceId}:${mid}`,
      source: sourceId,
      url: url ?? mobilePostUrl(mid),
      author:
        own('div.info a[nick-name]').first().attr('nick-name')?.trim() ||
        tidy(own('div.info a.name').first().text()) ||
        null,
      published_at: published ?? toShanghaiIso(page.fetchedAt),
      fetched_at: toShanghaiIso(page.fetchedAt),
      title: null,
      text,
      metrics: {
        reposts: countIn(own('a[action-type="feed_list_forward"]')),
        comments: countIn(own('a[action-type="feed_list_comment"]')),
        likes: likesIn(own('a[action-type="feed_list_like"]')),
      },
      place_hints: places,
    });
  });
  return { posts, problems };
}

/**
 * The words of a post: fold/unfold links and icon-font glyphs (`<i class="wbicon">`) are page
 * furniture; a link whose icon is "2" is the geotag, kept in the text and taken as a place.
 */
function readText($: CheerioAPI, node: Nodes): { text: string; places: string[] } {
  if (node.length === 0) return { text: '', places: [] };
  const copy = node.clone();
  const places: string[] = [];
  copy.find('a').each((_, link) => {
    const icon = $(link).children('i.wbicon');
    if (icon.length === 0 || tidy(icon.text()) !== '2') return;
    const place = placeHint(tidy($(link).clone().children('i.wbicon').remove().end().text()));
    if (place) places.push(place);
  });
  copy.find('a[action-type="fl_fold"], a[action-type="fl_unfold"], i.wbicon').remove();
  const text = tidy(htmlToText(copy.html() ?? '').replace(/[\u200b\ue627]/g, ''));
  return { text, places };
}

/** `//weibo.com/<uid>/<bid>?refer_flag=…` → `https://weibo.com/<uid>/<bid>`. */
function permalink(href: string | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, 'https://s.weibo.com/');
    if (!/(^|\.)weibo\.com$/.test(url.hostname) || url.pathname.split('/').filter(Boolean).length < 2)
      return null;
    return `https://${url.hostname}${url.pathname}`;
  } catch {
    return null;
  }
}

/** "转发 12", "评论 1.2万", or the bare label for none. */
function countIn(link: Nodes): number | null {
  if (link.length === 0) return null;
  return parseCount(tidy(link.first().text()));
}

/** Likes sit in `span.woo-like-count` now and in `<em>` in 2018; an empty count there means none. */
function likesIn(link: Nodes): number | null {
  if (link.length === 0) return null;
  const first = link.first();
  const shown = [first.find('span.woo-like-count'), first.find('em'), first.find('button span').eq(1)]
    .map((nodes) => (nodes.length > 0 ? tidy(nodes.first().text()) : null))
    .find((text) => text !== null);
  if (shown === undefined) return parseCount(tidy(first.text()));
  return shown === '' ? 0 : parseCount(shown);
}
