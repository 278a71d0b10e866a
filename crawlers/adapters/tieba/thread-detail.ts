import type { Post } from '../../../src/domain/post.ts';
import type { FetchedPage, ParsedPage } from '../../page.ts';
import type { TiebaOptions } from './options.ts';
import type { ThreadStep } from './steps.ts';
import type { Floor, ThreadReading } from './thread-page.ts';
import { nativeId, postUrl } from './urls.ts';

/**
 * The posts a thread page gives for the request that asked for it: the floor it was asked for
 * (the thread's first post, or a search hit's reply), or every floor when replies are wanted.
 * Only the page asked for is read: a thread page is fetched once, when its post is new, so later
 * pages would only add older replies. When the asked-for floor is not on the page (deleted,
 * folded, moved), the list's version is kept here, since other floors may be.
 */
export function threadDetail(
  page: FetchedPage,
  reading: ThreadReading,
  step: ThreadStep,
  sourceId: string,
  options: TiebaOptions,
): ParsedPage {
  const problems = [...reading.problems];
  const wanted = step.pid
    ? reading.floors.find((floor) => floor.pid === step.pid)
    : reading.floors.find((floor) => floor.isFirst);
  const posts = options.include_replies ? reading.floors.map((floor) => floor.post) : [];
  if (wanted && !options.include_replies) posts.push(wanted.post);
  const partial = page.request.partial;
  if (partial && !wanted) {
    problems.push({
      url: page.url,
      item: 0,
      severity: 'degraded',
      reason: `thread ${step.tid}: floor ${step.pid ?? 1} not on the page; the list's version kept`,
    });
    posts.push(asListed(partial, reading.floors, step, sourceId));
  }
  return { posts, next: [], problems };
}

/**
 * A search hit was taken for a thread's first post, but the page's first floor is another
 * post: it was a reply, and its id and url must say so, or it would stand in for the thread.
 */
function asListed(partial: Post, floors: readonly Floor[], step: ThreadStep, sourceId: string): Post {
  const first = floors.find((floor) => floor.isFirst);
  if (!step.pid || !first || first.pid === step.pid) return partial;
  return { ...partial, id: `${sourceId}:${nativeId(step.tid, step.pid)}`, url: postUrl(step.tid, step.pid) };
}
