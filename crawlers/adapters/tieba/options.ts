import { z } from 'zod';

const names = z.array(z.string().trim().min(1)).min(1);

const common = {
  base_url: z
    .url({ protocol: /^https?$/ })
    .default('https://tieba.baidu.com')
    .transform((url) => url.replace(/\/+$/, '')),
  /** List pages per keyword or forum in one pass; the pass also stops at known posts. */
  max_pages: z.int().min(1).max(50).default(3),
  /** Read each new post's thread page: snippets and list abstracts are cut short. */
  fetch_threads: z.boolean().default(true),
  /** Hand on the other floors of each fetched thread page (up to 30) as posts of their own. */
  include_replies: z.boolean().default(false),
};

const searchOptions = z.strictObject({
  mode: z.literal('search'),
  keywords: names,
  /** `only_thread=1`: first posts only; the default also finds replies, where details often are. */
  only_threads: z.boolean().default(false),
  ...common,
});

const forumOptions = z.strictObject({
  mode: z.literal('forum'),
  /** Forum names without the 吧 suffix, as in `/f?kw=<name>`. */
  forums: names,
  ...common,
});

/** Options of a `tieba` source: keyword search or forum lists, optionally with thread pages. */
export const tiebaOptionsSchema = z
  .discriminatedUnion('mode', [searchOptions, forumOptions])
  .refine((options) => options.fetch_threads || !options.include_replies, {
    message: 'include_replies needs fetch_threads: replies are only on thread pages',
    path: ['include_replies'],
  });

export type TiebaOptions = z.infer<typeof tiebaOptionsSchema>;
