import type { Post } from '../../../src/domain/post.ts';
import type { PageRequest } from '../../page.ts';
import type { LiuyanOptions } from './options.ts';
import { signedBody } from './sign.ts';

/** What a list request carries to its response: the keyword a search page belongs to. */
export interface ListContext {
  keyword?: string;
}

/** What a detail request carries: the list's header line, to rebuild the post around the full text. */
export interface DetailContext {
  header: string;
}

/** The param strings are built with a fixed key order: the signature covers them byte for byte. */
export function boardRequest(options: LiuyanOptions & { mode: 'board' }, lastItem: string, page: number) {
  const param = JSON.stringify({
    fid: String(options.fid),
    showUnAnswer: 1,
    typeId: options.type_id,
    lastItem,
    position: '0',
    rows: options.rows,
    orderType: 2,
  });
  const referer = `${options.base_url}/threads/list?fid=${options.fid}`;
  return apiRequest(options, '/v1/threads/list/df', param, referer, { purpose: 'list', page });
}

export function searchRequest(options: LiuyanOptions, keyword: string, page: number): PageRequest {
  const param = JSON.stringify({
    position: 0,
    keywords: keyword,
    fid: null,
    domainId: null,
    typeId: null,
    timeRange: null,
    ansChecked: false,
    stTime: null,
    sortType: '0',
    page,
    rows: options.rows,
  });
  const context: ListContext = { keyword };
  const referer = `${options.base_url}/messageSearch`;
  return apiRequest(options, '/v2/threads/search?sortType=0', param, referer, {
    purpose: 'list',
    page,
    context,
  });
}

export function contentRequest(
  options: LiuyanOptions,
  tid: string,
  page: number,
  partial: Post,
  header: string,
): PageRequest {
  const param = JSON.stringify({ tid, fromTrash: 0 });
  const context: DetailContext = { header };
  const referer = `${options.base_url}/threads/content?tid=${tid}`;
  return apiRequest(options, '/v1/threads/content', param, referer, {
    purpose: 'detail',
    page,
    partial,
    context,
  });
}

function apiRequest(
  options: LiuyanOptions,
  pathAndQuery: string,
  param: string,
  referer: string,
  rest: Pick<PageRequest, 'purpose' | 'page' | 'partial' | 'context'>,
): PageRequest {
  return {
    ...rest,
    url: `${options.base_url}${pathAndQuery}`,
    method: 'POST',
    headers: {
      accept: 'application/json, text/plain, */*',
      'content-type': 'application/json;charset=UTF-8',
      origin: options.base_url,
      referer,
    },
    body: signedBody(pathAndQuery, param, options.app_code),
  };
}
