import * as cheerio from 'cheerio';
import { z } from 'zod';

/**
 * Article bodies of common Chinese news layouts, most specific first: a generic `.content`
 * wrapper would otherwise win over the real body. 中新网 `.left_zw`, 新华网 `#p-detail`,
 * 人民网 `.rm_txt_con`, 新浪 `#artibody`, TRS-based government sites `.TRS_Editor`.
 */
export const DEFAULT_ARTICLE_SELECTORS: readonly string[] = [
  '.left_zw',
  '#p-detail',
  '.rm_txt_con',
  '#artibody',
  '.TRS_Editor',
  '.article-content',
  '#content',
  '.content',
  '.article',
  'article',
];

const probe = cheerio.load('');

const cssSelector = z
  .string()
  .trim()
  .min(1)
  .refine(
    (selector) => {
      try {
        probe(selector);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid CSS selector' },
  );

/** Options of an `rss` source: one RSS 2.0 or Atom feed, optionally with its article pages. */
export const rssOptionsSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** Items read per pass, from the top of the feed (feeds list newest first). */
  max_items: z.int().min(1).max(500).default(100),
  /** Feeds carry summaries: fetch each new item's page for the full text. */
  fetch_article: z.boolean().default(true),
  /** Where an article page keeps its body, tried in order before the largest text block. */
  article_selectors: z
    .array(cssSelector)
    .min(1)
    .default(() => [...DEFAULT_ARTICLE_SELECTORS]),
});

export type RssOptions = z.infer<typeof rssOptionsSchema>;
