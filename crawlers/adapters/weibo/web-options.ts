import { z } from 'zod';

const keyword = z.string().trim().min(1).max(100);

/** Options of a `weibo-web-search` source. */
export const weiboWebSearchOptionsSchema = z.strictObject({
  /** Only tests and mirrors change it; the adapter builds every request from it. */
  base_url: z.url({ protocol: /^https?$/ }).default('https://s.weibo.com'),
  /** One search per keyword, each over the same time window. */
  keywords: z.array(keyword).min(1).max(50),
  /** Original posts only (`scope=ori`) instead of all (`typeall=1`). */
  original_only: z.boolean().default(false),
  /** Pages per window; s.weibo.com never shows more than 50. */
  max_pages: z.int().min(1).max(50).default(50),
  /**
   * A window whose first page links this many pages is split (days, then hours) rather than
   * paged: past page 50 the site shows nothing. 46 is what dataabc/weibo-search uses.
   */
  split_threshold: z.int().min(2).max(50).default(46),
  /** The window of a first pass, when the source has handed on nothing yet. */
  lookback_hours: z.int().min(1).max(2160).default(24),
  /** Later passes start this long before the newest post already handed on. */
  overlap_minutes: z.int().min(0).max(1440).default(30),
  /** However old the newest post handed on is (after an outage), never look back further. */
  max_lookback_hours: z.int().min(1).max(2160).default(168),
});

export type WeiboWebSearchOptions = z.infer<typeof weiboWebSearchOptionsSchema>;
