import { createHash } from 'node:crypto';
import type { Post } from './post.ts';

/** Changes exactly when what a reader sees changes: an edited post gets a new hash. */
export function postContentHash(post: Pick<Post, 'title' | 'text'>): string {
  return createHash('sha256')
    .update(`${post.title ?? ''}\n${post.text}`)
    .digest('hex')
    .slice(0, 32);
}
