import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { weiboMobileSearchAdapter as adapter } from '../../../crawlers/adapters/weibo-mobile-search.ts';
import { MalformedPageError } from '../../../crawlers/page.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

const LONG = '4645748019299849';
const LONG_2 = '4649031014551911';
const SHORT = '4649106427873349';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const HTML_TYPE = { 'content-type': 'text/html; charset=utf-8' };

const json = (path: string): FixtureResponse => ({ headers: JSON_TYPE, body: fixture(path) });
const searchPage = (n: number) =>
  json(
    n === 3
      ? 'weibo_mobile_api/getIndex_search_type61_page3_empty.documented-shape.json'
      : `weibo_mobile_api/getIndex_search_type61_page${n}.documented-shape.json`,
  );

/** What a request to the fake m.weibo.cn asks for. */
interface Asked {
  kind: 'list' | 'extend' | 'show' | 'detail_page' | 'other';
  keyword: string | null;
  page: number;
  id: string | null;
}

function asked(request: SeenRequest): Asked {
  const url = new URL(request.url, 'http://fixture.test');
  const id = url.searchParams.get('id') ?? url.pathname.match(/^\/detail\/(\d+)$/)?.[1] ?? null;
  const containerid = url.searchParams.get('containerid');
  const kind =
    url.pathname === '/api/container/getIndex'
      ? 'list'
      : url.pathname === '/statuses/extend'
        ? 'extend'
        : url.pathname === '/statuses/show'
          ? 'show'
          : url.pathname.startsWith('/detail/')
            ? 'detail_page'
            : 'other';
  return {
    kind,
    keyword: containerid ? new URLSearchParams(containerid).get('q') : null,
    page: Number(url.searchParams.get('page') ?? 0),
    id,
  };
}

/** The real samples where they exist; `override` answers first (null: 404, undefined: default). */
const DEFAULTS: Record<string, (a: Asked) => FixtureResponse | null> = {
  list: (a) => (a.page >= 1 && a.page <= 3 ? searchPage(a.page) : null),
  extend: (a) => (a.id ? json(`weibo_detail/statuses_extend_${a.id}.json`) : null),
  show: (a) => (a.id === LONG ? json('weibo_detail/statuses_show_4645748019299849_trimmed.json') : null),
  detail_page: (a) =>
    a.id === LONG
      ? { headers: HTML_TYPE, body: fixture('weibo_detail/m_detail_render_data_4645748019299849.html') }
      : null,
  other: () => null,
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function weiboSite(override: (a: Asked) => FixtureResponse | null | undefined = () => undefined) {
  const server = await startFixtureSite((request) => {
    const a = asked(request);
    const answer = override(a);
    return answer === undefined ? (DEFAULTS[a.kind]?.(a) ?? null) : answer;
  });
  close = server.close;
  const requests = () => server.seen.map(asked).filter((a) => a.kind !== 'other');
  return { server, requests };
}

const pass = (baseUrl: string, options: Record<string, unknown> = {}, knownIds: string[] = []) =>
  crawlFixtures({
    adapter,
    sourceId: 'wb',
    options: { base_url: baseUrl, keywords: ['欠薪'], ...options },
    knownIds,
  });

const byId = <T extends { id: string }>(items: T[]) =>
  Object.fromEntries(items.map((item) => [item.id, item]));

describe('weibo-mobile-search through a real pass', () => {
  it('maps cards and card_group items to posts, with the full text of long posts from extend', async () => {
    const { server } = await weiboSite();
    const { posts, result } = await pass(server.url);
    const got = byId(posts);
    expect(Object.keys(got).sort()).toEqual([`wb:${LONG}`, `wb:${SHORT}`, `wb:${LONG_2}`].sort());
    expect(got[`wb:${SHORT}`]).toEqual({
      id: `wb:${SHORT}`,
      source: 'wb',
      url: `https://m.weibo.cn/detail/${SHORT}`,
      author: '明日方舟Arknights',
      published_at: '2021-06-17T16:00:11+08:00',
      fetched_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      title: null,
      text: '#明日方舟#\nSideStory「沃伦姆德的薄暮」复刻现已开启！ [doge]',
      metrics: { reposts: 272, comments: 241, likes: 12_000 },
      place_hints: ['浙江'],
    });
    const long = got[`wb:${LONG}`];
    expect(long).toMatchObject({
      url: `https://m.weibo.cn/detail/${LONG}`,
      author: '明日方舟Arknights',
      published_at: '2021-06-08T09:35:04+08:00',
      metrics: { reposts: 7110, comments: 2202, likes: 39_034 },
      place_hints: [],
    });
    expect(long?.text).toMatch(/^#明日方舟# #音律联觉#\n2021明日方舟音律联觉Ambience Synesthesia专场演出/);
    expect(long?.text).toContain('4. 前航远歌\n');
    expect(long?.text).toMatch(/抽奖详情$/);
    expect(long?.text).not.toMatch(/[<>]|全文/);
    expect(got[`wb:${LONG_2}`]?.metrics).toEqual({ reposts: 79, comments: 654, likes: 20_111 });
    expect(got[`wb:${LONG_2}`]?.text).toContain('闪断补偿：合成玉*200');
    expect(result).toMatchObject({ found: 3, dropped: 0, degraded: 0, blocked: null, detailFailures: 0 });
  });

  it('pages 1, 2, 3 and stops at the empty page, asking for details in between', async () => {
    const { server, requests } = await weiboSite();
    await pass(server.url);
    expect(requests().map((a) => `${a.kind}:${a.page || a.id}`)).toEqual([
      'list:1',
      `extend:${LONG}`,
      'list:2',
      `extend:${LONG_2}`,
      'list:3',
    ]);
  });

  it('sends the search container and the headers of m.weibo.cn’s own XHRs', async () => {
    const { server } = await weiboSite();
    await pass(server.url, { max_pages: 1, long_text: 'list_only' });
    const list = server.seen.find((r) => r.url.startsWith('/api/container/getIndex'));
    const url = new URL(list?.url ?? '/', server.url);
    expect(url.searchParams.get('containerid')).toBe('100103type=61&q=欠薪');
    expect(url.searchParams.get('page_type')).toBe('searchall');
    expect(url.searchParams.get('page')).toBe('1');
    expect(list?.headers).toMatchObject({
      referer: `${server.url}/search?containerid=100103type%3D61%26q%3D%E6%AC%A0%E8%96%AA`,
      'x-requested-with': 'XMLHttpRequest',
      'mweibo-pwa': '1',
      accept: 'application/json, text/plain, */*',
    });
  });

  it('runs one paging sequence per keyword; an empty first page (ok:0) is a degraded problem, not a block', async () => {
    const { server, requests } = await weiboSite((a) =>
      a.kind === 'list' && a.keyword === '讨薪'
        ? json('weibo_mobile_api/getIndex_error_ok0.json')
        : undefined,
    );
    const { posts, result } = await pass(server.url, { keywords: ['讨薪', '欠薪'], search_type: 1 });
    const lists = requests().filter((a) => a.kind === 'list');
    expect(lists.map((a) => `${a.keyword}:${a.page}`)).toEqual(['讨薪:1', '欠薪:1', '欠薪:2', '欠薪:3']);
    expect(server.seen.some((r) => r.url.includes('100103type%3D1%26q%3D'))).toBe(true);
    expect(posts).toHaveLength(3);
    expect(result).toMatchObject({ blocked: null, degraded: 1 });
  });

  it('ends a keyword quietly at ok:0 past the first page', async () => {
    const { server, requests } = await weiboSite((a) =>
      a.kind === 'list' && a.page === 2 ? json('weibo_mobile_api/getIndex_error_ok0.json') : undefined,
    );
    const { posts, result } = await pass(server.url);
    expect(posts.map((p) => p.id).sort()).toEqual([`wb:${LONG}`, `wb:${SHORT}`]);
    expect(requests().filter((a) => a.kind === 'list')).toHaveLength(2);
    expect(result).toMatchObject({ blocked: null, degraded: 0 });
  });

  it('stops paging at a page that holds only known posts, and asks no detail for a known post', async () => {
    const { server, requests } = await weiboSite();
    await pass(server.url, {}, [`wb:${SHORT}`, `wb:${LONG}`]);
    expect(requests().map((a) => `${a.kind}:${a.page || a.id}`)).toEqual(['list:1']);
  });

  it('keeps the list text of a long post when extend 404s or answers truncated JSON', async () => {
    const { server, requests } = await weiboSite((a) => {
      if (a.kind !== 'extend') return undefined;
      if (a.id === LONG) return null;
      return {
        headers: JSON_TYPE,
        body: fixture(`weibo_detail/statuses_extend_${LONG_2}.json`).subarray(0, 300),
      };
    });
    const { posts, result } = await pass(server.url);
    const got = byId(posts);
    expect(got[`wb:${LONG}`]?.text).toMatch(/^#明日方舟# #音律联觉#\n2021明日方舟/);
    expect(got[`wb:${LONG}`]?.text).toMatch(/2\. Ma \.\.\.$/);
    expect(got[`wb:${LONG}`]?.metrics).toEqual({ reposts: 9079, comments: 2126, likes: 37_053 });
    expect(got[`wb:${LONG_2}`]?.text).toMatch(/敬 \.\.\.$/);
    expect(result).toMatchObject({ found: 3, detailFailures: 2, blocked: null });
    expect(requests().filter((a) => a.kind === 'list')).toHaveLength(3);
  });

  it.each([
    ['show', { reposts: 7187, comments: 2202, likes: 39_030 }],
    ['detail_page', { reposts: 7640, comments: 2206, likes: 39_114 }],
  ])('reads the full text from %s when so configured', async (via, metrics) => {
    const { server, requests } = await weiboSite();
    const { posts, result } = await pass(server.url, { long_text: via });
    const long = byId(posts)[`wb:${LONG}`];
    expect(long?.text).toMatch(/抽奖详情$/);
    expect(long?.text).toContain('4. 前航远歌');
    expect(long).toMatchObject({
      author: '明日方舟Arknights',
      published_at: '2021-06-08T09:35:04+08:00',
      metrics,
    });
    // The samples hold no detail of the second long post: its list text is kept.
    expect(byId(posts)[`wb:${LONG_2}`]?.text).toMatch(/敬 \.\.\.$/);
    expect(result.detailFailures).toBe(1);
    expect(requests().filter((a) => a.kind === via)).toHaveLength(2);
  });

  it('keeps the cut text and asks no detail with long_text: list_only', async () => {
    const { server, requests } = await weiboSite();
    const { posts } = await pass(server.url, { long_text: 'list_only' });
    expect(byId(posts)[`wb:${LONG}`]?.text).toMatch(/Ma \.\.\.$/);
    expect(requests().every((a) => a.kind === 'list')).toBe(true);
  });

  it('stops at max_pages', async () => {
    const { server, requests } = await weiboSite();
    await pass(server.url, { max_pages: 1 });
    expect(
      requests()
        .filter((a) => a.kind === 'list')
        .map((a) => a.page),
    ).toEqual([1]);
  });
});

describe('weibo-mobile-search block shapes', () => {
  const loginHtml = fixture('weibo_mobile_api/m_login_page.documented-shape.html');
  it.each<[string, FixtureResponse]>([
    [
      '{"ok":-100,"url":"https://passport.weibo.com/sso/signin?…"}',
      json('weibo_mobile_api/getIndex_login_required.documented-shape.json'),
    ],
    ['a login page with status 200', { headers: HTML_TYPE, body: loginHtml }],
    ['a login page labelled as JSON', { headers: JSON_TYPE, body: loginHtml }],
  ])('reports %s as credential_expired, not as "no posts"', async (_, answer) => {
    const { server, requests } = await weiboSite((a) => (a.kind === 'list' ? answer : undefined));
    const { posts, result } = await pass(server.url, { keywords: ['欠薪', '讨薪'] });
    expect(result.blocked?.reason).toBe('credential_expired');
    expect(posts).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('reports a login page at the extend endpoint as blocked and keeps the list version', async () => {
    const { server } = await weiboSite((a) =>
      a.kind === 'extend' ? { headers: HTML_TYPE, body: loginHtml } : undefined,
    );
    const { posts, result } = await pass(server.url);
    expect(result.blocked?.reason).toBe('credential_expired');
    expect(posts.map((p) => p.id).sort()).toEqual([`wb:${LONG}`, `wb:${SHORT}`]);
  });

  it("reports HTTP 432, Weibo's anti-crawler answer, as expired credentials and stops the pass", async () => {
    const { server } = await weiboSite((a) => (a.kind === 'list' ? { status: 432, body: '' } : undefined));
    const { result } = await pass(server.url);
    expect(result.blocked).toMatchObject({
      reason: 'credential_expired',
      detail: expect.stringContaining('HTTP 432'),
    });
    expect(server.seen).toHaveLength(1);
  });
});

describe('weibo-mobile-search unreadable answers', () => {
  it.each<[string, string]>([
    [
      'truncated JSON',
      fixture('weibo_mobile_api/getIndex_search_type61_page1.documented-shape.json')
        .subarray(0, 500)
        .toString(),
    ],
    ['ok:1 without data.cards', '{"ok":1,"data":{}}'],
    ['an empty body', ''],
  ])('fails the pass on %s with MalformedPageError, and the next pass runs', async (_, body) => {
    let broken = true;
    const { server } = await weiboSite((a) =>
      a.kind === 'list' && broken ? { headers: JSON_TYPE, body } : undefined,
    );
    const failure = await pass(server.url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MalformedPageError);
    expect((failure as MalformedPageError).code).toBe('malformed_page');
    broken = false;
    expect((await pass(server.url, { max_pages: 1, long_text: 'list_only' })).posts).toHaveLength(2);
  });
});

describe('weibo-mobile-search options', () => {
  it('fills in defaults and rejects unknown keys', () => {
    expect(adapter.optionsSchema.parse({ keywords: ['欠薪'] })).toEqual({
      base_url: 'https://m.weibo.cn',
      keywords: ['欠薪'],
      search_type: 61,
      max_pages: 5,
      long_text: 'extend',
    });
    expect(adapter.optionsSchema.safeParse({ keywords: ['欠薪'], cookie: 'x' }).success).toBe(false);
    expect(adapter.optionsSchema.safeParse({ keywords: [] }).success).toBe(false);
    expect(adapter.optionsSchema.safeParse({ keywords: ['欠薪'], search_type: 64 }).success).toBe(false);
  });

  it('accepts the sample source block of the report', () => {
    const source = parseYaml(SAMPLE_SOURCE) as { options: unknown };
    expect(adapter.optionsSchema.safeParse(source.options).success).toBe(true);
  });
});

const SAMPLE_SOURCE = `
id: weibo-m-search
name: 微博搜索（手机版，实时）
kind: weibo-mobile-search
every_s: 900
options:
  keywords: [欠薪, 讨薪, 拖欠工资, 农民工工资]
  search_type: 61
  max_pages: 5
  long_text: extend
`;

describe('weibo-mobile-search parse()', () => {
  const options = adapter.optionsSchema.parse({
    base_url: 'http://m.test',
    keywords: ['欠薪'],
    max_pages: 2,
  });
  const [request] = adapter.start({ sourceId: 'wb', options, now: new Date(), newestSeen: null });
  const pageOf = (body: unknown) => ({
    request: request!,
    url: request!.url,
    status: 200,
    contentType: 'application/json',
    charset: 'utf-8',
    body: JSON.stringify(body),
    fetchedAt: new Date('2026-11-26T02:20:00Z'),
  });
  const mblog = (mid: string, extra: Record<string, unknown> = {}) => ({
    id: mid,
    mid,
    created_at: '5分钟前',
    text: '工地<a href="/n/老板">@老板</a>欠薪<br />三个月',
    user: { screen_name: '工友' },
    reposts_count: '100万+',
    comments_count: 0,
    attitudes_count: '赞',
    ...extra,
  });

  it('reads each status once, drops statuses without text or id, and degrades an unreadable time', () => {
    const parsed = adapter.parse(
      pageOf({
        ok: 1,
        data: {
          cards: [
            { card_type: 9, mblog: mblog('1') },
            {
              card_type: 11,
              card_group: [
                { card_type: 9, mblog: mblog('1') },
                { card_type: 9, mblog: mblog('2', { text: '' }) },
              ],
            },
            { card_type: 11, card_group: [{ card_type: 9, mblog: mblog('3', { created_at: '很久以前' }) }] },
            { card_type: 9, mblog: { text: '没有编号' } },
            { card_type: 10, user: { screen_name: '某用户' } },
          ],
        },
      }),
      { sourceId: 'wb', options },
    );
    expect(parsed.posts.map((p) => [p.id, p.text, p.published_at])).toEqual([
      ['wb:1', '工地@老板欠薪\n三个月', '2026-11-26T10:15:00+08:00'],
      ['wb:3', '工地@老板欠薪\n三个月', '2026-11-26T10:20:00+08:00'],
    ]);
    expect(parsed.posts[0]?.metrics).toEqual({ reposts: 1_000_000, comments: 0, likes: 0 });
    expect(parsed.problems.map((p) => [p.severity, p.reason])).toEqual([
      ['dropped', 'mblog 2: no text'],
      ['degraded', 'mblog 3: unreadable created_at "很久以前", fetch time used'],
      ['dropped', 'mblog without mid/id'],
    ]);
    expect(parsed.next.map((r) => r.url)).toEqual([
      'http://m.test/api/container/getIndex?containerid=100103type%3D61%26q%3D%E6%AC%A0%E8%96%AA&page_type=searchall&page=2',
    ]);
  });

  it('asks for no further page at max_pages', () => {
    const last = { ...pageOf({ ok: 1, data: { cards: [{ card_type: 9, mblog: mblog('1') }] } }) };
    last.request = { ...last.request, page: 2 };
    expect(adapter.parse(last, { sourceId: 'wb', options }).next).toEqual([]);
  });

  it.each([
    ['登录后查看', 'credential_expired'],
    ['请求过于频繁，请稍后再试', 'throttled'],
  ])('names the block when ok:0 says "%s"', (msg, reason) => {
    const parsed = adapter.parse(pageOf({ ok: 0, msg, data: { cards: [] } }), { sourceId: 'wb', options });
    expect(parsed.blocked?.reason).toBe(reason);
  });
});
