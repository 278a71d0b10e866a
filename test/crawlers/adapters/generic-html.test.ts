import * as cheerio from 'cheerio';
import { afterEach, describe, expect, it } from 'vitest';
import { readHtmlField } from '../../../crawlers/adapters/generic/html-fields.ts';
import { type GenericHtmlOptions, genericHtmlAdapter } from '../../../crawlers/adapters/generic-html.ts';
import { type FetchedPage, MalformedPageError } from '../../../crawlers/page.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

const HTML = { 'content-type': 'text/html; charset=utf-8' };

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

/** A small letter board: `/list?pn=<offset>` pages with rows, `/letter/<id>` letter pages. */
const listPage = (rows: Array<[string, string, string]>, footer = '') => `<html><body>
<table class="letters">
<tr><th>标题</th><th>日期</th></tr>
${rows.map(([id, title, date]) => `<tr><td><a href="/letter/${id}">${title}</a></td><td>${date}</td></tr>`).join('\n')}
</table>${footer}</body></html>`;

const letterPage = (body: string) => `<html><body><div class="letter">${body}</div></body></html>`;

const BASE = {
  item: 'table.letters tr:has(a)',
  fields: {
    id: { css: 'a@href', regex: '/letter/(\\w+)' },
    title: 'a',
    link: 'a@href',
    published_at: 'td:nth-child(2)',
  },
};

describe('generic-html paging', () => {
  it('fills {page} from start and step, and stops at a page with no items', async () => {
    const pages: Record<string, Array<[string, string, string]>> = {
      '0': [['a1', '欠薪一', '2026-1-5']],
      '10': [['a2', '欠薪二', '2026-1-4']],
      '20': [],
    };
    const server = await site((request) => {
      const offset = request.url.match(/^\/list\?pn=(\d+)$/)?.[1];
      return offset !== undefined ? { headers: HTML, body: listPage(pages[offset] ?? []) } : null;
    });
    const pass = await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: {
        ...BASE,
        url: `${server.url}/list?pn={page}`,
        max_pages: 10,
        paging: { scheme: 'page_param', start: 0, step: 10 },
      },
    });
    expect(server.seen.map((request) => request.url)).toEqual(['/list?pn=0', '/list?pn=10', '/list?pn=20']);
    expect(pass.posts.map((post) => [post.id, post.text, post.published_at])).toEqual([
      ['fixture:a1', '欠薪一', '2026-01-05T00:00:00+08:00'],
      ['fixture:a2', '欠薪二', '2026-01-04T00:00:00+08:00'],
    ]);
  });

  it('encodes {keyword} in the query charset, one sequence per keyword', async () => {
    const server = await site(() => ({ headers: HTML, body: listPage([]) }));
    await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: {
        ...BASE,
        url: `${server.url}/search.asp?kw={keyword}&page={page}`,
        keywords: ['区县信箱', '欠薪 工资'],
        query_charset: 'gbk',
        paging: { scheme: 'page_param' },
      },
    });
    expect(server.seen.map((request) => request.url)).toEqual([
      '/search.asp?kw=%C7%F8%CF%D8%D0%C5%CF%E4&page=1',
      '/search.asp?kw=%C7%B7%D0%BD%20%B9%A4%D7%CA&page=1',
    ]);
  });

  it('follows a next link up to max_pages', async () => {
    const server = await site((request) => {
      const page = Number(request.url.match(/^\/list\/(\d+)$/)?.[1]);
      if (!page) return null;
      const next = `<a class="next" href="/list/${page + 1}">下一页</a>`;
      return { headers: HTML, body: listPage([[`n${page}`, `第${page}页`, '2026-1-1']], next) };
    });
    const pass = await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: {
        ...BASE,
        url: `${server.url}/list/1`,
        max_pages: 3,
        paging: { scheme: 'next_link', link: 'a.next@href' },
      },
    });
    expect(server.seen.map((request) => request.url)).toEqual(['/list/1', '/list/2', '/list/3']);
    expect(pass.posts).toHaveLength(3);
  });

  it('pages TRS index_N.html by the count in createPageHTML or countPage', async () => {
    const countPage =
      '<script>var countPage = 2;var currentPage = 0;createPageHTML(countPage, currentPage, "index", "html");</script>';
    const server = await site((request) =>
      /^\/col\/index(_\d+)?\.shtml$/.test(request.url)
        ? { headers: HTML, body: listPage([[request.url.slice(5, -6), '信', '2026-1-1']], countPage) }
        : null,
    );
    await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: { ...BASE, url: `${server.url}/col/index.shtml`, max_pages: 9, paging: { scheme: 'index_n' } },
    });
    expect(server.seen.map((request) => request.url)).toEqual(['/col/index.shtml', '/col/index_1.shtml']);
  });

  it('stops paging at a page whose posts are all known', async () => {
    const server = await site((request) =>
      request.url.startsWith('/list?page=')
        ? { headers: HTML, body: listPage([['k1', '旧信', '2026-1-1']]) }
        : null,
    );
    const pass = await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: { ...BASE, url: `${server.url}/list?page={page}`, paging: { scheme: 'page_param' } },
      knownIds: ['fixture:k1'],
    });
    expect(pass.posts.map((post) => post.id)).toEqual(['fixture:k1']);
    expect(server.seen).toHaveLength(1);
  });
});

describe('generic-html detail pages', () => {
  const DETAIL = {
    frame: 'div.letter',
    fields: {
      title: { label: '标题' },
      author: { label: '来信人' },
      published_at: { label: '来信时间' },
      text: { label: '内容' },
      status: { label: '状态' },
      reply_org: { label: ['答复单位', '回复单位'] },
      reply_time: { label: '答复时间' },
      reply_text: { label: '答复内容', blank_if: '^暂无' },
      extra: { 诉求类型: { label: '类型' } },
    },
  };
  const LETTER = letterPage(`<dl><dt>标题：</dt><dd>某公司拖欠保洁员工资两个月</dd>
<dt>来信人：</dt><dd>陈**</dd><dt>来信时间：</dt><dd>2026年01月05日 09:30</dd><dt>类型：</dt><dd>投诉</dd></dl>
<table><tr><th>内容</th><td><p>公司以资金紧张为由拖欠工资。</p><p>请求督促支付。</p></td></tr>
<tr><th>状态</th><td>已办结</td></tr></table>
<p><span>回复单位：</span>区人社局</p><p>答复时间：2026-01-08</p><div>答复内容：<br>已督促该公司于1月7日支付全部工资。</div>`);

  const detailSite = (letter: (id: string) => FixtureResponse | null) =>
    site((request) => {
      if (request.url === '/list') {
        return {
          headers: HTML,
          body: listPage([
            ['d1', '某公司拖欠保洁员工资两...', '2026-1-5'],
            ['d2', '另一封信...', '2026-1-4'],
          ]),
        };
      }
      const id = request.url.match(/^\/letter\/(\w+)$/)?.[1];
      return id ? letter(id) : null;
    });

  it('completes the list version with the detail, with replies as labelled lines of the text', async () => {
    const server = await detailSite((id) => (id === 'd1' ? { headers: HTML, body: LETTER } : null));
    const pass = await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: { ...BASE, url: `${server.url}/list`, detail: DETAIL, place_hints: ['某区 区长信箱'] },
      sourceId: 'board',
    });
    expect(pass.posts.find((post) => post.id === 'board:d1')).toMatchObject({
      url: `${server.url}/letter/d1`,
      author: '陈**',
      published_at: '2026-01-05T09:30:00+08:00',
      title: '某公司拖欠保洁员工资两个月',
      text: [
        '公司以资金紧张为由拖欠工资。',
        '请求督促支付。',
        '【状态】已办结',
        '【答复单位】区人社局',
        '【答复时间】2026-01-08',
        '【答复】已督促该公司于1月7日支付全部工资。',
        '【诉求类型】投诉',
      ].join('\n'),
      place_hints: ['某区 区长信箱'],
    });
  });

  it('keeps the list version when a detail page fails, or is not a letter page', async () => {
    const server = await detailSite((id) =>
      id === 'd1'
        ? { status: 500, body: 'oops' }
        : { headers: HTML, body: '<html><body>该信件不存在</body></html>' },
    );
    const pass = await crawlFixtures({
      adapter: genericHtmlAdapter,
      options: { ...BASE, url: `${server.url}/list`, detail: DETAIL },
    });
    expect(pass.posts.map((post) => [post.id, post.title, post.text])).toEqual([
      ['fixture:d1', '某公司拖欠保洁员工资两...', '某公司拖欠保洁员工资两...'],
      ['fixture:d2', '另一封信...', '另一封信...'],
    ]);
    expect(pass.result).toMatchObject({ found: 2, detailFailures: 2, degraded: 1 });
  });
});

describe('generic-html reading', () => {
  const options = (extra: Record<string, unknown> = {}): GenericHtmlOptions =>
    genericHtmlAdapter.optionsSchema.parse({ ...BASE, url: 'http://board.test/list', ...extra });
  const pageOf = (body: string): FetchedPage => ({
    request: { url: 'http://board.test/list', purpose: 'list', page: 1 },
    url: 'http://board.test/list',
    status: 200,
    contentType: 'text/html',
    charset: 'utf-8',
    body,
    fetchedAt: new Date('2026-01-10T02:00:00Z'),
  });

  it('reports rows it cannot read, keeps a row with an unreadable time, and never throws on them', () => {
    const parsed = genericHtmlAdapter.parse(
      pageOf(`<table class="letters">
<tr><td><a href="/letter/x1">好的</a></td><td>上周</td></tr>
<tr><td><a href="/elsewhere">无编号</a></td><td>2026-1-1</td></tr>
<tr><td><a href="/letter/x3"> </a></td><td>2026-1-1</td></tr></table>`),
      { sourceId: 'b', options: options() },
    );
    expect(parsed.posts.map((post) => [post.id, post.published_at])).toEqual([
      ['b:x1', '2026-01-10T10:00:00+08:00'],
    ]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        item: 0,
        severity: 'degraded',
        reason: 'item x1: unreadable time "上周", fetch time used',
      }),
      expect.objectContaining({ item: 1, severity: 'dropped', reason: 'no id' }),
      expect.objectContaining({ item: 2, severity: 'dropped', reason: 'item x3: no text and no title' }),
    ]);
  });

  it('throws MalformedPageError for a list page without its frame, so it is never "no posts"', () => {
    expect(() =>
      genericHtmlAdapter.parse(pageOf('<html><body>系统维护中</body></html>'), {
        sourceId: 'b',
        options: options({ frame: 'table.letters' }),
      }),
    ).toThrow(MalformedPageError);
  });

  it('fails the pass on a malformed list page, through the real fetcher', async () => {
    const server = await site(() => ({ headers: HTML, body: '<html><body>请登录</body></html>' }));
    await expect(
      crawlFixtures({
        adapter: genericHtmlAdapter,
        options: { ...BASE, url: `${server.url}/list`, frame: 'table.letters' },
      }),
    ).rejects.toThrow(MalformedPageError);
  });

  it('reads a Hanweb datastore as xml-records, and refuses a body that is not one', () => {
    const xml = fixture('gov_letters/hanweb_dataproxy_1-3.documented-shape.xml').toString('utf8');
    const hanweb = options({
      item: undefined,
      list_format: 'xml-records',
      fields: {
        id: { css: 'a@href', regex: 'art_\\d+_(\\d+)' },
        title: 'a@title',
        link: 'a@href',
        published_at: 'span',
      },
    });
    const parsed = genericHtmlAdapter.parse(pageOf(xml), { sourceId: 'h', options: hanweb });
    expect(parsed.posts.map((post) => [post.id, post.url, post.published_at])).toEqual([
      ['h:58123456', 'http://board.test/art/2026/1/6/art_1559772_58123456.html', '2026-01-06T00:00:00+08:00'],
      ['h:58120001', 'http://board.test/art/2026/1/2/art_1559772_58120001.html', '2026-01-02T00:00:00+08:00'],
      [
        'h:58110303',
        'http://board.test/art/2025/12/30/art_1559772_58110303.html',
        '2025-12-30T00:00:00+08:00',
      ],
    ]);
    expect(() =>
      genericHtmlAdapter.parse(pageOf('<html>error</html>'), { sourceId: 'h', options: hanweb }),
    ).toThrow(MalformedPageError);
  });

  it.each([
    ['<table><tr><td><div>答复单位：</div></td><td>县人社局</td></tr></table>', '县人社局'],
    ['<table><tr><th>答复单位</th><td> 县人社局 </td></tr></table>', '县人社局'],
    ['<dl><dt>答复单位:</dt><dd>县人社局</dd></dl>', '县人社局'],
    ['<p><b>答复单位：</b>县人社局</p>', '县人社局'],
    ['<div><span>答复单位：县人社局</span><span>答复时间：2026-1-8</span></div>', '县人社局'],
    ['<table><tr><td>答复单位：</td><td></td></tr><tr><td>来信人：</td><td>王**</td></tr></table>', null],
    ['<p>无此字段</p>', null],
  ])('reads a labelled value from %s', (html, expected) => {
    const $ = cheerio.load(html);
    expect(readHtmlField($, $.root(), { label: ['回复单位', '答复单位'] })).toBe(expected);
  });
});

describe('generic-html options', () => {
  const issues = (options: Record<string, unknown>) => {
    const parsed = genericHtmlAdapter.optionsSchema.safeParse({
      ...BASE,
      url: 'http://board.test/list',
      ...options,
    });
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts the smallest config and fills in defaults', () => {
    expect(genericHtmlAdapter.optionsSchema.parse({ ...BASE, url: 'http://board.test/list' })).toMatchObject({
      method: 'GET',
      query_charset: 'utf-8',
      max_pages: 3,
      list_format: 'html',
      paging: { scheme: 'none' },
      place_hints: [],
    });
  });

  it.each([
    ['no item selector', { item: undefined }, 'item: required: the selector of one list item'],
    ['an item selector that does not parse', { item: 'tr:has(a' }, 'item: not a valid CSS selector'],
    ['no id field', { fields: { ...BASE.fields, id: undefined } }, 'fields.id: required'],
    [
      'a regex that does not compile',
      { fields: { ...BASE.fields, id: { css: 'a@href', regex: '(\\d+' } } },
      'fields.id.regex: not a valid regular expression',
    ],
    [
      'a selector with two @',
      { fields: { ...BASE.fields, title: 'a@@title' } },
      'fields.title: use "css", "css@attribute" or "@attribute"',
    ],
    [
      'a field selector that does not parse',
      { fields: { ...BASE.fields, title: 'a[title@title' } },
      'fields.title: not a valid CSS selector',
    ],
    [
      'page_param without a page template variable',
      { paging: { scheme: 'page_param' } },
      'url: page_param paging needs {page}, {start}, {end} or {offset} in the url or body',
    ],
    [
      'index_n on a URL that is not index.html',
      { paging: { scheme: 'index_n' } },
      'url: index_n paging needs a URL ending in index.html',
    ],
    [
      'a record total without per_page',
      { paging: { scheme: 'page_param', total_records: '(\\d+)' }, url: 'http://b.test/l?p={page}' },
      'paging.per_page: a total in records needs per_page to become a page count',
    ],
    [
      'keywords with nothing to fill',
      { keywords: ['欠薪'] },
      'keywords: the url and body have no {keyword} to fill',
    ],
    [
      'a {keyword} without keywords',
      { url: 'http://board.test/s?kw={keyword}' },
      'keywords: required: the url or body has {keyword}',
    ],
    ['a URL that is not http(s)', { url: 'ftp://board.test/list' }, 'url: must be an http(s) URL'],
    [
      'an unknown charset',
      { query_charset: 'klingon' },
      'query_charset: unknown charset (try utf-8, gbk, gb2312, gb18030, big5)',
    ],
    [
      'an unknown paging scheme',
      { paging: { scheme: 'sideways' } },
      expect.stringMatching(/^paging\.scheme: /),
    ],
  ])('names the field for %s', (_name, options, message) => {
    expect(issues(options)).toEqual([message]);
  });
});
