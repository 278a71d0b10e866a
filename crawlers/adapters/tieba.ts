import {
  emptyPage,
  type FetchedPage,
  MalformedPageError,
  type PageRequest,
  type ParsedPage,
} from '../page.ts';
import type { SourceAdapter } from './source-adapter.ts';
import { challengeOf } from './tieba/challenge.ts';
import { readForumPage } from './tieba/forum-page.ts';
import type { ListEntry, ListReading } from './tieba/list-entry.ts';
import { type TiebaOptions, tiebaOptionsSchema } from './tieba/options.ts';
import { readSearchPage } from './tieba/search-page.ts';
import { type ListStep, stepSchema } from './tieba/steps.ts';
import { threadDetail } from './tieba/thread-detail.ts';
import { readThreadPage } from './tieba/thread-page.ts';
import { forumUrl, searchUrl, threadUrl } from './tieba/urls.ts';

export type { TiebaOptions } from './tieba/options.ts';

/**
 * 百度贴吧 through its legacy HTML pages (FORMATS.md §5): keyword search or forum lists, each
 * new post's thread page for the full text, and optionally the replies on it. A page without
 * the content it was fetched for is a challenge (blocked), or else malformed: a list page
 * fails the pass, a thread page keeps the list's version of its post.
 */
export const tiebaAdapter: SourceAdapter<TiebaOptions> = {
  kind: 'tieba',
  optionsSchema: tiebaOptionsSchema,
  start: ({ options }) =>
    options.mode === 'search'
      ? options.keywords.map((keyword) => listRequest(options, { step: 'search', keyword }, 1))
      : options.forums.map((forum) => listRequest(options, { step: 'forum', forum }, 1)),
  parse(page, { sourceId, options }) {
    const step = stepSchema.parse(page.request.context);
    if (step.step === 'thread') {
      const reading = readThreadPage(page, sourceId, step.tid);
      return reading
        ? threadDetail(page, reading, step, sourceId, options)
        : unreadable(page, 'thread page without floors');
    }
    const reading =
      step.step === 'search' ? readSearchPage(page, sourceId) : readForumPage(page, sourceId, step.forum);
    if (!reading) return unreadable(page, `${step.step} page without a result list`);
    return listResult(page, reading, step, options);
  },
};

function listResult(
  page: FetchedPage,
  reading: ListReading,
  step: ListStep,
  options: TiebaOptions,
): ParsedPage {
  const at = page.request.page;
  const details = options.fetch_threads
    ? reading.entries.map((entry) => threadRequest(options, entry, at))
    : [];
  const next = reading.more && at < options.max_pages ? [listRequest(options, step, at + 1)] : [];
  return {
    posts: options.fetch_threads ? [] : reading.entries.map((entry) => entry.post),
    next: [...details, ...next],
    problems: reading.problems,
  };
}

function listRequest(options: TiebaOptions, step: ListStep, page: number): PageRequest {
  const url =
    step.step === 'search'
      ? searchUrl(options.base_url, step.keyword, page, options.mode === 'search' && options.only_threads)
      : forumUrl(options.base_url, step.forum, page);
  return { url, purpose: 'list', page, context: step };
}

/** A reply is asked for by `pid`, which lands on the page that holds it; a thread by page 1. */
function threadRequest(options: TiebaOptions, entry: ListEntry, page: number): PageRequest {
  const { tid, pid } = entry;
  const reply = entry.isReply && pid !== undefined;
  return {
    url: threadUrl(options.base_url, tid, reply ? pid : undefined),
    purpose: 'detail',
    page,
    partial: entry.post,
    context: { step: 'thread', tid, ...(pid ? { pid } : {}) },
  };
}

function unreadable(page: FetchedPage, what: string): ParsedPage {
  const blocked = challengeOf(page.body);
  if (blocked) return { ...emptyPage(), blocked };
  if (page.request.purpose === 'list') throw new MalformedPageError(page.url, what);
  const kept = page.request.partial !== undefined;
  return {
    ...emptyPage(),
    problems: [
      {
        url: page.url,
        item: 0,
        severity: kept ? 'degraded' : 'dropped',
        reason: kept ? `${what}; the list's version kept` : what,
      },
    ],
  };
}
