import type { SourceAdapter } from './source-adapter.ts';
import { initialWindow } from './weibo/time-window.ts';
import { parseSearchPage } from './weibo/web-list.ts';
import { type WeiboWebSearchOptions, weiboWebSearchOptionsSchema } from './weibo/web-options.ts';
import { searchRequest } from './weibo/web-requests.ts';

export type { WeiboWebSearchOptions } from './weibo/web-options.ts';

/**
 * Weibo keyword search through s.weibo.com's result pages, over a time window that starts a
 * little before the newest post already handed on. Needs a logged-in weibo.com cookie from the
 * fetcher; login, visitor and captcha pages come back as `blocked`, never as "no posts".
 */
export const weiboWebSearchAdapter: SourceAdapter<WeiboWebSearchOptions> = {
  kind: 'weibo-web-search',
  optionsSchema: weiboWebSearchOptionsSchema,
  start({ options, now, newestSeen }) {
    const window = initialWindow(now, newestSeen, options);
    return options.keywords.map((keyword) => searchRequest(options, keyword, window, 1));
  },
  parse: (page, { sourceId, options }) => parseSearchPage(page, sourceId, options),
};
