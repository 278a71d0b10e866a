import type { StoredPost } from '../store.ts';
import { dayKey, monthKey } from '../time-buckets.ts';

/**
 * What the full-text index holds for one post: its words, then its day and month as tokens
 * (`_d20261126`, `_m202611`), so a search over a time window asks the index for those buckets
 * instead of reading every match. Other filters are checked on the row. Words from the text lose
 * any leading `_`, so no post can fake a bucket token.
 */
export function indexDocument(item: StoredPost, words: readonly string[]): string {
  const clean = words.map((word) => word.replace(/^_+/, '')).filter((word) => word.length > 0);
  return [...clean, `_d${dayKey(item.post.published_at)}`, `_m${monthKey(item.post.published_at)}`].join(' ');
}
