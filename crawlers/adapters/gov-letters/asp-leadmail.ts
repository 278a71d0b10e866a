import { z } from 'zod';
import { genericHtmlOptionsSchema } from '../generic/html-options.ts';
import { charsetName } from '../generic/request-template.ts';
import { DATE_REGEX, folderUrl, LETTER_LABEL_FIELDS, presetShape, type ResolvedLetters } from './common.ts';

/**
 * Classic ASP 县长信箱 (嘉鱼县 and its clones): `E_LeadMail.asp?page=<n>` lists every letter,
 * `E_LeadMail_Result.asp?keyword=<GBK>&page=<n>` searches titles; rows hold 状态, a title cut to
 * 28 characters + `...`, and 来信日期 `YYYY-M-D`; the footer says `当前第 x/y 页`;
 * `E_ReadLeadMail.asp?LeadMailID=<id>` has the full title, text and reply.
 */
export const aspLeadMailSchema = z.strictObject({
  preset: z.literal('asp-leadmail'),
  ...presetShape,
  /** The folder holding `E_LeadMail.asp`, e.g. `http://www.jiayu.gov.cn/xzxx/`. */
  base_url: folderUrl,
  /** Search titles for these words (one sequence each); without them the whole board is listed. */
  keywords: z.array(z.string().min(1)).min(1).optional(),
  query_charset: charsetName.default('gb2312'),
});

const LINK = 'a[href*="LeadMailID="]';

export function resolveAspLeadMail(options: z.infer<typeof aspLeadMailSchema>): ResolvedLetters {
  const list = options.keywords
    ? 'E_LeadMail_Result.asp?keyword={keyword}&page={page}'
    : 'E_LeadMail.asp?page={page}';
  return {
    engine: 'html',
    options: genericHtmlOptionsSchema.parse({
      url: `${options.base_url}${list}`,
      keywords: options.keywords,
      query_charset: options.query_charset,
      max_pages: options.max_pages,
      // Rows without nested rows: the page's layout tables also "contain" the letter links.
      item: `tr:not(:has(tr)):has(${LINK})`,
      frame: 'td:contains("信件标题")',
      fields: {
        id: { css: `${LINK}@href`, regex: 'LeadMailID=(\\d+)' },
        title: LINK,
        link: `${LINK}@href`,
        published_at: { regex: DATE_REGEX },
        status: 'font',
      },
      detail: options.fetch_details
        ? { fields: LETTER_LABEL_FIELDS, frame: 'td:contains("信件内容")' }
        : undefined,
      paging: { scheme: 'page_param', total_pages: String.raw`当前第\s*\d+\s*/\s*(\d+)\s*页` },
      place_hints: [options.board],
    }),
  };
}
