import type { Post } from '../../../src/domain/post.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import { forumHint, nativeId, postUrl } from './urls.ts';

/** What every Tieba page kind knows of a post, before it becomes a Post. */
export interface TiebaPostFields {
  tid: string;
  /** Set for a reply floor; a thread's first post has none. */
  replyPid?: string;
  author: string | null;
  publishedAt: string | null;
  title: string | null;
  text: string;
  comments: number | null;
  /** From `IP属地:广东`. */
  place: string | null;
  forum: string | null;
}

/** One Post shape for search hits, list items and thread floors, so their ids and urls agree. */
export function tiebaPost(sourceId: string, fields: TiebaPostFields, fetchedAt: Date): Post {
  return {
    id: `${sourceId}:${nativeId(fields.tid, fields.replyPid)}`,
    source: sourceId,
    url: postUrl(fields.tid, fields.replyPid),
    author: fields.author,
    published_at: fields.publishedAt ?? toShanghaiIso(fetchedAt),
    fetched_at: toShanghaiIso(fetchedAt),
    title: fields.title,
    text: fields.text,
    metrics: { reposts: null, comments: fields.comments, likes: null },
    place_hints: [...(fields.place ? [fields.place] : []), ...forumHint(fields.forum)],
  };
}
