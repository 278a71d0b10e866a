import { z } from 'zod';
import { genericJsonOptionsSchema } from '../generic/json-options.ts';
import { presetShape, type ResolvedLetters, siteUrl } from './common.ts';

const REPLY_STATES = { '0': '未办理', '1': '已办理', '2': '办理中', '3': '最新回应' };

/**
 * 红网 百姓呼声 (湖南): full-text search by `POST /front/msg/index {search,page,page_num}` →
 * `data.rows[]`; `GET /front/msg/detail?id=` → `data.content` (HTML) and `data.reply[]`.
 */
export const rednetSchema = z.strictObject({
  preset: z.literal('rednet'),
  ...presetShape,
  board: presetShape.board.default('红网 百姓呼声'),
  api: siteUrl.default('https://rapi.rednet.cn'),
  /** The search words; the list endpoint without a search ignores them, so they are required. */
  keywords: z.array(z.string().min(1)).min(1),
  page_num: z.int().min(1).max(100).default(10),
});

export function resolveRednet(options: z.infer<typeof rednetSchema>): ResolvedLetters {
  const detailUrl = { template: `${options.api}/front/msg/detail?id={id}` };
  const headers = { Referer: 'https://people.rednet.cn/' };
  return {
    engine: 'json',
    options: genericJsonOptionsSchema.parse({
      url: `${options.api}/front/msg/index`,
      method: 'POST',
      headers,
      body: { search: '{keyword}', page: '{page}', page_num: options.page_num },
      keywords: options.keywords,
      max_pages: options.max_pages,
      items: 'data.rows',
      fields: {
        id: 'id',
        title: 'title',
        // No public page address is known for a message; the detail API is its stable address.
        link: detailUrl,
        author: 'nickname',
        published_at: 'created_at',
        status: { template: '{is_reply}', lookup: { is_reply: REPLY_STATES } },
        reply_org: 'reply_name',
        reply_time: 'reply_time',
        extra: { 类型: 'type_name' },
      },
      detail: options.fetch_details
        ? {
            url: detailUrl,
            format: 'json',
            headers,
            fields: {
              title: 'data.title',
              text: 'data.content',
              reply_org: 'data.reply[].name',
              reply_time: 'data.reply[].reply_time',
              reply_text: 'data.reply[].content',
            },
          }
        : undefined,
      paging: { scheme: 'page_param', per_page: options.page_num },
      place_hints: [options.board],
    }),
  };
}
