import { z } from 'zod';
import type { PageRequest } from '../../page.ts';
import { buildQuery } from '../../text/encode-query.ts';
import { type SearchWindow, searchWindowSchema, timescope } from './time-window.ts';
import type { WeiboWebSearchOptions } from './web-options.ts';

/** What a search page request carries back to `parse`: its keyword and time window. */
export const webContextSchema = z.strictObject({ keyword: z.string(), window: searchWindowSchema });
export type WebContext = z.infer<typeof webContextSchema>;

const base = (options: WeiboWebSearchOptions) => options.base_url.replace(/\/+$/, '');

/** Page `page` of a keyword search limited to `window` (dataabc/weibo-search's URL form). */
export function searchRequest(
  options: WeiboWebSearchOptions,
  keyword: string,
  window: SearchWindow,
  page: number,
): PageRequest {
  const query = buildQuery({
    q: keyword,
    ...(options.original_only ? { scope: 'ori' } : { typeall: 1 }),
    suball: 1,
    timescope: timescope(window),
    page,
  });
  return {
    url: `${base(options)}/weibo?${query}`,
    purpose: 'list',
    page,
    headers: { Accept: 'text/html,application/xhtml+xml', Referer: `${base(options)}/` },
    context: { keyword, window } satisfies WebContext,
  };
}
