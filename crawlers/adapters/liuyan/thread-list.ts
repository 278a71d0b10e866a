import { z } from 'zod';
import type { Post } from '../../../src/domain/post.ts';
import {
  emptyPage,
  type FetchedPage,
  type ItemProblem,
  MalformedPageError,
  type PageRequest,
  type ParsedPage,
} from '../../page.ts';
import type { ParseContext } from '../source-adapter.ts';
import { readApiAnswer } from './api-answer.ts';
import type { LiuyanOptions } from './options.ts';
import { boardRequest, contentRequest, searchRequest } from './requests.ts';
import { type Thread, threadPost, threadSchema } from './threads.ts';

const items = z.object({ data: z.array(z.unknown()).nullish() }).nullish();
/** Board lists answer in `resultData.data`; the search is documented as `data.data`. */
const listSchema = z.object({ resultData: items, data: items });
const contextSchema = z.object({ keyword: z.string() });

/** A board or search page: list versions of its messages, their details, and the next page. */
export function parseThreadList(
  page: FetchedPage,
  { sourceId, options }: ParseContext<LiuyanOptions>,
): ParsedPage {
  const answer = readApiAnswer(page);
  if (answer.kind === 'blocked') return { ...emptyPage(), blocked: answer.blocked };
  if (answer.kind === 'refused')
    return { ...emptyPage(), blocked: { reason: 'forbidden', detail: answer.detail } };
  const list = listSchema.safeParse(answer.json).data;
  const raw = list?.resultData?.data ?? list?.data?.data;
  if (!list || (!list.resultData && !list.data)) {
    throw new MalformedPageError(page.url, 'API JSON without resultData.data or data.data');
  }
  const { threads, found, problems } = readThreads(raw ?? [], sourceId, options, page);
  const details = options.fetch_details
    ? found.map(({ post, header }) =>
        contentRequest(options, post.id.slice(sourceId.length + 1), page.request.page, post, header),
      )
    : [];
  return {
    posts: options.fetch_details ? [] : found.map(({ post }) => post),
    next: [...details, ...nextPage(page, options, raw?.length ?? 0, threads.at(-1))],
    problems,
  };
}

interface ReadThreads {
  threads: Thread[];
  found: { post: Post; header: string }[];
  problems: ItemProblem[];
}

function readThreads(
  raw: readonly unknown[],
  sourceId: string,
  options: LiuyanOptions,
  page: FetchedPage,
): ReadThreads {
  const read: ReadThreads = { threads: [], found: [], problems: [] };
  for (const [index, item] of raw.entries()) {
    const problem = (severity: ItemProblem['severity'], reason: string) =>
      read.problems.push({ url: page.url, item: index, severity, reason });
    const checked = threadSchema.safeParse(item);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      problem('dropped', `message unreadable: ${issue?.path.join('.')}: ${issue?.message}`);
      continue;
    }
    read.threads.push(checked.data);
    const mapped = threadPost(checked.data, sourceId, options.base_url, page.fetchedAt);
    if (typeof mapped === 'string') {
      problem('dropped', mapped);
      continue;
    }
    if (!mapped.timeKnown) problem('degraded', `message ${checked.data.tid}: no dateline, fetch time used`);
    read.found.push(mapped);
  }
  return read;
}

/** Fewer messages than asked for means the end; boards page by the last tid, searches by number. */
function nextPage(
  page: FetchedPage,
  options: LiuyanOptions,
  count: number,
  last: Thread | undefined,
): PageRequest[] {
  const next = page.request.page + 1;
  if (count < options.rows || next > options.max_pages || !last) return [];
  if (options.mode === 'board') return [boardRequest(options, last.tid, next)];
  const context = contextSchema.safeParse(page.request.context);
  return context.success ? [searchRequest(options, context.data.keyword, next)] : [];
}
