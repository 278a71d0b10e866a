import { parseContentPage } from './liuyan/content-page.ts';
import { type LiuyanOptions, liuyanOptionsSchema } from './liuyan/options.ts';
import { boardRequest, searchRequest } from './liuyan/requests.ts';
import { parseThreadList } from './liuyan/thread-list.ts';
import type { SourceAdapter } from './source-adapter.ts';

export type { LiuyanOptions } from './liuyan/options.ts';

/**
 * 人民网 领导留言板 (liuyan.people.com.cn): a leader's board or a keyword search through the
 * site's signed JSON API, then each message's detail for its full text and official replies.
 */
export const peopleLiuyanAdapter: SourceAdapter<LiuyanOptions> = {
  kind: 'people-liuyan',
  optionsSchema: liuyanOptionsSchema,
  start: ({ options }) =>
    options.mode === 'board'
      ? [boardRequest(options, '', 1)]
      : options.keywords.map((keyword) => searchRequest(options, keyword, 1)),
  parse: (page, context) =>
    page.request.purpose === 'detail' ? parseContentPage(page) : parseThreadList(page, context),
};
