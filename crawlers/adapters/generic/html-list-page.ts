import type * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { type FetchedPage, MalformedPageError, type PageRequest } from '../../page.ts';
import { loadHtml, topElements } from '../../text/html-document.ts';
import { readHtmlField } from './html-fields.ts';
import type { GenericHtmlOptions } from './html-options.ts';
import { type LetterRecord, readRecord } from './letter-record.ts';
import { countOnPage, hasNextPage, indexPageUrl, numberingOf, pagesFromRecords } from './paging.ts';
import { absoluteUrl } from './record-to-post.ts';
import { cursorOf, listRequest } from './request-template.ts';
import { xmlRecords } from './xml-records.ts';

export interface ListEntry {
  record: LetterRecord;
  index: number;
}

/** The records of one HTML (or Hanweb XML) list page, in page order. */
export function readHtmlList(page: FetchedPage, options: GenericHtmlOptions): ListEntry[] {
  const scopes =
    options.list_format === 'xml-records' ? recordScopes(page, options) : pageScopes(page, options);
  return scopes.map(({ $, item }, index) => ({
    index,
    record: readRecord(options.fields, (field, multiline) => readHtmlField($, item, field, multiline)),
  }));
}

/** The next list page, by the configured paging scheme. */
export function nextHtmlList(page: FetchedPage, options: GenericHtmlOptions, items: number): PageRequest[] {
  const paging = options.paging;
  const cursor = cursorOf(page.request.context);
  const signals = { page: cursor.page, maxPages: options.max_pages, items, totalPages: null };
  const following = { ...cursor, page: cursor.page + 1 };
  switch (paging.scheme) {
    case 'none':
      return [];
    case 'next_link': {
      if (!hasNextPage(signals)) return [];
      const $ = loadHtml(page.body);
      const url = absoluteUrl(readHtmlField($, $.root(), paging.link) ?? undefined, page.url);
      if (!url || url === page.url) return [];
      return [{ url, purpose: 'list', page: following.page, context: { cursor: following } }];
    }
    case 'page_param': {
      const totalPages =
        countOnPage(page.body, paging.total_pages) ??
        pagesFromRecords(countOnPage(page.body, paging.total_records), paging.per_page);
      if (!hasNextPage({ ...signals, totalPages, perPage: paging.per_page })) return [];
      return [listRequest(options, following, numberingOf(paging))];
    }
    case 'index_n': {
      const totalPages = countOnPage(page.body, paging.page_count) ?? 1;
      if (!hasNextPage({ ...signals, totalPages })) return [];
      const url = indexPageUrl(options.url, following.page);
      return [{ ...listRequest(options, following, numberingOf(paging)), url }];
    }
  }
}

interface Scope {
  $: cheerio.CheerioAPI;
  item: cheerio.Cheerio<AnyNode>;
}

function pageScopes(page: FetchedPage, options: GenericHtmlOptions): Scope[] {
  const $ = loadHtml(page.body);
  if (options.frame && $(options.frame).length === 0) {
    throw new MalformedPageError(page.url, `list page without its frame "${options.frame}"`);
  }
  return (options.item ? $(options.item) : topElements($))
    .toArray()
    .map((element) => ({ $, item: $(element) }));
}

function recordScopes(page: FetchedPage, options: GenericHtmlOptions): Scope[] {
  return xmlRecords(page.body, page.url).flatMap((fragment) => {
    const $ = loadHtml(fragment);
    const items = options.item ? $(options.item) : topElements($).first();
    return items.toArray().map((element) => ({ $, item: $(element) }));
  });
}
