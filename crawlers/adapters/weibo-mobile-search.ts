import { MalformedPageError } from '../page.ts';
import type { SourceAdapter } from './source-adapter.ts';
import { parseMobileDetail } from './weibo/mobile-detail.ts';
import { parseMobileList } from './weibo/mobile-list.ts';
import { type WeiboMobileSearchOptions, weiboMobileSearchOptionsSchema } from './weibo/mobile-options.ts';
import { listRequest, mobileContextSchema } from './weibo/mobile-requests.ts';
import { readMobileJson } from './weibo/mobile-response.ts';

export type { WeiboMobileSearchOptions } from './weibo/mobile-options.ts';

/**
 * Weibo keyword search through m.weibo.cn's JSON API (real-time tab by default), one paging
 * sequence per keyword, with the full text of cut-short posts from a detail request. Needs a
 * m.weibo.cn cookie from the fetcher: anonymous calls get HTTP 432, which the fetcher reports as
 * a permanent error before this adapter sees a body; the other block shapes come back as
 * `blocked`, never as "no posts".
 */
export const weiboMobileSearchAdapter: SourceAdapter<WeiboMobileSearchOptions> = {
  kind: 'weibo-mobile-search',
  optionsSchema: weiboMobileSearchOptionsSchema,
  start: ({ options }) => options.keywords.map((keyword) => listRequest(options, keyword, 1)),
  parse(page, { sourceId, options }) {
    const context = mobileContextSchema.safeParse(page.request.context);
    if (!context.success)
      throw new MalformedPageError(page.url, 'request without a weibo-mobile-search context');
    if (context.data.step === 'detail') return parseMobileDetail(page, context.data.via, sourceId);
    const reading = readMobileJson(page);
    if ('blocked' in reading) return { posts: [], next: [], problems: [], blocked: reading.blocked };
    return parseMobileList(page, reading.json, { sourceId, options, keyword: context.data.keyword });
  },
};
