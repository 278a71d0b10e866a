import { z } from 'zod';
import { LIUYAN_DEFAULT_APP_CODE } from './sign.ts';

const common = {
  base_url: z
    .url({ protocol: /^https?$/ })
    .transform((url) => new URL(url).origin)
    .default('https://liuyan.people.com.cn'),
  app_code: z.string().min(1).default(LIUYAN_DEFAULT_APP_CODE),
  /** The site's pages ask for 10; larger pages are requests no browser makes. */
  rows: z.int().min(1).max(50).default(10),
  max_pages: z.int().min(1).max(100).default(5),
  /** The detail adds the full message and the official reply; off halves the requests. */
  fetch_details: z.boolean().default(true),
};

/**
 * `board`: the newest messages to one leader (`fid`, e.g. a county party secretary);
 * `search`: a keyword search over every board.
 */
export const liuyanOptionsSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('board'),
    fid: z.int().positive(),
    /** 5 is what the board page itself sends in every captured request. */
    type_id: z.int().min(0).default(5),
    ...common,
  }),
  z.strictObject({
    mode: z.literal('search'),
    keywords: z.array(z.string().trim().min(1)).min(1).max(50),
    ...common,
  }),
]);

export type LiuyanOptions = z.infer<typeof liuyanOptionsSchema>;
