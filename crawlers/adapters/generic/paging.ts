import { z } from 'zod';
import { htmlToText } from '../../text/html-text.ts';
import { applyRegex, htmlField, jsonPath, regexSource } from './field-spec.ts';
import type { Numbering } from './request-template.ts';

const none = z.strictObject({ scheme: z.literal('none') });

/** Page numbers in the URL or body (`{page}`, or `{start}`/`{end}` record ranges). */
const pageNumbers = {
  start: z.int().min(0).default(1),
  step: z.int().min(1).default(1),
  /** Records per request: for `{start}`/`{end}`/`{offset}`, totals in records, and "a short page is the last". */
  per_page: z.int().min(1).max(1000).optional(),
};

const needsPerPage = {
  message: 'a total in records needs per_page to become a page count',
  path: ['per_page'],
};

/** Paging of an HTML list. */
export const htmlPagingSchema = z
  .discriminatedUnion('scheme', [
    none,
    z.strictObject({ scheme: z.literal('next_link'), link: htmlField }),
    z
      .strictObject({
        scheme: z.literal('page_param'),
        ...pageNumbers,
        /** Regex for the page count, e.g. the footer `当前第 1/3 页`. */
        total_pages: regexSource.optional(),
        /** Regex for the record count, e.g. Hanweb's `<totalrecord>45</totalrecord>`. */
        total_records: regexSource.optional(),
      })
      .refine((paging) => !paging.total_records || paging.per_page, needsPerPage),
    z.strictObject({
      scheme: z.literal('index_n'),
      /** Regex for the page count TRS WCM prints as `createPageHTML(<count>, <current>, "index", "html")`. */
      page_count: regexSource.default(String.raw`(?:createPageHTML\(\s*|countPage\s*=\s*)(\d+)`),
    }),
  ])
  .default({ scheme: 'none' });

/** Paging of a JSON list. */
export const jsonPagingSchema = z
  .discriminatedUnion('scheme', [
    none,
    z
      .strictObject({
        scheme: z.literal('page_param'),
        ...pageNumbers,
        total_pages_path: jsonPath.optional(),
        total_records_path: jsonPath.optional(),
      })
      .refine((paging) => !paging.total_records_path || paging.per_page, needsPerPage),
    z.strictObject({
      scheme: z.literal('keyset'),
      /** Field of the last item that asks for the next page, filled into `{last}` (领导留言板 `lastItem` = last tid). */
      last_item_from: jsonPath,
      /** `{last}` on the first page. */
      first: z.string().default(''),
      per_page: z.int().min(1).max(1000).optional(),
    }),
  ])
  .default({ scheme: 'none' });

export type HtmlPaging = z.infer<typeof htmlPagingSchema>;
export type JsonPaging = z.infer<typeof jsonPagingSchema>;

/** What a list page said about where the list ends. */
export interface PageSignals {
  /** 1-based position of this page. */
  page: number;
  maxPages: number;
  /** Items found on the page, readable or not. */
  items: number;
  totalPages: number | null;
  perPage?: number | undefined;
}

/** Whether to ask for the page after this one. */
export function hasNextPage(signals: PageSignals): boolean {
  if (signals.page >= signals.maxPages || signals.items === 0) return false;
  if (signals.totalPages !== null && signals.page >= signals.totalPages) return false;
  return signals.perPage === undefined || signals.items >= signals.perPage;
}

export function numberingOf(paging: HtmlPaging | JsonPaging): Numbering {
  if (paging.scheme === 'page_param') {
    return { start: paging.start, step: paging.step, perPage: paging.per_page ?? 1 };
  }
  return { start: 1, step: 1, perPage: paging.scheme === 'keyset' ? (paging.per_page ?? 1) : 1 };
}

/** A count printed on the page, read from the raw body (scripts included), else from its text. */
export function countOnPage(body: string, regex: string | undefined): number | null {
  if (regex === undefined) return null;
  const raw = applyRegex(body, regex) ?? applyRegex(htmlToText(body), regex);
  const count = raw === null ? Number.NaN : Number(raw.replace(/[,\s]/g, ''));
  return Number.isFinite(count) && count >= 0 ? count : null;
}

export function pagesFromRecords(records: number | null, perPage: number | undefined): number | null {
  return records === null || perPage === undefined ? null : Math.ceil(records / perPage);
}

/** TRS WCM pages: `index.html`, then `index_1.html`, `index_2.html`, … */
export function indexPageUrl(firstUrl: string, page: number): string {
  if (page <= 1) return firstUrl;
  return firstUrl.replace(/index(\.s?html?)(?=$|[?#])/, `index_${page - 1}$1`);
}

export const INDEX_URL = /index\.s?html?(?=$|[?#])/;
