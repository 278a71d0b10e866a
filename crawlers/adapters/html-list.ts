import type * as cheerio from 'cheerio';
import type { AnyNode } from 'domhandler';
import { z } from 'zod';
import { NO_METRICS, type Post } from '../../src/domain/post.ts';
import { toShanghaiIso } from '../../src/domain/shanghai-time.ts';
import type { FetchedPage, ItemProblem, PageRequest } from '../page.ts';
import { loadHtml } from '../text/html-document.ts';
import { parsePublishedTime } from '../text/published-time.ts';
import type { SourceAdapter } from './source-adapter.ts';

/** `css` reads text, `css@attr` an attribute, `@attr` an attribute of the item itself. */
const fieldSelector = z
  .string()
  .min(1)
  .regex(/^[^@]*(@[\w:-]+)?$/, 'use "css", "css@attribute" or "@attribute"');

const optionsSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  max_pages: z.int().min(1).max(100).default(3),
  item: z.string().min(1),
  fields: z.strictObject({
    id: fieldSelector,
    text: fieldSelector,
    link: fieldSelector,
    title: fieldSelector.optional(),
    author: fieldSelector.optional(),
    published_at: fieldSelector.optional(),
  }),
  next: fieldSelector.optional(),
});

export type HtmlListOptions = z.infer<typeof optionsSchema>;

/** A list page whose items carry the whole post: the simplest configurable source. */
export const htmlListAdapter: SourceAdapter<HtmlListOptions> = {
  kind: 'html-list',
  optionsSchema,
  start: ({ options }) => [{ url: options.url, purpose: 'list', page: 1 }],
  parse(page, { sourceId: source, options }) {
    const $ = loadHtml(page.body);
    const posts: Post[] = [];
    const problems: ItemProblem[] = [];
    $(options.item).each((index, element) => {
      const read = (selector: string | undefined) => (selector ? readField($(element), selector) : null);
      const drop = (reason: string) =>
        problems.push({ url: page.url, item: index, severity: 'dropped', reason });
      const nativeId = read(options.fields.id);
      const text = read(options.fields.text);
      const link = read(options.fields.link);
      if (!nativeId) return void drop(`no id at "${options.fields.id}"`);
      if (!text) return void drop(`item ${nativeId}: no text at "${options.fields.text}"`);
      const url = link ? absoluteUrl(link, page.url) : null;
      if (!url) return void drop(`item ${nativeId}: no usable link at "${options.fields.link}"`);
      const rawTime = read(options.fields.published_at);
      const published = rawTime ? parsePublishedTime(rawTime, page.fetchedAt) : null;
      if (!published) {
        problems.push({
          url: page.url,
          item: index,
          severity: 'degraded',
          reason: `item ${nativeId}: unreadable time ${JSON.stringify(rawTime)}, fetch time used`,
        });
      }
      posts.push({
        id: `${source}:${nativeId}`,
        source,
        url,
        author: read(options.fields.author),
        published_at: published ?? toShanghaiIso(page.fetchedAt),
        fetched_at: toShanghaiIso(page.fetchedAt),
        title: read(options.fields.title),
        text,
        metrics: NO_METRICS,
        place_hints: [],
      });
    });
    return { posts, next: nextPage($, page, options), problems };
  },
};

function nextPage($: cheerio.CheerioAPI, page: FetchedPage, options: HtmlListOptions): PageRequest[] {
  if (!options.next || page.request.page >= options.max_pages) return [];
  const href = readField($.root(), options.next);
  const url = href ? absoluteUrl(href, page.url) : null;
  return url && url !== page.url ? [{ url, purpose: 'list', page: page.request.page + 1 }] : [];
}

function readField(scope: cheerio.Cheerio<AnyNode>, selector: string): string | null {
  const at = selector.lastIndexOf('@');
  const css = (at >= 0 ? selector.slice(0, at) : selector).trim();
  const target = css ? scope.find(css).first() : scope;
  if (target.length === 0) return null;
  const value = at >= 0 ? target.attr(selector.slice(at + 1)) : target.text();
  const cleaned = value?.replace(/\s+/g, ' ').trim();
  return cleaned ? cleaned : null;
}

function absoluteUrl(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
