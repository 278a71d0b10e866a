import { z } from 'zod';
import type { Post } from '../../../src/domain/post.ts';
import type { PageRequest } from '../../page.ts';
import { buildQuery } from '../../text/encode-query.ts';
import type { WeiboMobileSearchOptions } from './mobile-options.ts';

/** What a request carries back to `parse`: which keyword a list page is for, or how a detail was asked. */
export const mobileContextSchema = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('list'), keyword: z.string() }),
  z.strictObject({
    step: z.literal('detail'),
    via: z.enum(['extend', 'show', 'detail_page']),
    mid: z.string(),
  }),
]);

export type MobileContext = z.infer<typeof mobileContextSchema>;
export type DetailVia = Extract<MobileContext, { step: 'detail' }>['via'];

/** The headers m.weibo.cn's own web app sends with its XHRs; the cookie comes from the fetcher. */
const XHR_HEADERS = { 'X-Requested-With': 'XMLHttpRequest', 'MWeibo-Pwa': '1' } as const;
const JSON_ACCEPT = 'application/json, text/plain, */*';

const base = (options: WeiboMobileSearchOptions) => options.base_url.replace(/\/+$/, '');

/** One page of a keyword search: `100103type=<T>&q=<kw>` is the search container. */
export function listRequest(options: WeiboMobileSearchOptions, keyword: string, page: number): PageRequest {
  const containerid = `100103type=${options.search_type}&q=${keyword}`;
  const context: MobileContext = { step: 'list', keyword };
  return {
    url: `${base(options)}/api/container/getIndex?${buildQuery({ containerid, page_type: 'searchall', page })}`,
    purpose: 'list',
    page,
    headers: {
      ...XHR_HEADERS,
      Accept: JSON_ACCEPT,
      Referer: `${base(options)}/search?${buildQuery({ containerid })}`,
    },
    context,
  };
}

const DETAIL_PATH: Readonly<Record<DetailVia, (mid: string) => string>> = {
  extend: (mid) => `/statuses/extend?${buildQuery({ id: mid })}`,
  show: (mid) => `/statuses/show?${buildQuery({ id: mid })}`,
  detail_page: (mid) => `/detail/${encodeURIComponent(mid)}`,
};

/** The full text of a cut-short post; the list's version rides along in case this fails. */
export function detailRequest(
  options: WeiboMobileSearchOptions,
  via: DetailVia,
  mid: string,
  partial: Post,
): PageRequest {
  const context: MobileContext = { step: 'detail', via, mid };
  return {
    url: `${base(options)}${DETAIL_PATH[via](mid)}`,
    purpose: 'detail',
    page: 1,
    // The detail page is a navigation, not an XHR: it gets a browser's headers, not the app's.
    headers:
      via === 'detail_page'
        ? { Accept: 'text/html,application/xhtml+xml', Referer: `${base(options)}/` }
        : {
            ...XHR_HEADERS,
            Accept: JSON_ACCEPT,
            Referer: `${base(options)}/detail/${encodeURIComponent(mid)}`,
          },
    partial,
    context,
  };
}
