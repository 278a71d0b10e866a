import { z } from 'zod';
import type { Post, PostMetrics } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import type { ItemProblem } from '../../page.ts';
import { parseCount } from '../../text/counts.ts';
import { htmlToText } from '../../text/html-text.ts';
import { placeHint } from '../../text/place-hints.ts';
import { parsePublishedTime } from '../../text/published-time.ts';

const nativeId = z.union([z.string().min(1), z.int().nonnegative()]).transform(String);
const count = z.union([z.number(), z.string()]).nullish();

/** Counts as m.weibo.cn prints them, wherever they sit (a status, an `extend` answer). */
export const mblogCountsSchema = z.looseObject({
  reposts_count: count,
  comments_count: count,
  attitudes_count: count,
});

/**
 * The fields of a Weibo status ("mblog") this project reads, as m.weibo.cn's search, timeline,
 * `statuses/show` and `$render_data` all give them; every other field passes untouched.
 */
export const mblogSchema = mblogCountsSchema.extend({
  id: nativeId.optional(),
  mid: nativeId.optional(),
  created_at: z.string().nullish(),
  text: z.string().nullish(),
  isLongText: z.boolean().nullish(),
  region_name: z.string().nullish(),
  user: z.looseObject({ screen_name: z.string().nullish() }).nullish(),
});

/** Where an mblog was read, so a problem can be found again. */
export interface MblogSite {
  sourceId: string;
  pageUrl: string;
  item: number;
  fetchedAt: Date;
}

export interface MblogReading {
  post: Post | null;
  /** The text is cut short ("…全文"): the full text is behind a detail request. */
  longText: boolean;
  /** The native id, also when the post itself could not be made. */
  mid: string | null;
  /** False when `created_at` could not be read and the fetch time stands in for it. */
  timeRead: boolean;
  problems: ItemProblem[];
}

/** The page a human opens for a status; the same whichever host the crawl went through. */
export const mobilePostUrl = (mid: string): string => `https://m.weibo.cn/detail/${encodeURIComponent(mid)}`;

/** Reads one mblog as a post; a status without id or text is dropped, an odd time is degraded. */
export function mblogToPost(raw: unknown, site: MblogSite): MblogReading {
  const problem = (severity: ItemProblem['severity'], reason: string): ItemProblem => ({
    url: site.pageUrl,
    item: site.item,
    severity,
    reason,
  });
  const checked = mblogSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
    return {
      post: null,
      longText: false,
      mid: null,
      timeRead: false,
      problems: [problem('dropped', `mblog ${where}`)],
    };
  }
  const mblog = checked.data;
  const mid = mblog.mid ?? mblog.id ?? null;
  const nothing = (reason: string): MblogReading => ({
    post: null,
    longText: false,
    mid,
    timeRead: false,
    problems: [problem('dropped', reason)],
  });
  if (!mid) return nothing('mblog without mid/id');
  const text = htmlToText(withoutFullTextLink(mblog.text ?? ''));
  if (!text) return nothing(`mblog ${mid}: no text`);
  const problems: ItemProblem[] = [];
  const published = mblog.created_at ? parsePublishedTime(mblog.created_at, site.fetchedAt) : null;
  if (!published)
    problems.push(
      problem(
        'degraded',
        `mblog ${mid}: unreadable created_at ${JSON.stringify(mblog.created_at)}, fetch time used`,
      ),
    );
  const place = placeHint(mblog.region_name);
  const post: Post = {
    id: `${site.sourceId}:${mid}`,
    source: site.sourceId,
    url: mobilePostUrl(mid),
    author: mblog.user?.screen_name?.trim() || null,
    published_at: published ?? toShanghaiIso(site.fetchedAt),
    fetched_at: toShanghaiIso(site.fetchedAt),
    title: null,
    text,
    metrics: mblogMetrics(mblog),
    place_hints: place ? [place] : [],
  };
  return { post, longText: mblog.isLongText === true, mid, timeRead: published !== null, problems };
}

/** Counts may be numbers or strings such as "1.2万" and "100万+". */
export function mblogMetrics(counts: z.infer<typeof mblogCountsSchema>): PostMetrics {
  return {
    reposts: parseCount(counts.reposts_count),
    comments: parseCount(counts.comments_count),
    likes: parseCount(counts.attitudes_count),
  };
}

/** A fresher count wins; a count the detail lacks keeps the list's value. */
export function mergeMetrics(older: PostMetrics, newer: PostMetrics): PostMetrics {
  return {
    reposts: newer.reposts ?? older.reposts,
    comments: newer.comments ?? older.comments,
    likes: newer.likes ?? older.likes,
  };
}

/**
 * A cut-short text ends in a "全文" link to `/status/<mid>`; it is navigation, not words of the
 * post, and would otherwise end up in the text the classifiers read.
 */
function withoutFullTextLink(html: string): string {
  return html.replace(/<a\b[^>]*\bhref=["']\/status\/[^"']*["'][^>]*>\s*全文\s*<\/a>/g, '');
}
