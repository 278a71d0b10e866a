import { buildQuery } from '../../text/encode-query.ts';

/**
 * Posts always point at the public site, whatever `base_url` the requests go to, so a post's
 * url is the same whether it was read from a search snippet, a forum list or a thread page.
 */
export const CANONICAL_ORIGIN = 'https://tieba.baidu.com';

/** Results per search page; the site's own page size, which also tells a full page from the last. */
export const SEARCH_PAGE_SIZE = 10;
/** Threads per forum list page: `pn` steps by this. */
export const FORUM_PAGE_SIZE = 50;

/** Legacy keyword search, newest first (`sm=1`). */
export function searchUrl(base: string, keyword: string, page: number, onlyThreads: boolean): string {
  const query = buildQuery({
    ie: 'utf-8',
    qw: keyword,
    rn: SEARCH_PAGE_SIZE,
    pn: page,
    sm: 1,
    only_thread: onlyThreads ? 1 : 0,
  });
  return `${base}/f/search/res?${query}`;
}

export function forumUrl(base: string, forum: string, page: number): string {
  return `${base}/f?${buildQuery({ kw: forum, ie: 'utf-8', pn: (page - 1) * FORUM_PAGE_SIZE })}`;
}

/** A thread page: with `pid` the site answers with the page that holds that floor. */
export function threadUrl(base: string, tid: string, pid?: string): string {
  return pid ? `${base}/p/${tid}?pid=${pid}` : `${base}/p/${tid}`;
}

/** A thread is `<tid>`; a reply floor is `<tid>_<pid>`, so the two never collide. */
export function nativeId(tid: string, replyPid?: string): string {
  return replyPid ? `${tid}_${replyPid}` : tid;
}

export function postUrl(tid: string, replyPid?: string): string {
  return replyPid
    ? `${CANONICAL_ORIGIN}/p/${tid}?pid=${replyPid}#${replyPid}`
    : `${CANONICAL_ORIGIN}/p/${tid}`;
}

/** Replies carry the thread's title the way the site's own search shows them. */
export function replyTitle(threadTitle: string | null): string | null {
  return threadTitle ? `回复：${threadTitle}` : null;
}

/** Forum names become place hints as `X吧`: county and town forums are named after the place. */
export function forumHint(forum: string | null): string[] {
  return forum ? [forum.endsWith('吧') ? forum : `${forum}吧`] : [];
}
