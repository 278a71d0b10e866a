import iconv from 'iconv-lite';
import { z } from 'zod';
import type { PageRequest } from '../../page.ts';
import { encodeQueryValue } from '../../text/encode-query.ts';

/**
 * Template variables a list URL or body may hold: `{keyword}` (one paging sequence per keyword),
 * `{page}` (page number from `start` by `step`), `{start}`/`{end}` (1-based record range, Hanweb's
 * `startrecord`/`endrecord`), `{offset}` (0-based record offset) and `{last}` (keyset paging).
 */
export const TEMPLATE_VARIABLES = ['keyword', 'page', 'start', 'end', 'offset', 'last'] as const;

const TEMPLATE_VARIABLE = /\{(keyword|page|start|end|offset|last)\}/g;

/** Where a pass stands in one list sequence; travels in each list request's context. */
export interface ListCursor {
  keyword: string;
  /** 1-based position in the sequence. */
  page: number;
  /** The keyset value for `{last}`. */
  last: string;
}

/** How a position becomes the numbers the site wants. */
export interface Numbering {
  start: number;
  step: number;
  perPage: number;
}

export const urlTemplate = z
  .string()
  .min(1)
  .refine((url) => isHttpUrl(url.replace(TEMPLATE_VARIABLE, '1')), 'must be an http(s) URL');

export const charsetName = z
  .string()
  .refine((name) => iconv.encodingExists(name), 'unknown charset (try utf-8, gbk, gb2312, gb18030, big5)');

/** Fields both generic engines share: where the list is, how to ask for it, how far to page. */
export const requestShape = {
  url: urlTemplate,
  method: z.enum(['GET', 'POST']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  /** One paging sequence per keyword, filled into `{keyword}`. */
  keywords: z.array(z.string().min(1)).min(1).optional(),
  /** Charset of `{keyword}` in URLs and form bodies: classic boards want GBK bytes. */
  query_charset: charsetName.default('utf-8'),
  max_pages: z.int().min(1).max(100).default(3),
  /** Where the source's posts are from (a county board's name): handed on as place hints. */
  place_hints: z.array(z.string().min(1)).default([]),
};

export function templateValues(cursor: ListCursor, numbering: Numbering): Record<string, string> {
  const index = cursor.page - 1;
  return {
    keyword: cursor.keyword,
    page: String(numbering.start + index * numbering.step),
    start: String(index * numbering.perPage + 1),
    end: String((index + 1) * numbering.perPage),
    offset: String(index * numbering.perPage),
    last: cursor.last,
  };
}

/** Fills template variables in text; only the filled values are encoded, never the template around them. */
export function fillText(
  template: string,
  values: Record<string, string>,
  encode: (value: string) => string,
) {
  return template.replace(TEMPLATE_VARIABLE, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : encode(value);
  });
}

/** Fills template variables in a JSON body; a string that is only `{page}` (or another number) becomes a number. */
export function fillJson(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string') {
    const only = template.match(/^\{(page|start|end|offset)\}$/);
    if (only) return Number(values[only[1] as string]);
    return fillText(template, values, (value) => value);
  }
  if (Array.isArray(template)) return template.map((entry) => fillJson(entry, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, entry]) => [key, fillJson(entry, values)]));
  }
  return template;
}

export interface ListRequestSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  query_charset: string;
  /** A form body template (text) or a JSON body template (object). */
  body?: string | Record<string, unknown> | undefined;
}

/** The request for one list page. */
export function listRequest(spec: ListRequestSpec, cursor: ListCursor, numbering: Numbering): PageRequest {
  const values = templateValues(cursor, numbering);
  const encode = (value: string) => encodeQueryValue(value, spec.query_charset);
  const request: PageRequest = {
    url: fillText(spec.url, values, encode),
    purpose: 'list',
    page: cursor.page,
    context: { cursor },
  };
  const headers: Record<string, string> = { ...spec.headers };
  if (spec.method !== 'GET') request.method = spec.method;
  if (typeof spec.body === 'string') {
    request.body = fillText(spec.body, values, encode);
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
  } else if (spec.body !== undefined) {
    request.body = JSON.stringify(fillJson(spec.body, values));
    headers['Content-Type'] ??= 'application/json;charset=UTF-8';
  }
  if (Object.keys(headers).length > 0) request.headers = headers;
  return request;
}

/** First list requests of a pass: page 1 of each keyword (or of the one list without keywords). */
export function firstCursors(keywords: readonly string[] | undefined, firstLast = ''): ListCursor[] {
  return (keywords ?? ['']).map((keyword) => ({ keyword, page: 1, last: firstLast }));
}

/** The cursor a list response was asked with (page 1 of no keyword when the context is missing). */
export function cursorOf(context: unknown): ListCursor {
  const parsed = z
    .object({ cursor: z.object({ keyword: z.string(), page: z.int().min(1), last: z.string() }) })
    .safeParse(context);
  return parsed.success ? parsed.data.cursor : { keyword: '', page: 1, last: '' };
}

/** Whether a template mentions a template variable, for cross-checks between options. */
export function mentions(template: unknown, name: (typeof TEMPLATE_VARIABLES)[number]): boolean {
  return JSON.stringify(template ?? '').includes(`{${name}}`);
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
