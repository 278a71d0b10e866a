import { afterEach, describe, expect, it } from 'vitest';
import { tiebaAdapter } from '../../../crawlers/adapters/tieba.ts';
import type { Post } from '../../../src/domain/post.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const SEARCH = fixture('tieba/f_search_res_keyword_notes.html').toString('utf8');
const FORUM = fixture('tieba/f_forum_thread_list_trimmed.html').toString('utf8');
const THREADS: Record<string, string> = {
  '9117905169': fixture('tieba/p_thread_page1_trimmed.html').toString('utf8'),
  '9119688421': fixture('tieba/p_thread_with_replies_trimmed.html').toString('utf8'),
};
const EMPTY_SEARCH = '<div class="s_post_list"></div>';

/**
 * The real search page with hits pointed at the real thread pages: hit 0 at thread 9119688421's
 * first floor, hit 1 at its 30th floor as the site lists replies ("回复：" title), hit 2 at the
 * image-only first floor of 9117905169, hit 3 at a floor of 9119688421 that is on no page we
 * have, under a plain title (a reply the list did not mark).
 */
const DERIVED_SEARCH = [
  ['9117888152', '150718967291', '9119688421', '150726491368', null],
  ['9114743782', '150705176739', '9119688421', '150726510843', '回复：请各位急用玛尼的小心，骗子最多'],
  ['9095684158', '150616716870', '9117905169', '150719031818', null],
  ['9093564752', '150606964195', '9119688421', '150799999999', null],
].reduce((page, [tid, pid, newTid, newPid, title]) => {
  const hit = page.indexOf(`data-tid="${tid}"`);
  const end = page.indexOf('</a>', hit);
  let chunk = page.slice(hit, end).replaceAll(tid as string, newTid as string);
  chunk = chunk.replaceAll(pid as string, newPid as string);
  if (title) chunk = chunk.replace(/>[^>]*$/, `>${title}`);
  return page.slice(0, hit) + chunk + page.slice(end);
}, SEARCH);

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A Tieba look-alike on loopback: search, forum list and the two real thread pages; 404 else. */
async function tieba(
  pages: { search?: string; forum?: string; thread?: (tid: string) => string | null } = {},
) {
  const server = await startFixtureSite((request: SeenRequest): FixtureResponse | null => {
    const url = new URL(request.url, 'http://fixture');
    if (url.pathname === '/f/search/res') {
      const first = url.searchParams.get('pn') === '1';
      return { headers: HTML, body: first ? (pages.search ?? SEARCH) : EMPTY_SEARCH };
    }
    if (url.pathname === '/f') return { headers: HTML, body: pages.forum ?? FORUM };
    const tid = url.pathname.match(/^\/p\/(\d+)$/)?.[1];
    const thread = tid ? (pages.thread ? pages.thread(tid) : THREADS[tid]) : null;
    return thread ? { headers: HTML, body: thread } : null;
  });
  close = server.close;
  return server;
}

const search = (base: string, extra: Record<string, unknown> = {}) => ({
  mode: 'search',
  keywords: ['欠薪'],
  base_url: base,
  fetch_threads: false,
  ...extra,
});

const byId = (posts: readonly Post[], id: string) => posts.find((post) => post.id === id);

describe('tieba adapter: keyword search', () => {
  it('maps every real search hit: ids, canonical urls, GBK `un` authors, times, forums', async () => {
    const server = await tieba();
    const pass = await crawlFixtures({ adapter: tiebaAdapter, options: search(server.url), sourceId: 'tb' });
    expect(server.seen.map((r) => r.url)).toEqual([
      '/f/search/res?ie=utf-8&qw=%E6%AC%A0%E8%96%AA&rn=10&pn=1&sm=1&only_thread=0',
      '/f/search/res?ie=utf-8&qw=%E6%AC%A0%E8%96%AA&rn=10&pn=2&sm=1&only_thread=0',
    ]);
    expect(pass.posts.map((p) => [p.id, p.author, p.published_at, p.place_hints.join()])).toEqual([
      ['tb:9117888152', 'VR虚拟达人', '2024-08-05T16:45:00+08:00', '武汉交互空间吧'],
      ['tb:9114743782', '贴吧用户_GC64AUS', '2024-08-03T07:35:00+08:00', '背包客吧'],
      ['tb:9095684158', 'zhaot_188', '2024-07-19T15:44:00+08:00', '国际展会吧'],
      ['tb:9093564752', '天神渡尘', '2024-07-17T23:43:00+08:00', '京湘楼吧'],
      ['tb:9088419293', 'SeaRoutes', '2024-07-13T20:17:00+08:00', '地理吧'],
      ['tb:9088416365', 'SeaRoutes', '2024-07-13T20:14:00+08:00', '城市gdp吧'],
      ['tb:9087419039', '忟', '2024-07-12T23:04:00+08:00', '昆明吧'],
      ['tb:9085102046', '贴吧用户_GC2CtRa', '2024-07-11T07:53:00+08:00', '东南亚吧'],
      ['tb:9083888071', 'yoursagain', '2024-07-10T09:00:00+08:00', '历史吧'],
      ['tb:9071937582', 'QQ59052966', '2024-06-30T12:09:00+08:00', '园区招商吧'],
    ]);
    expect(pass.posts[7]).toEqual({
      id: 'tb:9085102046',
      source: 'tb',
      url: 'https://tieba.baidu.com/p/9085102046',
      author: '贴吧用户_GC2CtRa',
      published_at: '2024-07-11T07:53:00+08:00',
      fetched_at: expect.stringMatching(/\+08:00$/),
      title: '寻找弟弟，很久没跟家里联系',
      text: 'Kk四期世纪园区，寻找弟弟，外号大佐，F3 2楼，公司cj集团',
      metrics: { reposts: null, comments: null, likes: null },
      place_hints: ['东南亚吧'],
    });
    // Markup line breaks inside a snippet are a browser's spaces, not the writer's.
    expect(pass.posts[8]?.text).toBe(
      '拉美 和 东南亚的泰国 之类的连毒枭和黑色产业都管不好感觉普及八小时双休不太可能 缅甸和非洲军阀林立 跟军阀谈八小时双休那么不开玩笑？缅北诈骗园区就能看出来。',
    );
    // The last hit has an empty snippet: its title stands in, and the pass counts it degraded.
    expect(pass.posts[9]?.text).toBe('东南亚，园区【 工 价 低 】');
    expect(pass.result).toMatchObject({ pages: 2, found: 10, degraded: 1, dropped: 0, blocked: null });
  });

  it('stops at a result page that holds only known posts, without fetching their threads', async () => {
    const server = await tieba();
    const known = [...SEARCH.matchAll(/data-tid="(\d+)"/g)].map((m) => `tb:${m[1]}`);
    const pass = await crawlFixtures({
      adapter: tiebaAdapter,
      options: search(server.url, { fetch_threads: true }),
      sourceId: 'tb',
      knownIds: known,
    });
    expect(server.seen).toHaveLength(1);
    expect(pass.posts).toEqual([]);
  });

  it('reads each new hit from its thread page, and keeps the snippet when that page 404s', async () => {
    const server = await tieba({ search: DERIVED_SEARCH });
    const pass = await crawlFixtures({
      adapter: tiebaAdapter,
      options: search(server.url, { fetch_threads: true, max_pages: 1 }),
      sourceId: 'tb',
    });
    expect(byId(pass.posts, 'tb:9119688421')).toEqual({
      id: 'tb:9119688421',
      source: 'tb',
      url: 'https://tieba.baidu.com/p/9119688421',
      author: 'heinzfrentzen',
      published_at: '2024-08-06T22:09:00+08:00',
      fetched_at: expect.stringMatching(/\+08:00$/),
      title: '【强烈恭喜】全红婵陈宇汐包揽跳水女子10米台巴黎奥运金银牌！',
      text: '中国队第22金！无悬念！',
      metrics: { reposts: null, comments: 251, likes: null },
      place_hints: ['福建', '网球风云吧'],
    });
    // A reply hit is asked for by pid and becomes `<tid>_<pid>` with the reply's own details.
    expect(server.seen.map((r) => r.url)).toContain('/p/9119688421?pid=150726510843');
    expect(byId(pass.posts, 'tb:9119688421_150726510843')).toMatchObject({
      url: 'https://tieba.baidu.com/p/9119688421?pid=150726510843#150726510843',
      author: 'bubble_Wren',
      published_at: '2024-08-06T22:12:00+08:00',
      title: '回复：【强烈恭喜】全红婵陈宇汐包揽跳水女子10米台巴黎奥运金银牌！',
      text: '汐贵妃最后神情有点落寞',
      metrics: { reposts: null, comments: 3, likes: null },
      place_hints: ['湖南', '网球风云吧'],
    });
    // An image-only first floor keeps its thread's title as text.
    expect(byId(pass.posts, 'tb:9117905169')).toMatchObject({
      author: '怪物大宝贝',
      published_at: '2024-08-05T16:56:00+08:00',
      title: '对于一个父亲来说，这个女儿14岁就死了',
      text: '对于一个父亲来说，这个女儿14岁就死了',
      metrics: { reposts: null, comments: 786, likes: null },
      place_hints: ['广东', '以太比特吧'],
    });
    // Threads that 404 are handed on as the search listed them.
    expect(byId(pass.posts, 'tb:9088419293')).toMatchObject({
      author: 'SeaRoutes',
      published_at: '2024-07-13T20:17:00+08:00',
      title: '广州能争取到迪士尼与环球落户吗？',
      place_hints: ['地理吧'],
    });
    expect(pass.result).toMatchObject({ pages: 5, found: 10, detailFailures: 6, blocked: null });
  });

  it('hands on a hit whose floor is not on its thread page as a reply, not as the thread', async () => {
    const server = await tieba({ search: DERIVED_SEARCH });
    const pass = await crawlFixtures({
      adapter: tiebaAdapter,
      options: search(server.url, { fetch_threads: true, max_pages: 1 }),
      sourceId: 'tb',
    });
    const unmarked = byId(pass.posts, 'tb:9119688421_150799999999');
    expect(unmarked).toMatchObject({
      url: 'https://tieba.baidu.com/p/9119688421?pid=150799999999#150799999999',
      author: '天神渡尘',
      place_hints: ['京湘楼吧'],
    });
    expect(unmarked?.text.startsWith('来源标题：京湘楼创始人肖鑫')).toBe(true);
    expect(pass.posts.filter((p) => p.id === 'tb:9119688421')).toHaveLength(1);
  });
});

describe('tieba adapter: forum lists and thread pages', () => {
  it('reads the thread list hidden in an HTML comment, and stops at a page of known threads', async () => {
    const server = await tieba();
    const pass = await crawlFixtures({
      adapter: tiebaAdapter,
      options: { mode: 'forum', forums: ['盗墓笔记'], base_url: server.url, fetch_threads: false },
      sourceId: 'tb',
    });
    // Page 2 answers with the same threads: all known, so there is no page 3.
    expect(server.seen.map((r) => r.url)).toEqual([
      '/f?kw=%E7%9B%97%E5%A2%93%E7%AC%94%E8%AE%B0&ie=utf-8&pn=0',
      '/f?kw=%E7%9B%97%E5%A2%93%E7%AC%94%E8%AE%B0&ie=utf-8&pn=50',
    ]);
    // The pass hands on what page 2 held again; telling versions apart is the store's job.
    expect(pass.posts).toHaveLength(10);
    expect(pass.posts.slice(0, 5).map((p) => [p.id, p.author, p.title, p.metrics.comments])).toEqual([
      ['tb:9079949995', '公子伯仲', '盗墓笔记全集+txt小说，已整理', 18],
      ['tb:6710984997', '海楼ot', '有人知道张海琪后来怎么样了吗南部档案最后写到张海琪中了神经毒', 36],
      ['tb:9017590509', '金苹果336633', '盗墓笔记吧，如何成为盟主', 82],
      ['tb:9119398016', 'y2607254515', '有疑问，求解答', 11],
      ['tb:1138972019', '尸香魔欲花', '用我的一生为“盗墓笔记”盖一栋“一亿层的神楼”。', 5164241],
    ]);
    // The list prints dates only: `7-6` this year (or last), `2020-05` a month.
    expect(pass.posts[0]?.published_at).toMatch(/^\d{4}-07-06T00:00:00\+08:00$/);
    expect(pass.posts[1]?.published_at).toBe('2020-05-01T00:00:00+08:00');
    expect(pass.posts[4]?.published_at).toBe('2014-03-01T00:00:00+08:00');
    expect(pass.posts[3]).toMatchObject({
      url: 'https://tieba.baidu.com/p/9119398016',
      text: '吴三省和解连环互换身份不就是为了消灭汪家人吗？那为什么在吴邪消灭汪家人之后，吴三省还不出来呢？#吴邪#',
      place_hints: ['盗墓笔记吧'],
    });
    expect(pass.posts[0]?.text).toBe('盗墓笔记全集+txt小说，已整理');
  });

  it('reads the first floor and, with include_replies, every reply on the thread page', async () => {
    // The real list with its first thread pointed at the real thread page 9119688421.
    const forum = FORUM.replaceAll('9079949995', '9119688421').replaceAll('150544122828', '150726491368');
    const server = await tieba({ forum });
    const pass = await crawlFixtures({
      adapter: tiebaAdapter,
      options: {
        mode: 'forum',
        forums: ['网球风云'],
        base_url: server.url,
        include_replies: true,
        max_pages: 1,
      },
      sourceId: 'tb',
    });
    expect(pass.posts.map((p) => p.id).slice(0, 3)).toEqual([
      'tb:9119688421',
      'tb:9119688421_150726496253',
      'tb:9119688421_150726510843',
    ]);
    expect(byId(pass.posts, 'tb:9119688421_150726496253')).toMatchObject({
      author: 'heinzfrentzen',
      published_at: '2024-08-06T22:10:00+08:00',
      text: '全后卫冕成功，还是动作质量高，小炸也赢了',
      metrics: { reposts: null, comments: 4, likes: null },
      place_hints: ['福建', '网球风云吧'],
    });
    // The four other threads 404: their list versions are kept.
    expect(pass.posts).toHaveLength(7);
    expect(pass.result.detailFailures).toBe(4);
  });
});

describe('tieba adapter: blocks and broken pages', () => {
  it('reports a 百度安全验证 page answered with 200 as a captcha block', async () => {
    const server = await startFixtureSite(() => ({
      headers: HTML,
      body: fixture('tieba/baidu_security_check.documented-shape.html'),
    }));
    close = server.close;
    const pass = await crawlFixtures({ adapter: tiebaAdapter, options: search(server.url) });
    expect(pass.result.blocked).toEqual({
      reason: 'captcha',
      detail: 'tieba answered with a 百度安全验证 page',
    });
    expect(pass.posts).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it('reports a redirect to the wappass tuxing captcha as a captcha block', async () => {
    const server = await startFixtureSite((request) =>
      request.url.startsWith('/static/captcha/tuxing.html')
        ? { headers: HTML, body: fixture('tieba/wappass_tuxing_captcha.documented-shape.html') }
        : { status: 302, headers: { location: '/static/captcha/tuxing.html?ak=x&backurl=%2F' }, body: '' },
    );
    close = server.close;
    const pass = await crawlFixtures({ adapter: tiebaAdapter, options: search(server.url) });
    expect(server.seen.map((r) => r.url)[1]).toMatch(/^\/static\/captcha\/tuxing\.html\?/);
    expect(pass.result.blocked).toMatchObject({ reason: 'captcha' });
    expect(pass.result.blocked?.detail).toMatch(/wappass captcha/);
  });

  it('keeps the complete hits of a truncated result page', async () => {
    const cut = SEARCH.slice(0, SEARCH.indexOf('data-tid="9088419293"') + 200);
    const server = await tieba({ search: cut });
    const pass = await crawlFixtures({ adapter: tiebaAdapter, options: search(server.url), sourceId: 'tb' });
    expect(pass.posts.map((p) => p.id).slice(0, 4)).toEqual([
      'tb:9117888152',
      'tb:9114743782',
      'tb:9095684158',
      'tb:9093564752',
    ]);
    expect(pass.posts.length).toBeLessThanOrEqual(5);
  });

  it('fails the pass on a result page that is neither results nor a challenge', async () => {
    const server = await tieba({ search: '<html><head><title>贴吧</title></head><body><div id="x">' });
    await expect(crawlFixtures({ adapter: tiebaAdapter, options: search(server.url) })).rejects.toThrow(
      /malformed page: search page without a result list/,
    );
  });

  it('keeps the snippet when a thread page is cut before its first floor', async () => {
    const server = await tieba({
      search: DERIVED_SEARCH,
      thread: (tid) => THREADS[tid]?.slice(0, THREADS[tid].indexOf('class="l_post')) ?? null,
    });
    const pass = await crawlFixtures({
      adapter: tiebaAdapter,
      options: search(server.url, { fetch_threads: true, max_pages: 1 }),
      sourceId: 'tb',
    });
    expect(pass.posts).toHaveLength(10);
    expect(byId(pass.posts, 'tb:9119688421')?.author).toBe('VR虚拟达人');
    expect(pass.result.detailFailures).toBe(10);
  });
});

describe('tieba adapter: options', () => {
  const check = (options: unknown) => tiebaAdapter.optionsSchema.safeParse(options);

  it('fills defaults and rejects what cannot work', () => {
    expect(check({ mode: 'search', keywords: ['拖欠工资'] }).data).toEqual({
      mode: 'search',
      keywords: ['拖欠工资'],
      only_threads: false,
      base_url: 'https://tieba.baidu.com',
      max_pages: 3,
      fetch_threads: true,
      include_replies: false,
    });
    expect(check({ mode: 'search', keywords: [] }).success).toBe(false);
    expect(check({ mode: 'forum', forums: ['嘉鱼'], keywords: ['x'] }).success).toBe(false);
    expect(
      check({ mode: 'forum', forums: ['嘉鱼'], fetch_threads: false, include_replies: true }).success,
    ).toBe(false);
    expect(check({ mode: 'weibo', keywords: ['x'] }).success).toBe(false);
  });
});
