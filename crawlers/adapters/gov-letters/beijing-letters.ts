import { z } from 'zod';
import { genericJsonOptionsSchema } from '../generic/json-options.ts';
import { presetShape, type ResolvedLetters, siteUrl } from './common.ts';

/** Each kind of letter has its own detail page; the kind is read from `letterTypeName`. */
const DETAIL_FLOWS = {
  咨询: 'com.web.consult.consultDetail.flow',
  建议: 'com.web.suggest.suggesDetail.flow',
  投诉: 'com.web.complain.complainDetail.flow',
  '*': 'com.web.suggest.suggesDetail.flow',
};

/**
 * 北京 政民互动 (`letterListJson.action`): JavaScript object text with `page{pageNo,totalPages}`
 * and `result[]{originalId, letterTypeName, letterTitle, writeDate, showOrgNames}`; each letter's
 * page (`…Detail.flow?originalId=`) carries the text and the reply.
 */
export const beijingLettersSchema = z.strictObject({
  preset: z.literal('beijing-letters'),
  ...presetShape,
  board: presetShape.board.default('北京市 政民互动'),
  base_url: siteUrl.default('https://www.beijing.gov.cn'),
  keywords: z.array(z.string().min(1)).min(1).optional(),
  /** 0 lists every kind of letter. */
  letter_type: z.int().min(0).default(0),
  page_size: z.int().min(1).max(100).default(6),
});

export function resolveBeijingLetters(options: z.infer<typeof beijingLettersSchema>): ResolvedLetters {
  const base = options.base_url;
  const letterPage = {
    template: `${base}/hudong/hdjl/{letterTypeName}?originalId={originalId}`,
    lookup: { letterTypeName: DETAIL_FLOWS },
  };
  return {
    engine: 'json',
    options: genericJsonOptionsSchema.parse({
      url:
        `${base}/hudong/hdjl/sindex/bjah-index-hdjl!letterListJson.action?keyword=${options.keywords ? '{keyword}' : ''}` +
        `&startDate=&endDate=&letterType=${options.letter_type}&page.pageNo={page}&page.pageSize=${options.page_size}&orgtitleLength=26`,
      keywords: options.keywords,
      max_pages: options.max_pages,
      js_object: true,
      items: 'result',
      fields: {
        id: 'originalId',
        title: ['letterTitle', 'showLetterTitle'],
        link: letterPage,
        published_at: 'writeDate',
        // The office a letter went to; who answered, and how, is on the letter's page.
        extra: { 类型: 'letterTypeName', 办理单位: ['showOrgNames', 'orgNames'] },
      },
      detail: options.fetch_details
        ? {
            url: letterPage,
            format: 'html',
            fields: {
              title: 'div.col-xs-10 > strong',
              author: { label: '来信人' },
              published_at: { label: ['时间', '来信时间'] },
              text: 'div.text-muted.mx-2',
              reply_org: 'div.col-xs-9.my-2',
              reply_time: { label: '答复时间' },
              reply_text: 'div.text-muted.my-3.p-4',
            },
          }
        : undefined,
      paging: { scheme: 'page_param', per_page: options.page_size, total_pages_path: 'page.totalPages' },
      place_hints: [options.board],
    }),
  };
}
