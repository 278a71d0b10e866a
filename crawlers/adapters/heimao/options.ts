import { z } from 'zod';
import { HEIMAO_DEFAULT_SECRET } from './sign.ts';

/** Options of a `heimao` source: which keywords to search and how deep to page. */
export const heimaoOptionsSchema = z.strictObject({
  /** Province hosts (`hunan.tousu.sina.com.cn`) serve the same API; only the origin is kept. */
  base_url: z
    .url({ protocol: /^https?$/ })
    .transform((url) => new URL(url).origin)
    .default('https://tousu.sina.com.cn'),
  keywords: z.array(z.string().trim().min(1)).min(1).max(50),
  /** The site serves at most 100 pages of a search; crawlers that went further got nothing. */
  max_pages: z.int().min(1).max(100).default(5),
  secret: z.string().min(1).default(HEIMAO_DEFAULT_SECRET),
  /** The detail page adds the full complaint and the merchant's replies; off halves the requests. */
  fetch_details: z.boolean().default(true),
});

export type HeimaoOptions = z.infer<typeof heimaoOptionsSchema>;
