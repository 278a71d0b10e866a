import { z } from 'zod';

const keyword = z.string().trim().min(1).max(100);

/** Options of a `weibo-mobile-search` source. */
export const weiboMobileSearchOptionsSchema = z.strictObject({
  /** Only tests and mirrors change it; the adapter builds every request from it. */
  base_url: z.url({ protocol: /^https?$/ }).default('https://m.weibo.cn'),
  /** One search per keyword, each paged on its own. */
  keywords: z.array(keyword).min(1).max(50),
  /** 61 实时 (newest first, what monitoring wants), 1 综合, 60 热门. */
  search_type: z.union([z.literal(61), z.literal(1), z.literal(60)]).default(61),
  /** Pages per keyword and pass; a pass also stops at the first page of known posts. */
  max_pages: z.int().min(1).max(50).default(5),
  /**
   * Where the full text of a cut-short post comes from: `statuses/extend` (what current clients
   * call), `statuses/show`, the `/detail/<mid>` page, or nowhere (`list_only` keeps the cut text).
   */
  long_text: z.enum(['extend', 'show', 'detail_page', 'list_only']).default('extend'),
});

export type WeiboMobileSearchOptions = z.infer<typeof weiboMobileSearchOptionsSchema>;
