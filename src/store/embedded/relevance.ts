import type { StoredPost } from '../store.ts';

/** How many of the newest matches relevance sorting looks at. */
export const RELEVANCE_WINDOW = 500;

/**
 * The index keeps which words a post contains but not how often (it is smaller and faster that
 * way), so relevance is scored here, over the newest matches: each query word counts once per
 * occurrence, three times in the title, and long texts are damped. Ties stay newest first.
 */
export function rankByRelevance<T extends StoredPost>(items: readonly T[], words: readonly string[]): T[] {
  const scored = items.map((item, order) => ({ item, order, score: relevance(item, words) }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map((s) => s.item);
}

function relevance({ post }: StoredPost, words: readonly string[]): number {
  const title = (post.title ?? '').toLowerCase();
  const text = post.text.toLowerCase();
  let score = 0;
  for (const word of words) score += 3 * occurrences(title, word) + occurrences(text, word);
  return score / Math.sqrt(1 + text.length / 200);
}

function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}
