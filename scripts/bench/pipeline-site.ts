import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeUTF8 } from 'entities';
import type { DemoPost } from '../../src/demo/corpus.ts';

/** Items per backlog feed: the most an `rss` source reads per pass (`max_items`). */
export const FEED_ITEMS = 500;
/** Items the live feed shows, newest first: a rolling feed as long as a pass reads (`max_items`). */
const LIVE_WINDOW = FEED_ITEMS;

export interface PipelineSite {
  url: string;
  /** Backlog feeds `/feeds/<n>.xml`, FEED_ITEMS posts each, and their count. */
  feeds: number;
  /** Posts in the backlog feeds together. */
  posts: number;
  /** When (performance.now()) the response that first carried each post finished: its fetch. */
  servedAt: Map<string, number>;
  /** performance.now() of the first feed request since the last reset, or null. */
  firstFetchAt(): number | null;
  /** Forgets what was served and starts the live feed publishing `perSecond` posts from now. */
  reset(live?: { perSecond: number; posts: number }): void;
  /** Posts the live feed has published so far. */
  published(): number;
  close(): Promise<void>;
}

/**
 * A county news site on loopback serving RSS 2.0 (the format of test/fixtures/sources/news_rss):
 * the backlog corpus split into feeds of FEED_ITEMS, a warm-up feed, and a live feed that
 * publishes posts at a steady rate. Items carry the whole text, so no article page is fetched.
 */
export async function startPipelineSite(options: {
  /** The backlog, split into feeds. */
  posts: readonly DemoPost[];
  /** What the live feed publishes, in order. */
  live: readonly DemoPost[];
  warmup: readonly DemoPost[];
}): Promise<PipelineSite> {
  const servedAt = new Map<string, number>();
  const backlogAt = Date.now() - 12 * 3_600_000;
  // Backlog posts were published over the last 12 hours, oldest first.
  const timeOf = (i: number, n: number) => new Date(backlogAt + Math.floor((i / n) * 12 * 3_600_000));
  const feeds = Math.ceil(options.posts.length / FEED_ITEMS);
  let base = '';
  const rendered = new Map<string, { body: Buffer; ids: string[] }>();
  let firstFetch: number | null = null;
  let live = { perSecond: 0, posts: 0, startedAt: 0 };
  const published = () =>
    live.perSecond === 0
      ? 0
      : Math.min(live.posts, Math.floor(((performance.now() - live.startedAt) / 1000) * live.perSecond));

  const feedOf = (path: string): { body: Buffer; ids: string[] } | null => {
    const cached = rendered.get(path);
    if (cached) return cached;
    const backlog = path.match(/^\/feeds\/(\d+)\.xml$/);
    let items: { post: DemoPost; at: Date }[];
    if (backlog) {
      const from = Number(backlog[1]) * FEED_ITEMS;
      items = options.posts
        .slice(from, from + FEED_ITEMS)
        .map((post, k) => ({ post, at: timeOf(from + k, options.posts.length) }));
    } else if (path === '/warmup.xml') {
      items = options.warmup.map((post, k) => ({ post, at: timeOf(k, options.warmup.length) }));
    } else return null;
    const feed = { body: Buffer.from(rss(base, items.reverse())), ids: items.map((item) => item.post.id) };
    rendered.set(path, feed);
    return feed;
  };
  const liveFeed = () => {
    const upTo = published();
    const items = options.live
      .slice(Math.max(0, upTo - LIVE_WINDOW), upTo)
      .map((post, k, all) => ({ post, at: new Date(Date.now() - (all.length - 1 - k) * 5) }));
    return { body: Buffer.from(rss(base, items.reverse())), ids: items.map((item) => item.post.id) };
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] as string;
    if (path === '/robots.txt') return void response.writeHead(200).end('User-agent: *\nAllow: /\n');
    const feed = path === '/live.xml' ? liveFeed() : feedOf(path);
    if (!feed) return void response.writeHead(404).end();
    if (path.startsWith('/feeds/')) firstFetch ??= performance.now();
    response.on('finish', () => {
      const at = performance.now();
      for (const id of feed.ids) if (!servedAt.has(id)) servedAt.set(id, at);
    });
    response.writeHead(200, {
      'content-type': 'application/rss+xml; charset=utf-8',
      'content-length': feed.body.length,
    });
    response.end(feed.body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    feeds,
    posts: options.posts.length,
    servedAt,
    firstFetchAt: () => firstFetch,
    reset(next) {
      servedAt.clear();
      firstFetch = null;
      live = next ? { ...next, startedAt: performance.now() } : { perSecond: 0, posts: 0, startedAt: 0 };
    },
    published,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function rss(base: string, items: readonly { post: DemoPost; at: Date }[]): string {
  const entries = items.map(
    ({ post, at }) => `<item>
<title>${escapeUTF8(post.title)}</title>
<link>${base}/posts/${post.id}</link>
<guid isPermaLink="false">${post.id}</guid>
<dc:creator>${escapeUTF8(post.author)}</dc:creator>
<description>${escapeUTF8(`<p>${post.text}</p>`)}</description>
<pubDate>${rfc822(at)}</pubDate>
</item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>青禾县融媒体中心 · 民生</title>
<link>${base}/</link>
<description>民生新闻与网友来信</description>
${entries.join('\n')}
</channel>
</rss>
`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `26 Nov 2026 10:15:07 +0800`: RFC 822 in Shanghai time, as Chinese feeds write it. */
function rfc822(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0800`;
}
