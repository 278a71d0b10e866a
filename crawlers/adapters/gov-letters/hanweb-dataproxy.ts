import { z } from 'zod';
import { genericHtmlOptionsSchema } from '../generic/html-options.ts';
import { DATE_REGEX, LETTER_LABEL_FIELDS, presetShape, type ResolvedLetters, siteUrl } from './common.ts';

const numericId = z.union([z.int().min(0), z.string().regex(/^\d+$/)]).transform(String);

/**
 * Hanweb 大汉 JCMS columns (`/col/col<N>/index.html`): the list comes from a POST to
 * `dataproxy.jsp?startrecord=&endrecord=&perpage=` as an XML `<datastore>` whose records are
 * `<li>` fragments; `<totalrecord>` gives the count.
 */
export const hanwebSchema = z.strictObject({
  preset: z.literal('hanweb-dataproxy'),
  ...presetShape,
  /** The site's origin, e.g. `http://www.sxyc.gov.cn`. */
  site: siteUrl,
  column_id: numericId,
  web_id: numericId,
  unit_id: numericId,
  /** `/module/web/jpage/dataproxy.jsp` on most sites; `/module/jpage/…` or `/module/jslib/jquery/jpage/…` on others. */
  proxy_path: z
    .string()
    .regex(/^\/\S*dataproxy\.jsp$/, 'a path such as /module/web/jpage/dataproxy.jsp')
    .default('/module/web/jpage/dataproxy.jsp'),
  /** Records per request (`endrecord - startrecord + 1`); the site's pages are `perpage` each. */
  records_per_request: z.int().min(1).max(500).default(45),
  perpage: z.int().min(1).max(500).default(15),
  source_content_type: z.int().min(0).default(1),
});

export function resolveHanweb(options: z.infer<typeof hanwebSchema>): ResolvedLetters {
  const { site, column_id: column } = options;
  return {
    engine: 'html',
    options: genericHtmlOptionsSchema.parse({
      url: `${site}${options.proxy_path}?startrecord={start}&endrecord={end}&perpage=${options.perpage}`,
      method: 'POST',
      body: `col=1&appid=1&webid=${options.web_id}&path=/&columnid=${column}&unitid=${options.unit_id}&sourceContentType=${options.source_content_type}&permissiontype=0`,
      headers: { Referer: `${site}/col/col${column}/index.html`, 'X-Requested-With': 'XMLHttpRequest' },
      max_pages: options.max_pages,
      list_format: 'xml-records',
      fields: {
        id: [{ css: 'a@href', regex: 'art_\\d+_(\\d+)\\.s?html' }, 'a@href'],
        title: ['a@title', 'a'],
        link: 'a@href',
        published_at: { regex: DATE_REGEX },
      },
      detail: options.fetch_details ? { fields: LETTER_LABEL_FIELDS } : undefined,
      paging: {
        scheme: 'page_param',
        per_page: options.records_per_request,
        total_records: String.raw`<totalrecord>\s*(\d+)\s*</totalrecord>`,
      },
      place_hints: [options.board],
    }),
  };
}
