import { z } from 'zod';
import { cssOnly } from '../generic/field-spec.ts';
import { genericHtmlOptionsSchema } from '../generic/html-options.ts';
import { INDEX_URL } from '../generic/paging.ts';
import { DATE_REGEX, LETTER_LABEL_FIELDS, presetShape, type ResolvedLetters } from './common.ts';

/**
 * TRS WCM columns: `index.html`, `index_1.html`, … with the page count in an inline
 * `createPageHTML(<count>, <current>, "index", "html")`; letters link to `./YYYYMM/tYYYYMMDD_<n>.html`.
 */
export const trsIndexSchema = z.strictObject({
  preset: z.literal('trs-index'),
  ...presetShape,
  list_url: z
    .url({ protocol: /^https?$/ })
    .refine((url) => INDEX_URL.test(url), "the column's first page, ending in index.html"),
  /** One letter in the list; the default is any list entry linking to a TRS document. */
  item: cssOnly.default('li:has(a[href*="/t20"])'),
});

export function resolveTrsIndex(options: z.infer<typeof trsIndexSchema>): ResolvedLetters {
  return {
    engine: 'html',
    options: genericHtmlOptionsSchema.parse({
      url: options.list_url,
      max_pages: options.max_pages,
      item: options.item,
      fields: {
        id: [{ css: 'a@href', regex: 't(\\d{8}_\\d+)\\.s?html?' }, 'a@href'],
        title: ['a@title', 'a'],
        link: 'a@href',
        published_at: { regex: DATE_REGEX },
      },
      detail: options.fetch_details ? { fields: LETTER_LABEL_FIELDS } : undefined,
      paging: { scheme: 'index_n' },
      place_hints: [options.board],
    }),
  };
}
