import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { randomNonce, searchSignature, signParts } from '../../../crawlers/adapters/heimao/sign.ts';
import { createHeimaoAdapter, heimaoAdapter } from '../../../crawlers/adapters/heimao.ts';
import { MalformedPageError } from '../../../crawlers/page.ts';
import type { Post } from '../../../src/domain/post.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

/** What the site's JS holds today (FORMATS.md §3); the site signs with its own copy. */
const SITE_SECRET = '$d6eb7ff91ee257475%';
const KEYWORD = '信*飞';
const NONCE = 'Ab3dEf7hIj9kLm1n';
const NOW = new Date('2026-11-26T02:00:00Z');
const adapter = createHeimaoAdapter({ nonce: () => NONCE });

const json = (body: string | Buffer): FixtureResponse => ({
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body,
});
const html = (body: string | Buffer, status = 200): FixtureResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body,
});

/** Checks `signature` the way the site does and answers its failure shape when it is wrong. */
function signedSearch(request: SeenRequest, answer: (page: string) => FixtureResponse): FixtureResponse {
  const query = new URL(request.url, 'http://site.test').searchParams;
  const parts = ['ts', 'rs', 'keywords', 'page_size', 'page'].map((name) => query.get(name) ?? '');
  const expected = createHash('sha256')
    .update([...parts, SITE_SECRET].sort().join(''))
    .digest('hex');
  const valid = /^[0-9a-zA-Z]{16}$/.test(query.get('rs') ?? '') && query.get('signature') === expected;
  if (!valid) return json(fixture('heimao/api_index_s_signature_failure.assumed-shape.json'));
  if (query.get('keywords') !== KEYWORD) return json(emptySearch);
  return answer(query.get('page') ?? '');
}

const emptySearch = JSON.stringify({
  result: {
    status: { code: 0, msg: '' },
    data: { pager: { current: 1, page_amount: 0, item_count: 0 }, lists: [] },
  },
});

interface SiteAnswers {
  search?: (page: string) => FixtureResponse;
  complaint?: (sn: string) => FixtureResponse;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function site(answers: SiteAnswers = {}) {
  const search =
    answers.search ??
    ((page: string) =>
      page === '1' || page === '2'
        ? json(fixture(`heimao/api_index_s_page${page}.documented-shape.json`))
        : json(emptySearch));
  const complaint =
    answers.complaint ??
    ((sn: string) =>
      sn === '17390396995'
        ? html(fixture('heimao/complaint_view_17390396995.documented-shape.html'))
        : html('<h1>404</h1>', 404));
  const server = await startFixtureSite((request) => {
    if (request.url.startsWith('/api/index/s?')) return signedSearch(request, search);
    const sn = request.url.match(/^\/complaint\/view\/(\w+)\/$/)?.[1];
    return sn ? complaint(sn) : null;
  });
  close = server.close;
  return server;
}

function crawl(baseUrl: string, options: Record<string, unknown> = {}, knownIds: string[] = []) {
  return crawlFixtures({
    adapter,
    sourceId: 'heimao',
    options: { base_url: baseUrl, keywords: [KEYWORD], ...options },
    knownIds,
    now: () => NOW,
  });
}

const SUMMARY_1 =
  '本人在2024年12月25日通过信*飞借款8000元分12期，每月要还803.65元其中每个月担保费70.21元，2025年4月12日通过信*飞借款6400元分6期，每月要还1181.39元，2025年10月28日信*飞扣款会员费349元，本人没有享受到信*飞的会员政策，综合年化率超过国家标准，要求退还担保费，高利息费！会员费！';
const SUMMARY_2 =
  '我于2023年7月22日在信*飞平台借款4万元，于8月22日还款4010.93元，并于8月31日提前结清还款，但提前还款时，信*飞多收取4347.98元利息费用（担保费及利息），现要求信*飞平台退还多收取的4347.89元利息费用（包含担保费及利息）。';
const SUMMARY_3 =
  '信*飞，该平台多次投诉后仍旧违规催收，因个人平台导致逾期，前期有和客服进行协商沟通，期间信*飞平台催收多次以私人号码打电话，言语辱骂，威胁恐吓，信*飞平台不理睬，仍旧包庇恶意催收。现如今信*飞依旧多次纵容催收以私人号码或虚拟号码进行骚扰，威胁等。证据确凿！且信*飞平台包含多种担保费，逾期利息高达...';

const listPost = (
  sn: string,
  fields: Omit<Post, 'id' | 'source' | 'url' | 'fetched_at' | 'metrics' | 'place_hints'>,
) => ({
  id: `heimao:${sn}`,
  source: 'heimao',
  url: `https://tousu.sina.com.cn/complaint/view/${sn}/`,
  fetched_at: expect.stringMatching(/\+08:00$/),
  metrics: { reposts: null, comments: null, likes: null },
  place_hints: [],
  ...fields,
});

const LIST_POSTS = [
  listPost('17390396995', {
    author: '匿名用户',
    published_at: '2025-11-23T10:15:00+08:00',
    title: '信*飞收取担保费、会员费，要求退还',
    text: `[投诉对象]信*飞App\n[投诉问题]乱收费\n[投诉要求]退息费，退会员费\n[涉诉金额]349元\n[投诉进度]已回复\n${SUMMARY_1}`,
  }),
  listPost('17391181466', {
    author: '黑猫消费者',
    published_at: '2025-12-13T21:04:37+08:00',
    title: '信*飞提前结清多收利息及担保费',
    text: `[投诉对象]信*飞App\n[投诉问题]乱收费\n[投诉要求]退还多余担保费\n[涉诉金额]4347.89元\n[投诉进度]待分配\n${SUMMARY_2}`,
  }),
  listPost('17390205379', {
    author: '小**',
    published_at: '2025-11-18T08:42:10+08:00',
    title: '信*飞违规催收，言语辱骂威胁',
    // cost "0" means "not stated": no amount line.
    text: `[投诉对象]信*飞App\n[投诉问题]暴力催收\n[投诉要求]停止骚扰,调整利率,道歉赔偿/解释,处罚,销账,撤销征信问题\n[投诉进度]处理中\n${SUMMARY_3}`,
  }),
];

const DETAIL_POST = {
  ...LIST_POSTS[0],
  text: [
    '[投诉对象]信*飞App',
    '[投诉问题]乱收费',
    '[投诉要求]退息费，退会员费',
    '[涉诉金额]349元',
    '[投诉进度]已回复',
    SUMMARY_1,
    '【发起投诉】匿名用户 2025-11-23 10:15',
    '【商家已回复】信*飞App 2025-11-25 14:02',
    '您好，您反馈的问题已收到，专员将在1-3个工作日内与您联系核实处理，请保持电话畅通。',
  ].join('\n'),
};

describe('heimao signing', () => {
  it('hashes the sorted request values with the secret (values computed by hand with Python hashlib)', () => {
    const input = { ts: '1795658400000', rs: NONCE, secret: SITE_SECRET, pageSize: 10, page: 1 };
    expect(searchSignature({ ...input, keywords: '欠薪' })).toBe(
      '3fe2a70c37f9405817c0a0c7aa30b81ffbd21df60eefb8ff51d42f43272a2c02',
    );
    expect(searchSignature({ ...input, keywords: KEYWORD })).toBe(
      '5096689ce3c43a0e4ac5b74f7b85812925e69e0edd27b827a86141a55ade7176',
    );
    expect(searchSignature({ ...input, keywords: '欠薪', secret: 'P0tk894Tcxi4t%S$' })).toBe(
      '85596ed540656bf085a3cb482dbedfdb2957098429fe822749914bca1cecfeba',
    );
    expect(signParts([1, 10, '欠薪', SITE_SECRET, NONCE, '1795658400000'])).toBe(
      '3fe2a70c37f9405817c0a0c7aa30b81ffbd21df60eefb8ff51d42f43272a2c02',
    );
  });

  it('draws rs as 16 characters of [0-9a-zA-Z], fresh each time', () => {
    const nonces = Array.from({ length: 20 }, () => randomNonce());
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-zA-Z]{16}$/);
    expect(new Set(nonces).size).toBe(20);
  });
});

describe('heimao options', () => {
  it('defaults to the public site, 5 pages, the documented secret and detail pages', () => {
    expect(heimaoAdapter.optionsSchema.parse({ keywords: ['欠薪'] })).toEqual({
      base_url: 'https://tousu.sina.com.cn',
      keywords: ['欠薪'],
      max_pages: 5,
      secret: SITE_SECRET,
      fetch_details: true,
    });
  });

  it.each([
    [{ keywords: [] }],
    [{ keywords: ['欠薪'], max_pages: 101 }],
    [{ keywords: ['欠薪'], cookie: 'x' }],
    [{ keywords: ['欠薪'], base_url: 'ftp://tousu.sina.com.cn' }],
  ])('rejects %j', (options) => {
    expect(heimaoAdapter.optionsSchema.safeParse(options).success).toBe(false);
  });
});

describe('heimao adapter on a fixture site', () => {
  it('sends a signed GET with the headers the search page sends', async () => {
    const server = await site();
    await crawl(server.url, { max_pages: 1, fetch_details: false });
    expect(server.seen).toHaveLength(1);
    const [request] = server.seen as [SeenRequest];
    expect(request.method).toBe('GET');
    expect(request.url).toBe(
      `/api/index/s?ts=1795658400000&rs=${NONCE}&signature=5096689ce3c43a0e4ac5b74f7b85812925e69e0edd27b827a86141a55ade7176&keywords=%E4%BF%A1*%E9%A3%9E&page_size=10&page=1`,
    );
    expect(request.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(request.headers.referer).toBe(`${server.url}/index/search/?keywords=%E4%BF%A1*%E9%A3%9E&t=1`);
  });

  it('maps search items to posts and pages to page_amount, signing each page afresh', async () => {
    const server = await site();
    const pass = await crawl(server.url, { fetch_details: false });
    expect(pass.posts).toEqual(LIST_POSTS);
    expect(server.seen.map((r) => new URL(r.url, server.url).searchParams.get('page'))).toEqual(['1', '2']);
    expect(pass.result).toMatchObject({ pages: 2, found: 3, blocked: null, dropped: 0, degraded: 0 });
  });

  it('stops at max_pages even when the site has more', async () => {
    const server = await site();
    const pass = await crawl(server.url, { fetch_details: false, max_pages: 1 });
    expect(pass.posts.map((p) => p.id)).toEqual(['heimao:17390396995', 'heimao:17391181466']);
    expect(server.seen).toHaveLength(1);
  });

  it('replaces the list version with the complaint page, and keeps it when the page fails', async () => {
    const server = await site();
    const pass = await crawl(server.url);
    const byId = new Map(pass.posts.map((p) => [p.id, p]));
    expect(byId.get('heimao:17390396995')).toEqual(DETAIL_POST);
    expect(byId.get('heimao:17391181466')).toEqual(LIST_POSTS[1]);
    expect(byId.get('heimao:17390205379')).toEqual(LIST_POSTS[2]);
    expect(pass.result).toMatchObject({ found: 3, detailFailures: 2, blocked: null });
    const detail = server.seen.find((r) => r.url === '/complaint/view/17390396995/');
    expect(detail?.headers.referer).toBe(`${server.url}/index/search/?keywords=%E4%BF%A1*%E9%A3%9E&t=1`);
  });

  it('keeps the list version when the complaint page has no complaint frame', async () => {
    const server = await site({ complaint: () => html('<html><body><p>该投诉不存在</p></body></html>') });
    const pass = await crawl(server.url, { max_pages: 1 });
    expect(pass.posts).toEqual(LIST_POSTS.slice(0, 2));
    expect(pass.result).toMatchObject({ detailFailures: 2, degraded: 2, blocked: null });
  });

  it('does not take a complaint that mentions 验证码 for a captcha page', async () => {
    const page = fixture('heimao/complaint_view_17390396995.documented-shape.html')
      .toString('utf8')
      .replace('会员费！</p>', '会员费！客服只让我报手机验证码。</p>');
    const server = await site({ complaint: () => html(page) });
    const pass = await crawl(server.url, { max_pages: 1 });
    expect(pass.result.blocked).toBeNull();
    expect(pass.posts[0]?.text).toContain('客服只让我报手机验证码');
  });

  it('stops at a search page that holds only known complaints: no next page, no detail pages', async () => {
    const server = await site();
    const pass = await crawl(server.url, {}, ['heimao:17390396995', 'heimao:17391181466']);
    expect(pass.posts).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it('reports a rejected signature as forbidden and names the secret', async () => {
    const server = await site();
    const pass = await crawl(server.url, { secret: 'stale-secret' });
    expect(pass.result.blocked).toEqual({
      reason: 'forbidden',
      detail:
        'signature rejected (code -1 "签名错误"): the site\'s SECRET may have changed; re-extract it from the site\'s JS',
    });
    expect(pass.posts).toEqual([]);
  });

  it.each([
    ['login page', () => html(fixture('heimao/login_page.documented-shape.html')), 'credential_expired'],
    ['captcha page', () => html(fixture('heimao/captcha_page.documented-shape.html')), 'captcha'],
    [
      'empty list with a count',
      () => json(fixture('heimao/api_index_s_throttled.documented-shape.json')),
      'throttled',
    ],
  ])('reports a %s in place of the search JSON as %s', async (_name, answer, reason) => {
    const server = await site({ search: answer });
    const pass = await crawl(server.url);
    expect(pass.result.blocked?.reason).toBe(reason);
    expect(pass.posts).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it('reports a captcha in place of a complaint page, keeping that complaint as listed', async () => {
    const server = await site({
      complaint: () => html(fixture('heimao/captcha_page.documented-shape.html')),
    });
    const pass = await crawl(server.url);
    expect(pass.result.blocked?.reason).toBe('captcha');
    expect(pass.posts).toEqual([LIST_POSTS[0]]);
  });

  it('reads a search with no results as no posts, not as a block', async () => {
    const server = await site({ search: () => json(emptySearch) });
    const pass = await crawl(server.url);
    expect(pass.result).toMatchObject({ found: 0, blocked: null, pages: 1 });
  });

  it('drops an item without a usable complaint number and says so', async () => {
    const page = JSON.parse(fixture('heimao/api_index_s_page2.documented-shape.json').toString('utf8'));
    page.result.data.lists.push({ main: { sn: '../admin', summary: '欠薪' }, author: { title: 'x' } });
    const server = await site({ search: () => json(JSON.stringify(page)) });
    const pass = await crawl(server.url, { fetch_details: false, max_pages: 1 });
    expect(pass.posts).toEqual([LIST_POSTS[2]]);
    expect(pass.result.dropped).toBe(1);
  });

  it.each([
    [
      'truncated JSON',
      () => json(fixture('heimao/api_index_s_page1.documented-shape.json').subarray(0, 300)),
    ],
    ['JSON of another shape', () => json('{"ok":1}')],
    ['HTML that is no known challenge', () => html('<html><body>维护中</body></html>')],
  ])('fails the pass with MalformedPageError on %s', async (_name, answer) => {
    const server = await site({ search: answer });
    await expect(crawl(server.url)).rejects.toBeInstanceOf(MalformedPageError);
  });
});
