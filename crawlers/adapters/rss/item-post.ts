import type { Post } from '../../../src/domain/post.ts';
import { NO_METRICS } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import type { FetchedPage, ItemProblem } from '../../page.ts';
import type { FeedItem } from './feed-items.ts';
import { feedTime } from './feed-time.ts';
import { feedItemId } from './native-id.ts';

/** A feed item as a Post, or null (with the reason in `problems`) when it cannot be one. */
export function itemPost(
  item: FeedItem,
  index: number,
  page: FetchedPage,
  sourceId: string,
  problems: ItemProblem[],
): Post | null {
  const note = (severity: ItemProblem['severity'], reason: string) =>
    problems.push({ url: page.url, item: index, severity, reason });
  const nativeId = feedItemId(item.guid, item.link);
  const url = item.link ?? (item.guid && /^https?:\/\//i.test(item.guid) ? item.guid : null);
  if (!nativeId || !url) {
    note('dropped', `item ${index}: neither guid nor usable link`);
    return null;
  }
  const text = item.summary || item.title;
  if (!text) {
    note('dropped', `item ${nativeId}: neither summary nor title`);
    return null;
  }
  if (!item.summary) note('degraded', `item ${nativeId}: no summary, title used as text`);
  const publishedAt = feedTime(item.rawTime, page.fetchedAt);
  if (!publishedAt) {
    note('degraded', `item ${nativeId}: unreadable time ${JSON.stringify(item.rawTime)}, fetch time used`);
  }
  return {
    id: `${sourceId}:${nativeId}`,
    source: sourceId,
    url,
    author: item.author,
    published_at: publishedAt ?? toShanghaiIso(page.fetchedAt),
    fetched_at: toShanghaiIso(page.fetchedAt),
    title: item.title,
    text,
    metrics: NO_METRICS,
    place_hints: [],
  };
}
