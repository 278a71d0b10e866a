import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { liuyanSignature, signedBody } from '../../../crawlers/adapters/liuyan/sign.ts';
import { peopleLiuyanAdapter } from '../../../crawlers/adapters/people-liuyan.ts';
import { MalformedPageError } from '../../../crawlers/page.ts';
import type { Post } from '../../../src/domain/post.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

/** The app code in the site's SITE_CONFIG; the site checks signatures with its own copy. */
const SITE_APP_CODE = 'PC42ce3bfa4980a9';
const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

const json = (body: string | Buffer, status = 200): FixtureResponse => ({
  status,
  headers: { 'content-type': 'application/json;charset=UTF-8' },
  body,
});
const refused = () => json(fixture('liuyan/sn0006_signature_refused.documented-shape.json'));
const nothing = JSON.stringify({ code: 0, msg: 'ok', resultData: { data: [] } });

interface SignedCall {
  path: string;
  param: Record<string, unknown>;
}

/** Checks the body the way the site does: its own appCode, md5 over path, param string and key. */
function verify(request: SeenRequest): SignedCall | null {
  if (request.method !== 'POST' || !request.headers['content-type']?.startsWith('application/json'))
    return null;
  let body: { appCode?: unknown; token?: unknown; signature?: unknown; param?: unknown };
  try {
    body = JSON.parse(request.body);
  } catch {
    return null;
  }
  const path = request.url.split('?')[0] as string;
  if (body.appCode !== SITE_APP_CODE || body.token !== '' || typeof body.param !== 'string') return null;
  const expected = md5(`${path}${body.param}${md5(SITE_APP_CODE).slice(0, 16)}`);
  return body.signature === expected ? { path, param: JSON.parse(body.param) } : null;
}

interface SiteAnswers {
  board?: (lastItem: string) => FixtureResponse;
  search?: (page: number) => FixtureResponse;
  content?: (tid: string) => FixtureResponse;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function site(answers: SiteAnswers = {}) {
  const board =
    answers.board ??
    ((lastItem: string) =>
      lastItem === ''
        ? json(fixture('liuyan/v1_threads_list_df_fid3611_page1.documented-shape.json'))
        : lastItem === '9024562'
          ? json(fixture('liuyan/v1_threads_list_df_fid3611_page2.documented-shape.json'))
          : json(nothing));
  const search =
    answers.search ??
    ((page: number) =>
      page <= 2
        ? json(fixture(`liuyan/v2_threads_search_qianxin_page${page}.documented-shape.json`))
        : json(nothing));
  const content =
    answers.content ??
    ((tid: string) =>
      tid === '9031877'
        ? json(fixture('liuyan/v1_threads_content_9031877.documented-shape.json'))
        : json('{"error":"not found"}', 404));
  const server = await startFixtureSite((request) => {
    const call = verify(request);
    if (!call) return refused();
    if (request.url === '/v1/threads/list/df' && call.param.fid === '3611')
      return board(String(call.param.lastItem));
    if (request.url === '/v2/threads/search?sortType=0' && call.param.keywords === '欠薪')
      return search(Number(call.param.page));
    if (request.url === '/v1/threads/content') return content(String(call.param.tid));
    return json(nothing);
  });
  close = server.close;
  return server;
}

function crawl(options: Record<string, unknown>, knownIds: string[] = []) {
  return crawlFixtures({ adapter: peopleLiuyanAdapter, sourceId: 'liuyan', options, knownIds });
}

const board = (baseUrl: string, more: Record<string, unknown> = {}, knownIds: string[] = []) =>
  crawl({ base_url: baseUrl, mode: 'board', fid: 3611, rows: 2, ...more }, knownIds);
const search = (baseUrl: string, more: Record<string, unknown> = {}) =>
  crawl({ base_url: baseUrl, mode: 'search', keywords: ['欠薪'], rows: 2, ...more });

const post = (
  baseUrl: string,
  tid: number,
  fields: Pick<Post, 'author' | 'published_at' | 'title' | 'text' | 'place_hints'>,
) => ({
  id: `liuyan:${tid}`,
  source: 'liuyan',
  url: `${baseUrl}/threads/content?tid=${tid}`,
  fetched_at: expect.stringMatching(/\+08:00$/),
  metrics: { reposts: null, comments: null, likes: null },
  ...fields,
});

const LINGSHAN = ['灵山县委书记', '广西壮族自治区 钦州市'];
const BOARD_A_FULL =
  '我们一行十二人在灵山县城东安置房项目做钢筋工，自2020年10月进场，工资一直没有结清，十二个人共计约18万元。多次找包工头和项目部，都推说开发商没有拨款。眼看就要过年，家里老人孩子都等着这笔钱，恳请书记过问，督促项目部尽快支付拖欠的农民工工资。';

const boardPosts = (baseUrl: string) => [
  post(baseUrl, 9031877, {
    author: '黄**',
    published_at: '2021-01-21T09:12:40+08:00',
    title: '城东安置房项目拖欠农民工工资三个月未发',
    text: `[留言类型]投诉 [领域]劳动和社会保障 [办理状态]已办理\n${BOARD_A_FULL.slice(0, 60)}...`,
    place_hints: LINGSHAN,
  }),
  post(baseUrl, 9024562, {
    author: '陈***',
    published_at: '2021-01-18T23:22:27+08:00',
    title: '新兴路成为混凝土公司专用道路面损严重',
    text: '[留言类型]投诉 [领域]城建 [办理状态]待回复\n新兴路自2008年修建完成就没有停止过路面切割重复施工，2019年打通新兴北路后，混凝土公司以及周边建设工地的重卡车运沙运石就每天在此路通行。几十上百吨重卡车每次负重经过沿线都居民都感到地动山摇，每天...',
    place_hints: LINGSHAN,
  }),
  post(baseUrl, 9018840, {
    author: '李**',
    published_at: '2021-01-15T20:05:11+08:00',
    title: '装修工钱被拖欠半年',
    text: '[留言类型]投诉 [领域]劳动和社会保障 [办理状态]待回复\n去年在灵山县某小区给业主做装修，工钱两万三千元至今未付，业主一直拖着不给。',
    place_hints: LINGSHAN,
  }),
];

describe('people-liuyan signing', () => {
  it('reproduces signatures captured from the live site by public crawlers', () => {
    const df559 =
      '{"fid":"559","showUnAnswer":1,"typeId":5,"lastItem":"","position":0,"rows":10,"orderType":2}';
    expect(liuyanSignature('/v1/threads/list/df', df559, SITE_APP_CODE)).toBe(
      '9f41eaf88787382c14da461be7079546',
    );
    const bw5050 =
      '{"fid":5050,"showUnAnswer":1,"typeId":5,"lastItem":"","position":1,"rows":10,"orderType":2}';
    expect(liuyanSignature('/v1/threads/list/bw', bw5050, SITE_APP_CODE)).toBe(
      '22e8ff231248d4e2774c9d1b523afdf9',
    );
    const search =
      '{"position":0,"keywords":"天然气","fid":null,"domainId":null,"typeId":null,"timeRange":null,"ansChecked":false,"stTime":null,"sortType":"0","page":1,"rows":10}';
    expect(liuyanSignature('/v2/threads/search?sortType=0', search, SITE_APP_CODE)).toBe(
      'bec2facf4f2a6ea58ced5215c60e6c1c',
    );
  });

  it('signs the board param as this adapter writes it (value computed by hand with Python hashlib)', () => {
    const param =
      '{"fid":"3611","showUnAnswer":1,"typeId":5,"lastItem":"","position":"0","rows":2,"orderType":2}';
    expect(JSON.parse(signedBody('/v1/threads/list/df', param, SITE_APP_CODE))).toEqual({
      appCode: SITE_APP_CODE,
      token: '',
      signature: '6448819802eb050c4ee0afb9f049bef0',
      param,
    });
  });
});

describe('people-liuyan options', () => {
  it('defaults to the public site, its app code, 10 rows, 5 pages and details', () => {
    expect(peopleLiuyanAdapter.optionsSchema.parse({ mode: 'board', fid: 3611 })).toEqual({
      mode: 'board',
      fid: 3611,
      type_id: 5,
      base_url: 'https://liuyan.people.com.cn',
      app_code: SITE_APP_CODE,
      rows: 10,
      max_pages: 5,
      fetch_details: true,
    });
  });

  it.each([
    [{ mode: 'board' }],
    [{ mode: 'search' }],
    [{ fid: 3611 }],
    [{ mode: 'board', fid: 3611, keywords: ['欠薪'] }],
    [{ mode: 'search', keywords: ['欠薪'], max_pages: 101 }],
  ])('rejects %j', (options) => {
    expect(peopleLiuyanAdapter.optionsSchema.safeParse(options).success).toBe(false);
  });
});

describe('people-liuyan adapter on a fixture site', () => {
  it('POSTs a signed JSON body with the headers the board page sends', async () => {
    const server = await site();
    await board(server.url, { max_pages: 1, fetch_details: false });
    const [request] = server.seen as [SeenRequest];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/threads/list/df');
    expect(request.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(request.headers.origin).toBe(server.url);
    expect(request.headers.referer).toBe(`${server.url}/threads/list?fid=3611`);
    expect(JSON.parse(request.body)).toEqual({
      appCode: SITE_APP_CODE,
      token: '',
      signature: '6448819802eb050c4ee0afb9f049bef0',
      param: '{"fid":"3611","showUnAnswer":1,"typeId":5,"lastItem":"","position":"0","rows":2,"orderType":2}',
    });
  });

  it('maps board messages to posts and pages by the last tid until a page is short', async () => {
    const server = await site();
    const pass = await board(server.url, { fetch_details: false });
    expect(pass.posts).toEqual(boardPosts(server.url));
    expect(server.seen.map((r) => JSON.parse(JSON.parse(r.body).param).lastItem)).toEqual(['', '9024562']);
    expect(JSON.parse(server.seen[1]?.body ?? '{}').signature).toBe('e22c82b278718d7b850f8e44d5d22830');
    expect(pass.result).toMatchObject({ pages: 2, found: 3, blocked: null, dropped: 0 });
  });

  it('stops at max_pages', async () => {
    const server = await site();
    const pass = await board(server.url, { fetch_details: false, max_pages: 1 });
    expect(pass.posts.map((p) => p.id)).toEqual(['liuyan:9031877', 'liuyan:9024562']);
    expect(server.seen).toHaveLength(1);
  });

  it('replaces the list version with the full message and the official reply; keeps it when the detail fails', async () => {
    const server = await site();
    const pass = await board(server.url);
    const [a, b, c] = boardPosts(server.url);
    const byId = new Map(pass.posts.map((p) => [p.id, p]));
    expect(byId.get('liuyan:9031877')).toEqual({
      ...a,
      text: [
        '[留言类型]投诉 [领域]劳动和社会保障 [办理状态]已办理',
        BOARD_A_FULL,
        '【官方回复】灵山县人力资源和社会保障局 时间：2021-01-29 16:40',
        '经核查，该项目劳务分包单位已于2021年1月28日将拖欠的12名农民工工资共计18.2万元全部支付到位，留言人已确认收到。感谢您对我县工作的关心和支持。',
      ].join('\n'),
    });
    expect(byId.get('liuyan:9024562')).toEqual(b);
    expect(byId.get('liuyan:9018840')).toEqual(c);
    expect(pass.result).toMatchObject({ found: 3, detailFailures: 2, blocked: null });
    const detail = server.seen.find((r) => r.url === '/v1/threads/content' && r.body.includes('9031877'));
    expect(JSON.parse(detail?.body ?? '{}')).toEqual({
      appCode: SITE_APP_CODE,
      token: '',
      signature: '4b24e7972ca9828bc48f987c7907e496',
      param: '{"tid":"9031877","fromTrash":0}',
    });
    expect(detail?.headers.referer).toBe(`${server.url}/threads/content?tid=9031877`);
  });

  it.each([
    ['a refusal code', () => json('{"code":"TH0001","msg":"留言不存在"}')],
    [
      'truncated JSON',
      () => json(fixture('liuyan/v1_threads_content_9031877.documented-shape.json').subarray(0, 90)),
    ],
    ['an empty contentList', () => json('{"code":0,"msg":"ok","resultData":{"contentList":[]}}')],
  ])('keeps the list version when the detail is %s', async (_name, answer) => {
    const server = await site({ content: answer });
    const pass = await board(server.url, { max_pages: 1 });
    expect(pass.posts).toEqual(boardPosts(server.url).slice(0, 2));
    expect(pass.result).toMatchObject({ detailFailures: 2, degraded: 2, blocked: null });
  });

  it('stops at a board page that holds only known messages', async () => {
    const server = await site();
    const pass = await board(server.url, {}, ['liuyan:9031877', 'liuyan:9024562']);
    expect(pass.posts).toEqual([]);
    expect(server.seen).toHaveLength(1);
  });

  it('searches by keyword with numbered pages until a page is short', async () => {
    const server = await site();
    const pass = await search(server.url, { fetch_details: false });
    expect(server.seen.map((r) => r.url)).toEqual([
      '/v2/threads/search?sortType=0',
      '/v2/threads/search?sortType=0',
    ]);
    expect(JSON.parse(server.seen[0]?.body ?? '{}')).toEqual({
      appCode: SITE_APP_CODE,
      token: '',
      signature: '9cd09bc52d45480c0b6305e06e2709ef',
      param:
        '{"position":0,"keywords":"欠薪","fid":null,"domainId":null,"typeId":null,"timeRange":null,"ansChecked":false,"stTime":null,"sortType":"0","page":1,"rows":2}',
    });
    expect(server.seen[0]?.headers.referer).toBe(`${server.url}/messageSearch`);
    expect(server.seen.map((r) => JSON.parse(JSON.parse(r.body).param).page)).toEqual([1, 2]);
    expect(pass.posts).toEqual([
      post(server.url, 26301552, {
        author: null,
        published_at: '2026-10-30T11:20:05+08:00',
        title: '物流园工地欠薪两个月',
        text: '[留言类型]投诉 [领域]劳动和社会保障 [办理状态]待回复\n我在物流园三期工地做木工，两个月工资一万六千元未发，老板失联。',
        place_hints: ['江苏省南通市如皋市委书记'],
      }),
      post(server.url, 26288410, {
        author: null,
        published_at: '2026-10-28T08:01:44+08:00',
        title: '讨要欠薪无门',
        text: '[留言类型]投诉 [领域]劳动和社会保障 [办理状态]办理中\n在县城一家餐馆打工半年，老板以经营困难为由拖欠工资八千元。',
        place_hints: ['河南省周口市郸城县委书记'],
      }),
      post(server.url, 26277001, {
        author: null,
        published_at: '2026-10-20T19:33:02+08:00',
        title: '厂里拖欠工资',
        text: '[留言类型]投诉 [领域]劳动和社会保障 [办理状态]已办理\n电子厂拖欠我们三个月工资，厂长说等货款回来再发。',
        place_hints: ['广东省东莞市委书记'],
      }),
    ]);
  });

  it('reports the site refusing the signature (SN0006) as forbidden', async () => {
    const server = await site();
    const pass = await board(server.url, { app_code: 'PCstale0000000' });
    expect(pass.result.blocked).toEqual({
      reason: 'forbidden',
      detail:
        'signature refused (code SN0006 "数据格式错误"): the site\'s signing scheme or app_code may have changed; re-extract them from its /pcjs/app.*.js',
    });
    expect(pass.posts).toEqual([]);
  });

  it('reports another refusal of a list as forbidden, and a captcha page as captcha', async () => {
    let server = await site({ board: () => json('{"code":"SN0001","msg":"访问过于频繁"}') });
    expect((await board(server.url)).result.blocked).toEqual({
      reason: 'forbidden',
      detail: 'API refused the request (code SN0001 "访问过于频繁")',
    });
    await server.close();
    server = await site({
      board: () => ({
        headers: { 'content-type': 'text/html' },
        body: '<html><body>请输入验证码</body></html>',
      }),
    });
    expect((await board(server.url)).result.blocked?.reason).toBe('captcha');
  });

  it('drops a message without a tid and says so', async () => {
    const page = JSON.parse(
      fixture('liuyan/v1_threads_list_df_fid3611_page2.documented-shape.json').toString('utf8'),
    );
    page.resultData.data.unshift({ subject: '无编号', content: '欠薪' });
    const server = await site({ board: () => json(JSON.stringify(page)) });
    const pass = await board(server.url, { fetch_details: false, max_pages: 1 });
    expect(pass.posts.map((p) => p.id)).toEqual(['liuyan:9018840']);
    expect(pass.result.dropped).toBe(1);
  });

  it.each([
    [
      'truncated JSON',
      () => json(fixture('liuyan/v1_threads_list_df_fid3611_page1.documented-shape.json').subarray(0, 200)),
    ],
    ['JSON without a code', () => json('{"resultData":{"data":[]}}')],
    ['JSON without a list', () => json('{"code":0,"msg":"ok"}')],
    [
      'HTML that is no challenge',
      () => ({ headers: { 'content-type': 'text/html' }, body: '<html>维护中</html>' }),
    ],
  ])('fails the pass with MalformedPageError on %s', async (_name, answer) => {
    const server = await site({ board: answer });
    await expect(board(server.url)).rejects.toBeInstanceOf(MalformedPageError);
  });
});
