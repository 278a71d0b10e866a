import type { Post } from '../../../src/domain/post.ts';
import type { PageRequest } from '../../page.ts';
import { buildQuery } from '../../text/encode-query.ts';
import type { HeimaoOptions } from './options.ts';
import { searchSignature } from './sign.ts';

/** The search page asks for 10 items; a different size would be a request no browser makes. */
export const PAGE_SIZE = 10;

/** One signed keyword-search page; `at` becomes `ts`, so a page signed late is signed fresh. */
export function searchRequest(
  options: HeimaoOptions,
  keyword: string,
  page: number,
  at: Date,
  nonce: string,
): PageRequest {
  const ts = String(at.getTime());
  const signature = searchSignature({
    ts,
    rs: nonce,
    secret: options.secret,
    keywords: keyword,
    pageSize: PAGE_SIZE,
    page,
  });
  const query = buildQuery({ ts, rs: nonce, signature, keywords: keyword, page_size: PAGE_SIZE, page });
  return {
    url: `${options.base_url}/api/index/s?${query}`,
    purpose: 'list',
    page,
    headers: {
      accept: 'application/json, text/javascript, */*; q=0.01',
      'x-requested-with': 'XMLHttpRequest',
      referer: searchReferer(options, keyword),
    },
  };
}

/** The complaint page, with the list's version of the post to fall back on. */
export function complaintRequest(
  options: HeimaoOptions,
  sn: string,
  keyword: string,
  page: number,
  partial: Post,
): PageRequest {
  return {
    url: `${options.base_url}/complaint/view/${sn}/`,
    purpose: 'detail',
    page,
    headers: { referer: searchReferer(options, keyword) },
    partial,
  };
}

function searchReferer(options: HeimaoOptions, keyword: string): string {
  return `${options.base_url}/index/search/?${buildQuery({ keywords: keyword, t: 1 })}`;
}
