import type { FetchedPage, ParsedPage } from '../page.ts';
import { loadHtml } from '../text/html-document.ts';
import { readHtmlField } from './generic/html-fields.ts';
import { nextHtmlList, readHtmlList } from './generic/html-list-page.ts';
import {
  type GenericHtmlOptions,
  genericHtmlOptionsSchema,
  type HtmlDetailOptions,
} from './generic/html-options.ts';
import { readRecord } from './generic/letter-record.ts';
import { fromDetail, fromListRecords } from './generic/list-results.ts';
import { numberingOf } from './generic/paging.ts';
import { firstCursors, listRequest } from './generic/request-template.ts';
import type { SourceAdapter } from './source-adapter.ts';

export type { GenericHtmlOptions } from './generic/html-options.ts';

/**
 * HTML list pages (or a Hanweb XML datastore) read by CSS selectors from config, with an
 * optional detail page per item: a new county board is a source file, not code.
 */
export const genericHtmlAdapter: SourceAdapter<GenericHtmlOptions> = {
  kind: 'generic-html',
  optionsSchema: genericHtmlOptionsSchema,
  start: ({ options }) =>
    firstCursors(options.keywords).map((cursor) => listRequest(options, cursor, numberingOf(options.paging))),
  parse: (page, { sourceId, options }) =>
    page.request.purpose === 'detail'
      ? parseDetail(page, sourceId, options)
      : parseList(page, sourceId, options),
};

function parseList(page: FetchedPage, sourceId: string, options: GenericHtmlOptions): ParsedPage {
  const entries = readHtmlList(page, options);
  const detail = options.detail;
  const parsed = fromListRecords(
    entries,
    { sourceId, page, placeHints: options.place_hints },
    detail ? (_record, post) => detailTarget(post.url, detail) : null,
  );
  parsed.next.push(...nextHtmlList(page, options, entries.length));
  return parsed;
}

function detailTarget(url: string, detail: HtmlDetailOptions) {
  return Object.keys(detail.headers).length > 0 ? { url, headers: detail.headers } : { url };
}

function parseDetail(page: FetchedPage, sourceId: string, options: GenericHtmlOptions): ParsedPage {
  const detail = options.detail;
  if (!detail) return { posts: [], next: [], problems: [] };
  return fromDetail(
    page,
    sourceId,
    options.place_hints,
    () => {
      const $ = loadHtml(page.body);
      if (detail.frame && $(detail.frame).length === 0) throw new Error(`no frame "${detail.frame}"`);
      return readRecord(detail.fields, (field, multiline) => readHtmlField($, $.root(), field, multiline));
    },
    detail.fields.text !== undefined,
  );
}
