import { afterEach, describe, expect, it } from 'vitest';
import { govLettersAdapter } from '../../../crawlers/adapters/gov-letters.ts';
import { NO_METRICS } from '../../../src/domain/post.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

/**
 * Each preset end to end through the real fetcher: list → details → posts, against fixtures
 * built to the shapes in FORMATS.md §6 (see test/fixtures/sources/gov_letters/README.md).
 */

const GBK_HEADER = { 'content-type': 'text/html; charset=gb2312' };
/** Classic ASP often sends no charset at all: only the page's `<meta>` says gb2312. */
const NO_CHARSET = { 'content-type': 'text/html' };
const UTF8_HTML = { 'content-type': 'text/html; charset=utf-8' };
const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

const letters = (name: string, headers: Record<string, string>): FixtureResponse => ({
  headers,
  body: fixture(`gov_letters/${name}`),
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function site(route: (request: SeenRequest) => FixtureResponse | null) {
  const server = await startFixtureSite(route);
  close = server.close;
  return server;
}

const anyTime = expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

describe('gov-letters asp-leadmail (classic ASP 县长信箱, GB2312)', () => {
  const SEARCH = '/xzxx/E_LeadMail_Result.asp?keyword=%C7%B7%D0%BD&page=';
  const aspSite = () =>
    site((request) => {
      if (request.url === `${SEARCH}1`)
        return letters('asp_leadmail_result_p1.documented-shape.gbk.html', GBK_HEADER);
      if (request.url === `${SEARCH}2`)
        return letters('asp_leadmail_result_p2.documented-shape.gbk.html', GBK_HEADER);
      if (request.url === '/xzxx/E_LeadMail.asp?page=1')
        return letters('asp_leadmail_result_p1.documented-shape.gbk.html', NO_CHARSET);
      const id = request.url.match(/^\/xzxx\/E_ReadLeadMail\.asp\?LeadMailID=(1021|1019)$/)?.[1];
      return id ? letters(`asp_leadmail_read_${id}.public-code-shape.gbk.html`, NO_CHARSET) : null;
    });
  const options = (url: string, extra: Record<string, unknown> = {}) => ({
    preset: 'asp-leadmail',
    board: '嘉鱼县 县长信箱',
    base_url: `${url}/xzxx/`,
    keywords: ['欠薪'],
    ...extra,
  });

  it('reads the list, completes each letter from its page, and keeps the state and reply in the text', async () => {
    const server = await aspSite();
    // A wrong fallback on purpose: the header (list) and the <meta> (details) must decide.
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: options(server.url),
      sourceId: 'jiayu',
      charset: 'utf-8',
    });
    const byId = new Map(pass.posts.map((post) => [post.id, post]));
    expect(byId.get('jiayu:1021')).toEqual({
      id: 'jiayu:1021',
      source: 'jiayu',
      url: `${server.url}/xzxx/E_ReadLeadMail.asp?LeadMailID=1021`,
      author: '王**',
      published_at: '2026-01-05T00:00:00+08:00',
      fetched_at: anyTime,
      title: '关于县城东区安置房二期项目劳务分包单位拖欠农民工工资三个月的问题反映',
      text: [
        '我们是在县城东区安置房二期项目干活的农民工，共二十多人，劳务分包单位从去年9月起就没有发过工资，',
        '包工头说总包没有拨款，总包说已经付了，互相推诿。',
        '快过年了，请县长帮我们讨回血汗钱。',
        '【状态】已阅批',
        '【答复时间】2026-1-9 16:32:10',
        '【答复】经县人社局劳动保障监察大队调查核实，该项目劳务分包单位拖欠28名农民工工资共计41.6万元。',
        '目前已责令总包单位从农民工工资专用账户代发，工资已于1月8日全部发放到位。',
      ].join('\n'),
      metrics: NO_METRICS,
      place_hints: ['嘉鱼县 县长信箱'],
    });
    // No name and "请耐心等待回复！" are not values.
    expect(byId.get('jiayu:1019')).toMatchObject({
      author: null,
      title: '物流园工地欠薪',
      published_at: '2025-12-28T00:00:00+08:00',
      text: '物流园工地老板欠我们半年工资不给，电话也不接。\n【状态】未阅批',
    });
  });

  it('keeps the list version (cut title, state, 来信日期 YYYY-M-D) when a letter page fails', async () => {
    const server = await aspSite();
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: options(server.url),
      sourceId: 'jiayu',
    });
    expect(pass.posts.find((post) => post.id === 'jiayu:1008')).toMatchObject({
      url: `${server.url}/xzxx/E_ReadLeadMail.asp?LeadMailID=1008`,
      title: '咨询欠薪投诉渠道...',
      text: '咨询欠薪投诉渠道...\n【状态】已阅批',
      published_at: '2025-11-02T00:00:00+08:00',
      author: null,
    });
    expect(pass.posts.find((post) => post.id === 'jiayu:1017')?.title).toBe(
      '请求帮助讨要装修工程款和工人工资（鱼岳镇某小区）...',
    );
    expect(pass.result).toMatchObject({ found: 5, detailFailures: 3, dropped: 0, degraded: 0 });
  });

  it("searches with the keyword in GBK and pages by the footer's 当前第 x/y 页", async () => {
    const server = await aspSite();
    await crawlFixtures({
      adapter: govLettersAdapter,
      options: options(server.url, { max_pages: 5 }),
      sourceId: 'jiayu',
    });
    const lists = server.seen
      .filter((request) => request.url.includes('E_LeadMail_Result'))
      .map((r) => r.url);
    expect(lists).toEqual([`${SEARCH}1`, `${SEARCH}2`]);
  });

  it('stops at a page of known letters, asking for neither their pages nor the next list page', async () => {
    const server = await aspSite();
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: options(server.url),
      sourceId: 'jiayu',
      knownIds: ['jiayu:1021', 'jiayu:1019', 'jiayu:1017'],
    });
    expect(pass.posts).toEqual([]);
    expect(server.seen.map((request) => request.url)).toEqual([`${SEARCH}1`]);
  });

  it('lists the whole board without keywords, and can skip the letter pages', async () => {
    const server = await aspSite();
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: options(server.url, { keywords: undefined, fetch_details: false, max_pages: 1 }),
      sourceId: 'jiayu',
      charset: 'gb2312',
    });
    expect(server.seen.map((request) => request.url)).toEqual(['/xzxx/E_LeadMail.asp?page=1']);
    expect(pass.posts.map((post) => post.title)).toEqual([
      '关于县城东区安置房二期项目劳务分包单位拖欠农民工工资三个...',
      '物流园工地欠薪...',
      '请求帮助讨要装修工程款和工人工资（鱼岳镇某小区）...',
    ]);
  });
});

describe('gov-letters hanweb-dataproxy (大汉 JCMS XML datastore)', () => {
  it('posts the column form, reads <record> fragments, pages by <totalrecord>, completes letters', async () => {
    const server = await site((request) => {
      if (request.url.startsWith('/module/web/jpage/dataproxy.jsp?startrecord=1&'))
        return letters('hanweb_dataproxy_1-3.documented-shape.xml', {
          'content-type': 'text/xml;charset=UTF-8',
        });
      if (request.url.startsWith('/module/web/jpage/dataproxy.jsp?startrecord=4&'))
        return letters('hanweb_dataproxy_4-6.documented-shape.xml', {
          'content-type': 'text/xml;charset=UTF-8',
        });
      if (request.url === '/art/2026/1/6/art_1559772_58123456.html')
        return letters('hanweb_art_1559772_58123456.assumed-shape.html', UTF8_HTML);
      return null;
    });
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: {
        preset: 'hanweb-dataproxy',
        board: '越城区 区长信箱',
        site: `${server.url}/`,
        column_id: 1559772,
        web_id: '3090',
        unit_id: 4851098,
        records_per_request: 3,
        max_pages: 5,
      },
      sourceId: 'yuecheng',
    });
    const lists = server.seen.filter((request) => request.url.includes('dataproxy'));
    expect(lists.map((request) => [request.method, request.url, request.body])).toEqual([
      [
        'POST',
        '/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=3&perpage=15',
        'col=1&appid=1&webid=3090&path=/&columnid=1559772&unitid=4851098&sourceContentType=1&permissiontype=0',
      ],
      [
        'POST',
        '/module/web/jpage/dataproxy.jsp?startrecord=4&endrecord=6&perpage=15',
        'col=1&appid=1&webid=3090&path=/&columnid=1559772&unitid=4851098&sourceContentType=1&permissiontype=0',
      ],
    ]);
    expect(lists[0]?.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      referer: `${server.url}/col/col1559772/index.html`,
    });
    expect(pass.posts.find((post) => post.id === 'yuecheng:58123456')).toEqual({
      id: 'yuecheng:58123456',
      source: 'yuecheng',
      url: `${server.url}/art/2026/1/6/art_1559772_58123456.html`,
      author: '赵*',
      published_at: '2026-01-06T18:40:22+08:00',
      fetched_at: anyTime,
      title: '关于某县道改造工程拖欠农民工工资的投诉',
      text: [
        '县道改造工程项目部拖欠我们15名工人工资23万元，',
        '多次讨要无果。',
        '【答复单位】区人力社保局',
        '【答复时间】2026-01-10',
        '【答复】已立案调查，责令施工单位于1月20日前支付，逾期将依法移送公安机关。',
      ].join('\n'),
      metrics: NO_METRICS,
      place_hints: ['越城区 区长信箱'],
    });
    expect(pass.posts.map((post) => post.id).sort()).toEqual(
      ['58090011', '58100077', '58110303', '58120001', '58123456'].map((id) => `yuecheng:${id}`),
    );
    expect(pass.posts.find((post) => post.id === 'yuecheng:58090011')).toMatchObject({
      text: '食堂承包人拖欠帮工工资',
      published_at: '2025-12-01T00:00:00+08:00',
    });
  });
});

describe('gov-letters trs-index (TRS WCM index_N.html)', () => {
  const trsSite = () =>
    site((request) => {
      const page = request.url.match(/^\/hdjl\/xjxd\/(index(?:_[12])?)\.html$/)?.[1];
      if (page) return letters(`trs_${page}.documented-shape.html`, UTF8_HTML);
      if (request.url === '/hdjl/xjxd/202601/t20260105_1234567.html')
        return letters('trs_letter_t20260105_1234567.assumed-shape.html', UTF8_HTML);
      return null;
    });
  const options = (url: string, maxPages: number) => ({
    preset: 'trs-index',
    board: '某市 信件选登',
    list_url: `${url}/hdjl/xjxd/index.html`,
    max_pages: maxPages,
  });

  it('pages index.html, index_1.html, index_2.html by createPageHTML(3, …) and completes letters', async () => {
    const server = await trsSite();
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: options(server.url, 10),
      sourceId: 'city',
    });
    const lists = server.seen.map((request) => request.url).filter((url) => url.includes('index'));
    expect(lists).toEqual(['/hdjl/xjxd/index.html', '/hdjl/xjxd/index_1.html', '/hdjl/xjxd/index_2.html']);
    expect(pass.posts.find((post) => post.id === 'city:20260105_1234567')).toEqual({
      id: 'city:20260105_1234567',
      source: 'city',
      url: `${server.url}/hdjl/xjxd/202601/t20260105_1234567.html`,
      author: '李**',
      published_at: '2026-01-05T09:12:00+08:00',
      fetched_at: anyTime,
      title: '关于某小区外墙保温工程拖欠工人工资的反映',
      text: [
        '我们在某小区做外墙保温，班组12人，工程去年10月完工，至今拖欠工资8万余元。',
        '请有关部门帮忙协调。',
        '【状态】已办结',
        '【答复单位】市人力资源和社会保障局',
        '【答复时间】2026-01-09',
        '【答复】经劳动保障监察支队调查，建设单位已于1月8日将拖欠的工资全部支付给12名工人。',
      ].join('\n'),
      metrics: NO_METRICS,
      place_hints: ['某市 信件选登'],
    });
    // Navigation entries are not letters; a cut list title falls back to the title attribute.
    expect(pass.posts).toHaveLength(5);
    expect(pass.posts.find((post) => post.id === 'city:20251229_1233998')?.title).toBe(
      '某驾校教练被拖欠三个月工资',
    );
  });

  it('stops at max_pages even when createPageHTML says there are more', async () => {
    const server = await trsSite();
    await crawlFixtures({ adapter: govLettersAdapter, options: options(server.url, 2), sourceId: 'city' });
    const lists = server.seen.map((request) => request.url).filter((url) => url.includes('index'));
    expect(lists).toEqual(['/hdjl/xjxd/index.html', '/hdjl/xjxd/index_1.html']);
  });
});

describe('gov-letters beijing-letters (JS-object JSON)', () => {
  it('normalises the JS object list, pages by totalPages, opens each letter by its kind', async () => {
    const LIST = '/hudong/hdjl/sindex/bjah-index-hdjl!letterListJson.action';
    const server = await site((request) => {
      const page = request.url.match(/page\.pageNo=(\d)&/)?.[1];
      if (request.url.startsWith(LIST) && page)
        return letters(`beijing_letterListJson_p${page}.documented-shape.js`, {
          'content-type': 'text/html;charset=UTF-8',
        });
      if (request.url === '/hudong/hdjl/com.web.consult.consultDetail.flow?originalId=AH26010500123')
        return letters('beijing_consultDetail_AH26010500123.public-code-shape.html', UTF8_HTML);
      return null;
    });
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: { preset: 'beijing-letters', base_url: server.url, page_size: 2, max_pages: 5 },
      sourceId: 'beijing',
    });
    expect(server.seen.map((request) => request.url)).toEqual([
      `${LIST}?keyword=&startDate=&endDate=&letterType=0&page.pageNo=1&page.pageSize=2&orgtitleLength=26`,
      '/hudong/hdjl/com.web.consult.consultDetail.flow?originalId=AH26010500123',
      '/hudong/hdjl/com.web.complain.complainDetail.flow?originalId=AH26010400077',
      `${LIST}?keyword=&startDate=&endDate=&letterType=0&page.pageNo=2&page.pageSize=2&orgtitleLength=26`,
      '/hudong/hdjl/com.web.suggest.suggesDetail.flow?originalId=AH26010200011',
    ]);
    expect(pass.posts.find((post) => post.id === 'beijing:AH26010500123')).toEqual({
      id: 'beijing:AH26010500123',
      source: 'beijing',
      url: `${server.url}/hudong/hdjl/com.web.consult.consultDetail.flow?originalId=AH26010500123`,
      author: '张**',
      published_at: '2026-01-05T00:00:00+08:00',
      fetched_at: anyTime,
      title: '关于"讨薪"问题：工地拖欠工资怎么办？',
      text: [
        '我在朝阳区某工地干了四个月，老板一直拖着不发工资，请问应该去哪里投诉？',
        '【答复单位】朝阳区',
        '【答复时间】2026-01-07',
        '【答复】您好！您可以拨打12333或到区劳动保障监察大队投诉，我区已对该工地开展检查。',
        '【类型】咨询',
        '【办理单位】朝阳区',
      ].join('\n'),
      metrics: NO_METRICS,
      place_hints: ['北京市 政民互动'],
    });
    expect(pass.posts.find((post) => post.id === 'beijing:AH26010400077')).toMatchObject({
      title: "餐馆老板不给结算工资，'说好的'年底结清",
      text: "餐馆老板不给结算工资，'说好的'年底结清\n【类型】投诉\n【办理单位】海淀区",
      published_at: '2026-01-04T00:00:00+08:00',
    });
    expect(pass.result).toMatchObject({ found: 3, detailFailures: 2 });
  });
});

describe('gov-letters rednet (红网 百姓呼声 POST JSON)', () => {
  it('searches by POST JSON, stops at a short page, reads the message and its replies', async () => {
    const server = await site((request) => {
      if (request.method === 'POST' && request.url === '/front/msg/index') {
        const { page } = JSON.parse(request.body) as { page: number };
        return letters(`rednet_msg_index_p${page}.documented-shape.json`, JSON_TYPE);
      }
      if (request.url === '/front/msg/detail?id=4710762')
        return letters('rednet_msg_detail_4710762.public-code-shape.json', JSON_TYPE);
      return null;
    });
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: { preset: 'rednet', api: server.url, keywords: ['欠薪'], page_num: 2, max_pages: 5 },
      sourceId: 'rednet',
    });
    const searches = server.seen.filter((request) => request.url === '/front/msg/index');
    expect(searches.map((request) => request.body)).toEqual([
      '{"search":"欠薪","page":1,"page_num":2}',
      '{"search":"欠薪","page":2,"page_num":2}',
    ]);
    expect(searches[0]?.headers).toMatchObject({
      'content-type': 'application/json;charset=UTF-8',
      referer: 'https://people.rednet.cn/',
    });
    expect(pass.posts.find((post) => post.id === 'rednet:4710762')).toEqual({
      id: 'rednet:4710762',
      source: 'rednet',
      url: `${server.url}/front/msg/detail?id=4710762`,
      author: '网友a1b2c3',
      published_at: '2026-01-05T10:21:33+08:00',
      fetched_at: anyTime,
      title: '长沙县某工地拖欠农民工工资',
      text: [
        '我们在长沙县某安置小区工地做木工，包工头拖欠12人工资共计18万元，',
        '已经拖了两个月。',
        '【状态】已办理',
        '【答复单位】长沙县人力资源和社会保障局',
        '【答复时间】2026-01-08 15:02:11',
        '【答复】经核查，施工方已于2026年1月7日足额支付拖欠的工资。',
        '【类型】投诉',
      ].join('\n'),
      metrics: NO_METRICS,
      place_hints: ['红网 百姓呼声'],
    });
    expect(pass.posts.find((post) => post.id === 'rednet:4709999')?.text).toBe(
      '保安公司拖欠工资\n【状态】办理中\n【类型】投诉',
    );
    expect(pass.result).toMatchObject({ found: 3, detailFailures: 2 });
  });
});

describe('gov-letters custom (raw generic options)', () => {
  it('reads an ASP.NET GridView mailbox whose charset is only in <meta>, asked for in GBK', async () => {
    const server = await site((request) =>
      request.url === '/Mail/Allemail.aspx?MailBox=%C7%F8%CF%D8%D0%C5%CF%E4'
        ? letters('aspnet_allemail_gridview.assumed-shape.gbk.html', NO_CHARSET)
        : null,
    );
    const pass = await crawlFixtures({
      adapter: govLettersAdapter,
      options: {
        preset: 'custom',
        board: '某县 区县信箱',
        html: {
          url: `${server.url}/Mail/Allemail.aspx?MailBox={keyword}`,
          keywords: ['区县信箱'],
          query_charset: 'gbk',
          item: '#GridView1 tr:has(a[href*="ShowMail.aspx"])',
          fields: {
            id: { css: 'a@href', regex: 'ID=(\\d+)' },
            title: 'a',
            link: 'a@href',
            published_at: 'td:nth-child(2)',
            status: 'td:nth-child(3)',
          },
        },
      },
      sourceId: 'county',
    });
    expect(server.seen.map((request) => request.url)).toEqual([
      '/Mail/Allemail.aspx?MailBox=%C7%F8%CF%D8%D0%C5%CF%E4',
    ]);
    expect(
      pass.posts.map((post) => [post.id, post.url, post.text, post.published_at, post.place_hints]),
    ).toEqual([
      [
        'county:3391',
        `${server.url}/Mail/ShowMail.aspx?ID=3391`,
        '城关镇某酒店装修工程包工头拖欠工资\n【状态】已回复',
        '2026-01-03T00:00:00+08:00',
        ['某县 区县信箱'],
      ],
      [
        'county:3388',
        `${server.url}/Mail/ShowMail.aspx?ID=3388`,
        '建议公布各乡镇欠薪举报电话\n【状态】办理中',
        '2025-12-30T00:00:00+08:00',
        ['某县 区县信箱'],
      ],
    ]);
  });
});

describe('gov-letters options', () => {
  const issues = (options: unknown) => {
    const parsed = govLettersAdapter.optionsSchema.safeParse(options);
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('names the field to fix', () => {
    expect(issues({ preset: 'asp-leadmail', base_url: 'http://www.jiayu.gov.cn/xzxx/' })).toEqual([
      expect.stringMatching(/^board: /),
    ]);
    expect(
      issues({ preset: 'asp-leadmail', board: '嘉鱼县 县长信箱', base_url: 'http://www.jiayu.gov.cn/xzxx' }),
    ).toEqual(['base_url: the folder URL, ending in "/"']);
    expect(issues({ preset: 'trs-index', board: 'b', list_url: 'http://x.gov.cn/xjxd/list.jsp' })).toEqual([
      "list_url: the column's first page, ending in index.html",
    ]);
    expect(issues({ preset: 'rednet' })).toEqual([expect.stringMatching(/^keywords: /)]);
    expect(issues({ preset: 'county-board', board: 'b' })).toEqual([expect.stringMatching(/^preset: /)]);
    expect(issues({ preset: 'asp-leadmail', board: 'b', base_url: 'http://x/', colour: 'red' })).toEqual([
      expect.stringContaining('colour'),
    ]);
  });

  it('checks custom options with the generic schema, down to the field', () => {
    const html = {
      url: 'http://x.gov.cn/list',
      item: 'tr',
      fields: { id: { css: 'a@href', regex: '(' }, link: 'a@href' },
    };
    expect(issues({ preset: 'custom', html })).toEqual([
      'html.fields.id.regex: not a valid regular expression',
    ]);
    expect(issues({ preset: 'custom', board: 'b' })).toEqual(['html: give exactly one of html and json']);
  });

  it('turns a preset into a few lines of generic options with sensible defaults', () => {
    const resolved = govLettersAdapter.optionsSchema.parse({
      preset: 'asp-leadmail',
      board: '嘉鱼县 县长信箱',
      base_url: 'http://www.jiayu.gov.cn/xzxx/',
      keywords: ['欠薪', '工资'],
    });
    expect(resolved).toMatchObject({
      engine: 'html',
      options: {
        url: 'http://www.jiayu.gov.cn/xzxx/E_LeadMail_Result.asp?keyword={keyword}&page={page}',
        query_charset: 'gb2312',
        max_pages: 3,
        place_hints: ['嘉鱼县 县长信箱'],
        paging: { scheme: 'page_param', start: 1, step: 1 },
      },
    });
    expect(
      govLettersAdapter.start({ sourceId: 'jiayu', options: resolved, now: new Date(), newestSeen: null }),
    ).toEqual([
      expect.objectContaining({
        url: 'http://www.jiayu.gov.cn/xzxx/E_LeadMail_Result.asp?keyword=%C7%B7%D0%BD&page=1',
      }),
      expect.objectContaining({
        url: 'http://www.jiayu.gov.cn/xzxx/E_LeadMail_Result.asp?keyword=%B9%A4%D7%CA&page=1',
      }),
    ]);
  });
});
