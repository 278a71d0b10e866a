import type { FetchedPage, ParsedPage } from '../page.ts';
import { loadHtml } from '../text/html-document.ts';
import { readHtmlField } from './generic/html-fields.ts';
import { fillBodyTemplate, parseJsonBody, readJsonField } from './generic/json-fields.ts';
import { nextJsonList, readJsonList } from './generic/json-list-page.ts';
import {
  type GenericJsonOptions,
  genericJsonOptionsSchema,
  type JsonDetailOptions,
} from './generic/json-options.ts';
import { type LetterRecord, readRecord } from './generic/letter-record.ts';
import { type DetailTarget, fromDetail, fromListRecords } from './generic/list-results.ts';
import { numberingOf } from './generic/paging.ts';
import { absoluteUrl } from './generic/record-to-post.ts';
import { firstCursors, listRequest } from './generic/request-template.ts';
import type { SourceAdapter } from './source-adapter.ts';

export type { GenericJsonOptions } from './generic/json-options.ts';

/**
 * JSON list APIs (GET or POST, page numbers or keyset) read by dotted paths from config, with an
 * optional JSON or HTML detail per item. `js_object` reads JavaScript object text (北京).
 */
export const genericJsonAdapter: SourceAdapter<GenericJsonOptions> = {
  kind: 'generic-json',
  optionsSchema: genericJsonOptionsSchema,
  start: ({ options }) =>
    firstCursors(options.keywords, options.paging.scheme === 'keyset' ? options.paging.first : '').map(
      (cursor) => listRequest(options, cursor, numberingOf(options.paging)),
    ),
  parse: (page, { sourceId, options }) =>
    page.request.purpose === 'detail'
      ? parseDetail(page, sourceId, options)
      : parseList(page, sourceId, options),
};

function parseList(page: FetchedPage, sourceId: string, options: GenericJsonOptions): ParsedPage {
  const list = readJsonList(page, options);
  const detail = options.detail;
  const detailOf = (index: number) => (detail ? detailTarget(list.items[index], detail, page.url) : null);
  const parsed = fromListRecords(
    list.entries,
    {
      sourceId,
      page,
      placeHints: options.place_hints,
      fallbackUrl: (index) => detailOf(index)?.url ?? listAnchor(page.url, list.entries[index]?.record),
    },
    detail ? (_record, _post, index) => detailOf(index) : null,
  );
  parsed.next.push(...nextJsonList(page, options, list));
  return parsed;
}

function detailTarget(item: unknown, detail: JsonDetailOptions, base: string): DetailTarget | null {
  const url = absoluteUrl(readJsonField(item, detail.url) ?? undefined, base);
  if (!url) return null;
  const target: DetailTarget = { url };
  if (detail.method !== 'GET') target.method = detail.method;
  const headers: Record<string, string> = { ...detail.headers };
  if (detail.body !== undefined) {
    const body = fillBodyTemplate(detail.body, item);
    if (body === null) return null;
    target.body = body;
    headers['Content-Type'] ??= /^\s*[[{]/.test(body)
      ? 'application/json;charset=UTF-8'
      : 'application/x-www-form-urlencoded';
  }
  if (Object.keys(headers).length > 0) target.headers = headers;
  return target;
}

/** A post without a page of its own points at the list, anchored by its id. */
function listAnchor(listUrl: string, record: LetterRecord | undefined): string | null {
  if (!record?.id) return null;
  return `${listUrl.split('#')[0]}#${encodeURIComponent(record.id)}`;
}

function parseDetail(page: FetchedPage, sourceId: string, options: GenericJsonOptions): ParsedPage {
  const detail = options.detail;
  if (!detail) return { posts: [], next: [], problems: [] };
  return fromDetail(
    page,
    sourceId,
    options.place_hints,
    () => readDetail(page, detail),
    detail.fields.text !== undefined,
  );
}

function readDetail(page: FetchedPage, detail: JsonDetailOptions): LetterRecord {
  if (detail.format === 'json') {
    const root = parseJsonBody(page.body, detail.js_object);
    return readRecord(detail.fields, (field, multiline) => readJsonField(root, field, multiline));
  }
  const $ = loadHtml(page.body);
  if (detail.frame && $(detail.frame).length === 0) throw new Error(`no frame "${detail.frame}"`);
  return readRecord(detail.fields, (field, multiline) => readHtmlField($, $.root(), field, multiline));
}
