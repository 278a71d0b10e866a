import type { Post } from '../domain/post.ts';
import { type Fingerprint, simhash } from './simhash.ts';

/**
 * A post's SimHash: over the words the classify stage cut, or, for a payload without them,
 * over the text's character pairs (coarser, but still close for near-duplicates).
 */
export function fingerprintOf(post: Post, words: readonly string[] | undefined): Fingerprint {
  if (words && words.length > 0) return simhash(words);
  const text = `${post.title ?? ''} ${post.text}`.replace(/\s+/g, '');
  const pairs: string[] = [];
  for (let i = 0; i + 1 < text.length; i++) pairs.push(text.slice(i, i + 2));
  return simhash(pairs);
}
