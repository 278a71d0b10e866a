import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeUTF8 } from 'entities';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import type { DemoPost } from './corpus.ts';

export interface DemoSiteOptions {
  posts: readonly DemoPost[];
  /** Posts visible the moment the site starts, as if published earlier. */
  backlog: number;
  /** New posts per second after that. */
  perSecond: number;
  pageSize: number;
  now?: () => number;
}

export interface DemoSite {
  url: string;
  /** How many posts the site shows right now. */
  published(): number;
  close(): Promise<void>;
}

/**
 * A loopback forum that publishes the demo corpus over time: newest first, paged, each post
 * with its own page. Its HTML is what `config/sources/demo-site.yaml` is written against.
 */
export async function startDemoSite(options: DemoSiteOptions): Promise<DemoSite> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const published = () =>
    Math.min(
      options.posts.length,
      options.backlog + Math.floor(((now() - startedAt) / 1000) * options.perSecond),
    );
  // Post i appears at a fixed moment: backlog posts a minute apart before the start, later ones on schedule.
  const publishedAt = (index: number) =>
    index < options.backlog
      ? startedAt - (options.backlog - index) * 60_000
      : startedAt + ((index - options.backlog + 1) / options.perSecond) * 1000;

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://demo.invalid');
    const visible = options.posts
      .slice(0, published())
      .map((post, index) => ({ post, at: publishedAt(index) }));
    const detail = url.pathname.match(/^\/posts\/([\w-]+)$/);
    if (url.pathname === '/posts' || url.pathname === '/') {
      const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
      const newestFirst = [...visible].reverse();
      const items = newestFirst.slice((page - 1) * options.pageSize, page * options.pageSize);
      const hasNext = page * options.pageSize < newestFirst.length;
      return send(response, 200, listPage(items, page, hasNext));
    }
    const found = detail ? visible.find((item) => item.post.id === detail[1]) : undefined;
    if (found) return send(response, 200, postPage(found.post, found.at));
    return send(response, 404, page('未找到', '<p>页面不存在</p>'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/posts`,
    published,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function listPage(
  items: readonly { post: DemoPost; at: number }[],
  pageNumber: number,
  hasNext: boolean,
): string {
  const articles = items.map(({ post, at }) => article(post, at)).join('\n');
  const next = hasNext ? `<a class="next" href="/posts?page=${pageNumber + 1}">下一页</a>` : '';
  return page(`青禾论坛 · 第${pageNumber}页`, `${articles}\n<nav>${next}</nav>`);
}

function postPage(post: DemoPost, at: number): string {
  return page(post.title, article(post, at));
}

function article(post: DemoPost, at: number): string {
  return `<article class="post" data-id="${post.id}">
  <h2><a href="/posts/${post.id}">${escapeUTF8(post.title)}</a></h2>
  <span class="author">${escapeUTF8(post.author)}</span>
  <time datetime="${toShanghaiIso(new Date(at))}">${toShanghaiIso(new Date(at)).slice(0, 16).replace('T', ' ')}</time>
  <div class="body">${escapeUTF8(post.text)}</div>
</article>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeUTF8(title)}</title></head><body>${body}</body></html>`;
}

function send(response: import('node:http').ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
}
