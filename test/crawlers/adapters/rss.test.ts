import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { rssAdapter } from '../../../crawlers/adapters/rss.ts';
import type { Post } from '../../../src/domain/post.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

const XML = { 'content-type': 'application/xml' };
const HTML = { 'content-type': 'text/html' };
const CHINANEWS = fixture('news_rss/chinanews_scroll-news_2026-04_trimmed.transcribed.xml').toString('utf8');
const ATOM = fixture('news_rss/atom_county_news.documented-shape.xml').toString('utf8');
const RSS2 = fixture('news_rss/rss2_guid_creator.documented-shape.xml').toString('utf8');

const LEADS = {
  hormuz:
    '新华社伦敦4月18日电(记者高文成)据英国航运媒体《劳埃德船舶日报》报道，霍尔木兹海峡航运18日傍晚再次陷入停滞。此前，无线电通信警告称，伊朗武装部队已恢复对该海峡的“严格管理和控制”。相关海域内多艘船只听到警告，并已得到证实。',
  cba: '中新社沈阳4月18日电 (记者 韩宏)2025-2026赛季中国男子篮球职业联赛(CBA)常规赛第40轮继续进行，辽宁队18日晚主场迎战浙江队，最终以71比76不敌浙江队。',
  rail: '中新网北京4月18日电(记者 李京统)记者从中国铁路12306技术中心了解到，五一假期火车票开售以来，购票需求旺盛。为最大限度满足旅客购票需求，铁路部门在假期首尾出行高峰时段和旅客出行相对集中的方向，计划调整高铁夜间“天窗”维修时间，在确保安全前提下，于4月29日夜间至5月2日凌晨、5月4日夜间至6日凌晨，在京沪、京广、京哈等高铁干线，安排开行直通夜间高铁，平均每天增开可达700列左右。',
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A news site on loopback: `/feed.xml` and article pages by path; 404 for anything else. */
async function newsSite(
  feed: (base: string) => FixtureResponse,
  articles: Record<string, FixtureResponse> = {},
) {
  let base = '';
  const server = await startFixtureSite((request) =>
    request.url === '/feed.xml' ? feed(base) : (articles[request.url] ?? null),
  );
  base = server.url;
  close = server.close;
  return server;
}

/** Article links point at the real sites; following them in a test must stay on loopback. */
const onLoopback = (xml: string, base: string) =>
  xml.replaceAll('https://www.chinanews.com.cn', base).replaceAll('https://news.example.cn', base);

const byUrlEnd = (posts: readonly Post[], end: string) => posts.find((post) => post.url.endsWith(end));

describe('rss adapter: feeds', () => {
  it('maps every item of the real 中新网 RSS 2.0 feed', async () => {
    const server = await newsSite(() => ({ headers: XML, body: CHINANEWS }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml`, fetch_article: false },
      sourceId: 'cns',
    });
    expect(pass.posts).toEqual([
      {
        id: 'cns:gj/2026/04-19/10606399.shtml',
        source: 'cns',
        url: 'https://www.chinanews.com.cn/gj/2026/04-19/10606399.shtml',
        author: null,
        published_at: '2026-04-19T06:22:34+08:00',
        fetched_at: expect.stringMatching(/\+08:00$/),
        title: '英媒称霍尔木兹海峡航运再次停滞',
        text: LEADS.hormuz,
        metrics: { reposts: null, comments: null, likes: null },
        place_hints: [],
      },
      expect.objectContaining({
        id: 'cns:ty/2026/04-19/10606397.shtml',
        url: 'https://www.chinanews.com.cn/ty/2026/04-19/10606397.shtml',
        published_at: '2026-04-19T00:05:26+08:00',
        title: 'CBA常规赛：辽宁主场收官战不敌浙江',
        text: LEADS.cba,
      }),
      expect.objectContaining({
        id: 'cns:gn/2026/04-18/10606385.shtml',
        published_at: '2026-04-18T22:35:16+08:00',
        title: '五一假期首尾高峰时段，平均每天增开直通夜间高铁700列',
        text: LEADS.rail,
      }),
    ]);
    expect(pass.result).toMatchObject({ pages: 1, found: 3, dropped: 0, degraded: 0 });
  });

  it('decodes a feed whose XML declaration says GB2312', async () => {
    const gbk = iconv.encode(CHINANEWS.replace('encoding="utf-8"', 'encoding="gb2312"'), 'gbk');
    const server = await newsSite(() => ({ headers: XML, body: gbk }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml`, fetch_article: false },
      sourceId: 'cns',
    });
    expect(pass.pages[0]?.charset).toBe('gb18030');
    expect(pass.posts.map((p) => [p.title, p.text])).toEqual([
      ['英媒称霍尔木兹海峡航运再次停滞', LEADS.hormuz],
      ['CBA常规赛：辽宁主场收官战不敌浙江', LEADS.cba],
      ['五一假期首尾高峰时段，平均每天增开直通夜间高铁700列', LEADS.rail],
    ]);
  });

  it('reads Atom entries: ids, alternate links, times without an offset, HTML and XHTML content', async () => {
    const server = await newsSite(() => ({ headers: XML, body: ATOM }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml`, fetch_article: false },
      sourceId: 'county',
    });
    expect(pass.posts.map((p) => [p.id, p.url, p.author, p.published_at, p.title, p.text])).toEqual([
      [
        'county:tag:news.example.cn,2026:article-20261126-001',
        'https://news.example.cn/2026/11/26/001.html',
        '县融媒体中心 李记者',
        '2026-11-26T09:05:00+08:00',
        '县人社局开展冬季根治欠薪专项行动',
        '11月26日，县人社局启动冬季根治欠薪专项行动，重点检查在建工程项目。\n举报电话：12345。',
      ],
      [
        'county:2026/11/25/017.html',
        `${server.url}/2026/11/25/017.html`,
        null,
        '2026-11-25T18:40:00+08:00',
        '某工地农民工反映工资拖欠 相关部门已介入',
        '近日，有农民工反映某工地拖欠工资三个月。\n县劳动监察大队表示已介入调查。',
      ],
      [
        'county:urn:uuid:6f1c2a7e-9d1b-4b7e-8a53-3f0c9e2d4a11',
        'https://news.example.cn/2026/11/24/003.html',
        null,
        '2026-11-24T08:00:00+08:00',
        '没有摘要的条目',
        '没有摘要的条目',
      ],
    ]);
    expect(pass.result).toMatchObject({ found: 3, degraded: 1 });
  });

  it('takes ids from guid, authors from dc:creator and `address (name)`, text from content:encoded', async () => {
    const server = await newsSite(() => ({ headers: XML, body: RSS2 }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml`, fetch_article: false },
      sourceId: 'city',
    });
    expect(pass.posts.map((p) => [p.id, p.author, p.published_at, p.title, p.text])).toEqual([
      [
        'city:1130001',
        '王五',
        '2026-11-26T10:15:00+08:00',
        '市总工会：帮助 126 名农民工追回欠薪',
        '市总工会法律援助中心今年以来帮助 126 名农民工追回欠薪 380 万元。\n工会提醒：遇到欠薪可拨打 12351 职工服务热线。',
      ],
      [
        'city:shehui/2026-11/25/c_1129998.htm',
        '赵六',
        '2026-11-25T21:00:00+08:00',
        '建筑工人讨薪无果 律师支招',
        '律师建议保留考勤记录、工资条等证据。',
      ],
    ]);
  });

  it('reads only max_items items', async () => {
    const server = await newsSite(() => ({ headers: XML, body: CHINANEWS }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml`, fetch_article: false, max_items: 2 },
    });
    expect(pass.posts).toHaveLength(2);
  });
});

describe('rss adapter: article pages', () => {
  it('replaces each summary with the article text, keeps the feed title and time, and falls back', async () => {
    const server = await newsSite((base) => ({ headers: XML, body: onLoopback(CHINANEWS, base) }), {
      '/gn/2026/04-18/10606385.shtml': {
        headers: HTML,
        body: fixture('news_rss/chinanews_article_10606385.documented-shape.html'),
      },
      '/ty/2026/04-19/10606397.shtml': {
        headers: HTML,
        body: '<html><body><div class="content"><p>该页面不存在或已删除</p></div></body></html>',
      },
    });
    const pass = await crawlFixtures({ adapter: rssAdapter, options: { url: `${server.url}/feed.xml` } });
    expect(server.seen.map((r) => r.url).sort()).toEqual([
      '/feed.xml',
      '/gj/2026/04-19/10606399.shtml',
      '/gn/2026/04-18/10606385.shtml',
      '/ty/2026/04-19/10606397.shtml',
    ]);
    expect(byUrlEnd(pass.posts, '10606385.shtml')).toMatchObject({
      id: 'fixture:gn/2026/04-18/10606385.shtml',
      title: '五一假期首尾高峰时段，平均每天增开直通夜间高铁700列',
      published_at: '2026-04-18T22:35:16+08:00',
      text: [
        LEADS.rail,
        '【构造正文】本段及下段为测试按页面结构构造的文字，并非原文内容。铁路部门提示旅客合理安排出行时间。',
        '【构造正文】旅客可通过12306网站和手机客户端查询车次信息。',
        '(完)',
      ].join('\n'),
    });
    // A 404 and a page without a body both keep the feed's summary.
    expect(byUrlEnd(pass.posts, '10606399.shtml')?.text).toBe(LEADS.hormuz);
    expect(byUrlEnd(pass.posts, '10606397.shtml')?.text).toBe(LEADS.cba);
    expect(pass.result).toMatchObject({ found: 3, detailFailures: 2, degraded: 1 });
  });

  it('decodes a GB2312 article page and finds an unknown layout by its largest text block', async () => {
    const server = await newsSite((base) => ({ headers: XML, body: onLoopback(ATOM, base) }), {
      '/2026/11/26/001.html': {
        headers: HTML,
        body: fixture('news_rss/county_article_gb2312.documented-shape.html'),
      },
      '/2026/11/25/017.html': {
        headers: HTML,
        body: fixture('news_rss/unknown_layout_article.documented-shape.html'),
      },
    });
    const pass = await crawlFixtures({ adapter: rssAdapter, options: { url: `${server.url}/feed.xml` } });
    expect(pass.pages.find((page) => page?.url.endsWith('001.html'))?.charset).toBe('gb18030');
    expect(byUrlEnd(pass.posts, '001.html')?.text).toBe(
      [
        '11月26日，县人社局启动冬季根治欠薪专项行动，重点检查在建工程项目。',
        '此次行动将持续至明年春节前，对欠薪问题实行“清零”管理，发现一起、查处一起。',
        '劳动者遇到欠薪问题，可拨打12345热线或到县劳动保障监察大队现场反映。',
      ].join('\n'),
    );
    expect(byUrlEnd(pass.posts, '017.html')?.text).toBe(
      [
        '近日，有农民工向县融媒体中心反映，某工地拖欠其工资已有三个月，涉及工人二十余名。',
        '县劳动保障监察大队接报后已约谈施工单位负责人，要求其限期结清工资。',
        '县人社局提醒：遇到欠薪可通过全国根治欠薪线索反映平台或拨打12345热线反映。',
      ].join('\n'),
    );
    expect(byUrlEnd(pass.posts, '003.html')?.text).toBe('没有摘要的条目');
  });

  it('uses configured article selectors instead of the defaults', async () => {
    const sidebar = '推荐阅读：今日天气晴转多云，气温五到十五度，请注意添加衣物。'.repeat(5);
    const body = [
      '正文第一段：某项目拖欠四十名农民工工资共计八十万元，工人多次讨要未果，只得向县劳动保障监察大队求助。',
      '正文第二段：监察大队当天约谈总包单位，责令其在十日内足额支付，并将其列入重点监控名单。',
    ];
    const page = `<html><body><div class="content"><p>${sidebar}</p></div><div class="zw-body"><p>${body.join('</p><p>')}</p></div></body></html>`;
    const server = await newsSite((base) => ({ headers: XML, body: onLoopback(CHINANEWS, base) }), {
      '/gj/2026/04-19/10606399.shtml': { headers: HTML, body: page },
    });
    const read = (options: Record<string, unknown>) =>
      crawlFixtures({
        adapter: rssAdapter,
        options: { url: `${server.url}/feed.xml`, max_items: 1, ...options },
      });
    expect((await read({ article_selectors: ['.zw-body'] })).posts[0]?.text).toBe(body.join('\n'));
    // With the defaults, the generic `.content` wrapper of this layout is taken for the body.
    expect((await read({})).posts[0]?.text).toBe(sidebar);
  });

  it('asks for no article of an item the source handed on before', async () => {
    const server = await newsSite((base) => ({ headers: XML, body: onLoopback(CHINANEWS, base) }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml` },
      sourceId: 'cns',
      knownIds: ['cns:gj/2026/04-19/10606399.shtml', 'cns:ty/2026/04-19/10606397.shtml'],
    });
    expect(server.seen.map((r) => r.url)).toEqual(['/feed.xml', '/gn/2026/04-18/10606385.shtml']);
    expect(pass.posts.map((p) => p.id)).toEqual(['cns:gn/2026/04-18/10606385.shtml']);
  });
});

describe('rss adapter: broken feeds and options', () => {
  it('keeps the items before the cut of a truncated feed', async () => {
    const cut = CHINANEWS.slice(0, CHINANEWS.indexOf('<item><title>五一假期') + 40);
    const server = await newsSite(() => ({ headers: XML, body: cut }));
    const pass = await crawlFixtures({
      adapter: rssAdapter,
      options: { url: `${server.url}/feed.xml`, fetch_article: false },
    });
    expect(pass.posts.slice(0, 2).map((p) => p.title)).toEqual([
      '英媒称霍尔木兹海峡航运再次停滞',
      'CBA常规赛：辽宁主场收官战不敌浙江',
    ]);
    expect(pass.result.dropped).toBe(1);
  });

  it('fails the pass on a response that is no feed at all', async () => {
    const server = await newsSite(() => ({
      headers: HTML,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    }));
    await expect(
      crawlFixtures({ adapter: rssAdapter, options: { url: `${server.url}/feed.xml` } }),
    ).rejects.toThrow(/malformed page: neither an RSS nor an Atom feed/);
  });

  it('fills defaults and rejects a broken selector', () => {
    const parsed = rssAdapter.optionsSchema.parse({ url: 'https://www.chinanews.com.cn/rss/society.xml' });
    expect(parsed).toMatchObject({ max_items: 100, fetch_article: true });
    expect(parsed.article_selectors[0]).toBe('.left_zw');
    const broken = rssAdapter.optionsSchema.safeParse({
      url: 'https://x.cn/rss.xml',
      article_selectors: ['a[['],
    });
    expect(broken.error?.issues[0]?.message).toBe('not a valid CSS selector');
    expect(rssAdapter.optionsSchema.safeParse({ url: 'https://x.cn/rss.xml', feed: 'x' }).success).toBe(
      false,
    );
  });
});
