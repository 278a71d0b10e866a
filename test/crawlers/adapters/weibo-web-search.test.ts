import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { weiboWebSearchAdapter as adapter } from '../../../crawlers/adapters/weibo-web-search.ts';
import { MalformedPageError } from '../../../crawlers/page.ts';
import { toShanghaiIso } from '../../../src/domain/shanghai-time.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };
const html = (name: string): FixtureResponse => ({ headers: HTML_TYPE, body: fixture(`weibo_web/${name}`) });
const PAGE_1 = 'search_current_page1.documented-shape.html';
const PAGE_2 = 'search_current_page2.documented-shape.html';
const CAPPED = 'search_capped_50_pages.documented-shape.html';
const NO_RESULT = 'search_no_result.documented-shape.html';

/** 2026-11-26 10:20 in Shanghai: the clock of every pass below. */
const NOW = new Date('2026-11-26T02:20:00Z');

interface Asked {
  path: string;
  q: string | null;
  timescope: string | null;
  page: number;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function searchSite(answer: (a: Asked) => FixtureResponse | null) {
  const server = await startFixtureSite((request) => {
    const url = new URL(request.url, 'http://fixture.test');
    if (url.pathname === '/robots.txt') return null;
    return answer({
      path: url.pathname,
      q: url.searchParams.get('q'),
      timescope: url.searchParams.get('timescope'),
      page: Number(url.searchParams.get('page') ?? 0),
    });
  });
  close = server.close;
  const searches = () =>
    server.seen
      .map((r) => new URL(r.url, server.url))
      .filter((url) => url.pathname === '/weibo')
      .map((url) => ({
        q: url.searchParams.get('q'),
        timescope: url.searchParams.get('timescope'),
        page: Number(url.searchParams.get('page')),
      }));
  return { server, searches };
}

const pass = (baseUrl: string, options: Record<string, unknown> = {}, newestSeen: string | null = null) =>
  crawlFixtures({
    adapter,
    sourceId: 'wbs',
    options: { base_url: baseUrl, keywords: ['欠薪'], ...options },
    newestSeen,
    now: () => NOW,
  });

const byId = <T extends { id: string }>(items: T[]) =>
  Object.fromEntries(items.map((item) => [item.id, item]));
const minus = (iso: string, ms: number) => toShanghaiIso(new Date(Date.parse(iso) - ms));

describe('weibo-web-search through a real pass', () => {
  it('searches from a little before the newest post seen, follows a.next, and maps the current layout', async () => {
    const { server, searches } = await searchSite((a) =>
      a.path === '/weibo' ? html(a.page === 2 ? PAGE_2 : PAGE_1) : null,
    );
    const { posts, result } = await pass(server.url, {}, '2026-11-26T08:40:00+08:00');
    expect(searches()).toEqual([
      { q: '欠薪', timescope: 'custom:2026-11-26-8:2026-11-26-11', page: 1 },
      { q: '欠薪', timescope: 'custom:2026-11-26-8:2026-11-26-11', page: 2 },
    ]);
    expect(server.seen.find((r) => r.url.startsWith('/weibo'))?.url).toContain('typeall=1&suball=1');
    const got = byId(posts);
    expect(Object.keys(got)).toEqual([
      'wbs:5107000000000001',
      'wbs:5107000000000002',
      'wbs:5107000000000003',
      'wbs:5107000000000004',
    ]);
    const first = got['wbs:5107000000000001'];
    expect(first).toEqual({
      id: 'wbs:5107000000000001',
      source: 'wbs',
      url: 'https://weibo.com/7000000001/Oa1AbCdEf',
      author: '建筑工人老李',
      published_at: minus(first?.fetched_at ?? '', 5 * 60_000),
      fetched_at: expect.stringMatching(/\+08:00$/),
      title: null,
      text: '干了一年的活，包工头拖欠工资 #讨薪# 三个月没发一分钱[怒]\n工地在城东，二十多个工友一起等 浙江·杭州',
      metrics: { reposts: 12, comments: 0, likes: 12_000 },
      place_hints: ['浙江·杭州'],
    });
    const repost = got['wbs:5107000000000002'];
    expect(repost?.text).toBe('转发求扩散，帮帮他们');
    expect(repost?.metrics).toEqual({ reposts: 3, comments: 5, likes: 0 });
    expect(repost?.url).toBe('https://weibo.com/7000000002/Oa1AbCdEg');
    expect(repost?.published_at).toBe(`${repost?.fetched_at.slice(0, 10)}T08:30:00+08:00`);
    expect(got['wbs:5107000000000003']).toMatchObject({
      text: '人社局提醒：遇到欠薪可拨打12333',
      metrics: { reposts: 0, comments: 2, likes: 4 },
      author: '县融媒体中心',
    });
    expect(result).toMatchObject({ found: 4, dropped: 0, degraded: 0, blocked: null });
  });

  it('reads the 2018 layout: p.from, <em> likes, and never the quoted original’s counts', async () => {
    const { server } = await searchSite(() => html('search_2018_layout.documented-shape.html'));
    const { posts } = await pass(server.url);
    const got = byId(posts);
    expect(got['wbs:4229000000000001']).toMatchObject({
      url: 'https://weibo.com/6000000001/GbC1dEfGh',
      author: '工友阿强',
      published_at: '2018-04-15T23:53:00+08:00',
      text: '项目完工半年了，工程款还没结，工资一直拖着[哭]',
      metrics: { reposts: 2, comments: 1, likes: 5 },
    });
    const repost = got['wbs:4229000000000002'];
    expect(repost).toMatchObject({
      author: '路人甲',
      text: '//@工友阿强:希望早日拿到工资',
      metrics: { reposts: 0, comments: 0, likes: 0 },
    });
    expect(repost?.published_at).toBe(`${repost?.fetched_at.slice(0, 10)}T09:10:00+08:00`);
  });

  it('takes nothing and asks for nothing more from a "no result" page', async () => {
    const { server, searches } = await searchSite(() => html(NO_RESULT));
    const { posts, result } = await pass(server.url, { keywords: ['某个很冷门的词'] });
    expect(posts).toEqual([]);
    expect(searches()).toHaveLength(1);
    expect(result).toMatchObject({ blocked: null, degraded: 0, dropped: 0 });
  });

  it('searches each keyword over the same window', async () => {
    const { server, searches } = await searchSite(() => html(NO_RESULT));
    await pass(server.url, { keywords: ['欠薪', '讨薪'] });
    expect(searches()).toEqual([
      { q: '欠薪', timescope: 'custom:2026-11-25-10:2026-11-26-11', page: 1 },
      { q: '讨薪', timescope: 'custom:2026-11-25-10:2026-11-26-11', page: 1 },
    ]);
  });
});

describe('weibo-web-search past the 50-page cap', () => {
  it('splits a capped window into hours, newest first, instead of paging it', async () => {
    const { server, searches } = await searchSite((a) =>
      a.timescope === 'custom:2026-11-26-8:2026-11-26-11' ? html(CAPPED) : html(PAGE_2),
    );
    const { posts } = await pass(server.url, {}, '2026-11-26T08:40:00+08:00');
    expect(searches().map((s) => `${s.timescope}#${s.page}`)).toEqual([
      'custom:2026-11-26-8:2026-11-26-11#1',
      'custom:2026-11-26-10:2026-11-26-11#1',
      'custom:2026-11-26-9:2026-11-26-10#1',
      'custom:2026-11-26-8:2026-11-26-9#1',
    ]);
    // The capped probe's post is not taken there; it comes again from its own hour.
    expect(posts.map((p) => p.id)).not.toContain('wbs:5107000000000099');
  });

  it('splits a window over a day into days, then a capped day into hours', async () => {
    const { server, searches } = await searchSite((a) =>
      a.timescope === 'custom:2026-11-25-10:2026-11-26-11' ||
      a.timescope === 'custom:2026-11-26-0:2026-11-26-11'
        ? html(CAPPED)
        : html(NO_RESULT),
    );
    await pass(server.url);
    const hours = Array.from({ length: 11 }, (_, i) => 10 - i).map(
      (h) => `custom:2026-11-26-${h}:2026-11-26-${h + 1}`,
    );
    expect(searches().map((s) => s.timescope)).toEqual([
      'custom:2026-11-25-10:2026-11-26-11',
      'custom:2026-11-26-0:2026-11-26-11',
      'custom:2026-11-25-10:2026-11-26-0',
      ...hours,
    ]);
  });

  it('pages an hour that is still capped, and says what is out of reach', async () => {
    const { server, searches } = await searchSite((a) => html(a.page === 1 ? CAPPED : PAGE_2));
    const { posts, result } = await pass(server.url, { overlap_minutes: 0 }, '2026-11-26T10:10:00+08:00');
    expect(searches().map((s) => `${s.timescope}#${s.page}`)).toEqual([
      'custom:2026-11-26-10:2026-11-26-11#1',
      'custom:2026-11-26-10:2026-11-26-11#2',
    ]);
    expect(posts.map((p) => p.id)).toEqual(['wbs:5107000000000099', 'wbs:5107000000000004']);
    expect(posts[0]?.metrics).toEqual({ reposts: 1_000_000, comments: 300_000_000, likes: 5 });
    expect(result.degraded).toBe(1);
  });

  it('honours a lower split_threshold', async () => {
    const { server, searches } = await searchSite((a) =>
      html(a.page === 1 && a.timescope?.endsWith('-8:2026-11-26-11') ? PAGE_1 : NO_RESULT),
    );
    await pass(server.url, { split_threshold: 2 }, '2026-11-26T08:40:00+08:00');
    expect(searches().map((s) => s.timescope)).toEqual([
      'custom:2026-11-26-8:2026-11-26-11',
      'custom:2026-11-26-10:2026-11-26-11',
      'custom:2026-11-26-9:2026-11-26-10',
      'custom:2026-11-26-8:2026-11-26-9',
    ]);
  });
});

describe('weibo-web-search block pages', () => {
  it('reports a redirect to the login page as credential_expired', async () => {
    const { server, searches } = await searchSite((a) =>
      a.path === '/weibo'
        ? {
            status: 302,
            headers: { location: '/sso/signin?entry=miniblog&url=https%3A%2F%2Fs.weibo.com%2F' },
            body: '',
          }
        : a.path === '/sso/signin'
          ? html('passport_signin.documented-shape.html')
          : null,
    );
    const { posts, result } = await pass(server.url, { keywords: ['欠薪', '讨薪'] });
    expect(result.blocked?.reason).toBe('credential_expired');
    expect(posts).toEqual([]);
    expect(searches()).toHaveLength(1);
  });

  it.each([
    ['passport_visitor.documented-shape.html', 'credential_expired'],
    ['passport_signin.documented-shape.html', 'credential_expired'],
    ['passport_verify.documented-shape.html', 'captcha'],
  ])('reports %s served with 200 as %s', async (name, reason) => {
    const { server } = await searchSite(() => html(name));
    const { result } = await pass(server.url);
    expect(result.blocked?.reason).toBe(reason);
  });

  it('fails the pass on a page that is neither results nor a known block page', async () => {
    const { server } = await searchSite(() => ({
      headers: HTML_TYPE,
      body: '<html><body>服务器开小差了</body></html>',
    }));
    await expect(pass(server.url)).rejects.toBeInstanceOf(MalformedPageError);
  });
});

describe('weibo-web-search parse()', () => {
  const options = adapter.optionsSchema.parse({ base_url: 'http://s.test', keywords: ['欠薪'] });
  const [request] = adapter.start({
    sourceId: 'wbs',
    options,
    now: NOW,
    newestSeen: '2026-11-26T08:40:00+08:00',
  });
  const pageOf = (body: string | Buffer, page = 1) => ({
    request: { ...request!, page },
    url: request!.url,
    status: 200,
    contentType: 'text/html',
    charset: 'utf-8',
    body: body.toString(),
    fetchedAt: NOW,
  });

  it('builds the first request from the window and the headers a browser sends', () => {
    expect(request).toMatchObject({
      url: 'http://s.test/weibo?q=%E6%AC%A0%E8%96%AA&typeall=1&suball=1&timescope=custom%3A2026-11-26-8%3A2026-11-26-11&page=1',
      purpose: 'list',
      page: 1,
      headers: { Referer: 'http://s.test/' },
      context: {
        keyword: '欠薪',
        window: { start: '2026-11-26T00:00:00.000Z', end: '2026-11-26T03:00:00.000Z' },
      },
    });
  });

  it('reads relative times against the fetch time', () => {
    const parsed = adapter.parse(pageOf(fixture(`weibo_web/${PAGE_1}`)), { sourceId: 'wbs', options });
    expect(parsed.posts.map((p) => p.published_at)).toEqual([
      '2026-11-26T10:15:00+08:00',
      '2026-11-26T08:30:00+08:00',
      '2026-11-20T18:05:00+08:00',
    ]);
    expect(parsed.posts.every((p) => p.fetched_at === '2026-11-26T10:20:00+08:00')).toBe(true);
  });

  it('rebuilds the next page from the window asked for, whatever the link says, and stops at max_pages', () => {
    const body = fixture(`weibo_web/${PAGE_1}`)
      .toString()
      .replace(
        /<a class="next" href="[^"]*"/,
        '<a class="next" href="https://elsewhere.test/weibo?q=x&amp;page=2"',
      );
    const parsed = adapter.parse(pageOf(body), { sourceId: 'wbs', options });
    expect(parsed.next.map((r) => [r.url, r.page, r.context])).toEqual([
      [request!.url.replace(/page=1$/, 'page=2'), 2, request!.context],
    ]);
    expect(adapter.parse(pageOf(body, 50), { sourceId: 'wbs', options }).next).toEqual([]);
    const noNext = body.replace(/<a class="next"[^>]*>下一页<\/a>/, '');
    expect(noNext).not.toContain('class="next"');
    expect(adapter.parse(pageOf(noNext), { sourceId: 'wbs', options }).next).toEqual([]);
  });

  it('drops a card without mid and degrades one without time or permalink', () => {
    const body = `<div id="pl_feedlist_index">
      <div class="card-wrap" action-type="feed_list_item"><p class="txt" node-type="feed_list_content">无编号</p></div>
      <div class="card-wrap" action-type="feed_list_item" mid="9"><p class="txt" node-type="feed_list_content">没有时间</p></div>
      <div class="card-wrap" action-type="feed_list_item" mid="10"><p class="txt" node-type="feed_list_content"> </p></div>
    </div>`;
    const parsed = adapter.parse(pageOf(body), { sourceId: 'wbs', options });
    expect(parsed.posts.map((p) => [p.id, p.url, p.published_at])).toEqual([
      ['wbs:9', 'https://m.weibo.cn/detail/9', '2026-11-26T10:20:00+08:00'],
    ]);
    expect(parsed.problems.map((p) => [p.item, p.severity])).toEqual([
      [0, 'dropped'],
      [1, 'degraded'],
      [1, 'degraded'],
      [2, 'dropped'],
    ]);
  });
});

describe('weibo-web-search options', () => {
  it('fills in defaults and rejects unknown keys', () => {
    expect(adapter.optionsSchema.parse({ keywords: ['欠薪'] })).toEqual({
      base_url: 'https://s.weibo.com',
      keywords: ['欠薪'],
      original_only: false,
      max_pages: 50,
      split_threshold: 46,
      lookback_hours: 24,
      overlap_minutes: 30,
      max_lookback_hours: 168,
    });
    expect(adapter.optionsSchema.safeParse({ keywords: ['欠薪'], cookie: 'x' }).success).toBe(false);
    expect(adapter.optionsSchema.safeParse({ keywords: ['欠薪'], max_pages: 51 }).success).toBe(false);
  });

  it('accepts the sample source block of the report', () => {
    const source = parseYaml(SAMPLE_SOURCE) as { options: unknown };
    expect(adapter.optionsSchema.safeParse(source.options).success).toBe(true);
  });
});

const SAMPLE_SOURCE = `
id: weibo-s-search
name: 微博搜索（网页版）
kind: weibo-web-search
every_s: 1800
options:
  keywords: [欠薪, 讨薪, 拖欠工资, 农民工工资]
  original_only: false
  max_pages: 50
  split_threshold: 46
  lookback_hours: 24
  overlap_minutes: 30
  max_lookback_hours: 168
`;
