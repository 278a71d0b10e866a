import { errorMessage } from '../../../src/errors.ts';
import { type FetchedPage, MalformedPageError, type PageRequest } from '../../page.ts';
import { readItems, readPath, scalarText } from './dotted-path.ts';
import type { ListEntry } from './html-list-page.ts';
import { parseJsonBody, readJsonField } from './json-fields.ts';
import type { GenericJsonOptions } from './json-options.ts';
import { readRecord } from './letter-record.ts';
import { hasNextPage, numberingOf, pagesFromRecords } from './paging.ts';
import { cursorOf, listRequest } from './request-template.ts';

export interface JsonList {
  root: unknown;
  items: unknown[];
  entries: ListEntry[];
}

/** The items of a JSON list response; a body that is not the list at all is malformed. */
export function readJsonList(page: FetchedPage, options: GenericJsonOptions): JsonList {
  let root: unknown;
  try {
    root = parseJsonBody(page.body, options.js_object);
  } catch (error) {
    throw new MalformedPageError(
      page.url,
      `unreadable ${options.js_object ? 'JS object' : 'JSON'}: ${errorMessage(error)}`,
    );
  }
  const items = readItems(root, options.items);
  if (!items) throw new MalformedPageError(page.url, `no item array at "${options.items}"`);
  const entries = items.map((item, index) => ({
    index,
    record: readRecord(options.fields, (field, multiline) => readJsonField(item, field, multiline)),
  }));
  return { root, items, entries };
}

/** The next list page, by page number or by keyset. */
export function nextJsonList(page: FetchedPage, options: GenericJsonOptions, list: JsonList): PageRequest[] {
  const paging = options.paging;
  const cursor = cursorOf(page.request.context);
  const signals = {
    page: cursor.page,
    maxPages: options.max_pages,
    items: list.items.length,
    totalPages: null,
  };
  const following = { ...cursor, page: cursor.page + 1 };
  switch (paging.scheme) {
    case 'none':
      return [];
    case 'page_param': {
      const totalPages =
        numberAt(list.root, paging.total_pages_path) ??
        pagesFromRecords(numberAt(list.root, paging.total_records_path), paging.per_page);
      if (!hasNextPage({ ...signals, totalPages, perPage: paging.per_page })) return [];
      return [listRequest(options, following, numberingOf(paging))];
    }
    case 'keyset': {
      const last = scalarText(readPath(list.items.at(-1), paging.last_item_from)[0]);
      if (!last || !hasNextPage({ ...signals, perPage: paging.per_page })) return [];
      return [listRequest(options, { ...following, last }, numberingOf(paging))];
    }
  }
}

function numberAt(root: unknown, path: string | undefined): number | null {
  if (path === undefined) return null;
  const value = Number(scalarText(readPath(root, path)[0]) ?? Number.NaN);
  return Number.isFinite(value) && value >= 0 ? value : null;
}
