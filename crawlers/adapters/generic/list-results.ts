import type { Post } from '../../../src/domain/post.ts';
import { errorMessage } from '../../../src/errors.ts';
import type { FetchedPage, ItemProblem, PageRequest, ParsedPage } from '../../page.ts';
import { type LetterRecord, mergeRecords, recordContext } from './letter-record.ts';
import { recordToPost } from './record-to-post.ts';

/** How to ask for one item's detail page; null when the item has none. */
export type DetailTarget = Pick<PageRequest, 'url' | 'method' | 'headers' | 'body'>;

export interface ListPlace {
  sourceId: string;
  page: FetchedPage;
  placeHints: readonly string[];
  /** Post address for records without a link. */
  fallbackUrl?: (index: number) => string | null;
}

/**
 * Posts from list records: whole posts when there is no detail page, else one detail request per
 * item carrying the list's version (`partial`, handed on if the detail fails) and the list's
 * record (`context`, completed by the detail's fields).
 */
export function fromListRecords(
  entries: ReadonlyArray<{ record: LetterRecord; index: number }>,
  place: ListPlace,
  detail: ((record: LetterRecord, post: Post, index: number) => DetailTarget | null) | null,
): ParsedPage {
  const result: ParsedPage = { posts: [], next: [], problems: [] };
  for (const { record, index } of entries) {
    const built = recordToPost(record, {
      sourceId: place.sourceId,
      pageUrl: place.page.url,
      fetchedAt: place.page.fetchedAt,
      item: index,
      placeHints: place.placeHints,
      fallbackUrl: place.fallbackUrl?.(index) ?? null,
    });
    result.problems.push(...built.problems);
    if (!built.post) continue;
    const target = detail?.(record, built.post, index) ?? null;
    if (!target) {
      result.posts.push(built.post);
      continue;
    }
    result.next.push({
      ...target,
      purpose: 'detail',
      page: place.page.request.page,
      partial: built.post,
      // The link is stored absolute: the detail page is another base for relative links.
      context: { record: { ...record, link: built.post.url } },
    });
  }
  return result;
}

/**
 * The post a detail page completes. A detail page that cannot be read, or holds none of the
 * configured fields, yields no post and a problem: the crawl pass then hands on the list version.
 */
export function fromDetail(
  page: FetchedPage,
  sourceId: string,
  placeHints: readonly string[],
  read: () => LetterRecord,
  expectText: boolean,
): ParsedPage {
  const problem = (reason: string): ParsedPage => ({
    posts: [],
    next: [],
    problems: [{ url: page.url, item: 0, severity: 'degraded', reason: `${reason}; list version kept` }],
  });
  let detail: LetterRecord;
  try {
    detail = read();
  } catch (error) {
    return problem(`detail page unreadable: ${errorMessage(error)}`);
  }
  if (Object.keys(detail).length === 0) return problem('detail page holds none of the configured fields');
  const listRecord = recordContext(page.request.context) ?? {};
  const built = recordToPost(mergeRecords(listRecord, detail), {
    sourceId,
    pageUrl: page.url,
    fetchedAt: page.fetchedAt,
    item: 0,
    placeHints,
    fallbackUrl: page.request.partial?.url ?? page.url,
  });
  const problems: ItemProblem[] = built.problems;
  if (expectText && !detail.text)
    problems.push({ url: page.url, item: 0, severity: 'degraded', reason: 'detail page without text' });
  return { posts: built.post ? [built.post] : [], next: [], problems };
}
