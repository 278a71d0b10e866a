import { z } from 'zod';
import { cssOnly, htmlField } from './field-spec.ts';
import { fieldsSchema } from './letter-record.ts';
import { checkTemplateVariables } from './options-checks.ts';
import { htmlPagingSchema, INDEX_URL } from './paging.ts';
import { requestShape } from './request-template.ts';

/** Fields on a detail page; each one found replaces the list's (full title, full text, replies). */
export const htmlDetailSchema = z.strictObject({
  fields: fieldsSchema(htmlField),
  /** A selector every real detail page has; without it the page is not read (the list version is kept). */
  frame: cssOnly.optional(),
  headers: z.record(z.string(), z.string()).default({}),
});

/** Options of `generic-html` (see crawlers/adapters/generic/README.md). */
export const genericHtmlOptionsSchema = z
  .strictObject({
    ...requestShape,
    /** A form body template for POST lists (Hanweb dataproxy); template variables are encoded in `query_charset`. */
    body: z.string().optional(),
    /**
     * `html`: items are `item` elements of the page. `xml-records`: the page is a Hanweb
     * `<datastore>` whose `<record><![CDATA[<li>…</li>]]></record>` entries are the items
     * (`item` then narrows inside each record; by default the record's element is the item).
     */
    list_format: z.enum(['html', 'xml-records']).default('html'),
    item: cssOnly.optional(),
    /** A selector every real list page has: a page without it is malformed, not "no posts". */
    frame: cssOnly.optional(),
    fields: fieldsSchema(htmlField).extend({ id: htmlField, link: htmlField }),
    detail: htmlDetailSchema.optional(),
    paging: htmlPagingSchema,
  })
  .superRefine((options, context) => {
    checkTemplateVariables(options, context);
    if (options.list_format === 'html' && options.item === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['item'],
        message: 'required: the selector of one list item',
      });
    }
    if (options.paging.scheme === 'index_n' && !INDEX_URL.test(options.url)) {
      context.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'index_n paging needs a URL ending in index.html',
      });
    }
  });

export type GenericHtmlOptions = z.infer<typeof genericHtmlOptionsSchema>;
export type HtmlDetailOptions = z.infer<typeof htmlDetailSchema>;
