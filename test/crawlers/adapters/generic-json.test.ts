import { afterEach, describe, expect, it } from 'vitest';
import { readItems, readPath } from '../../../crawlers/adapters/generic/dotted-path.ts';
import { jsObjectToJson, parseJsObject } from '../../../crawlers/adapters/generic/js-object.ts';
import { genericJsonAdapter } from '../../../crawlers/adapters/generic-json.ts';
import { type FetchedPage, MalformedPageError } from '../../../crawlers/page.ts';
import {
  crawlFixtures,
  type FixtureResponse,
  fixture,
  type SeenRequest,
  startFixtureSite,
} from '../../helpers/crawl-fixtures.ts';

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };
const json = (value: unknown): FixtureResponse => ({ headers: JSON_TYPE, body: JSON.stringify(value) });

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

describe('the JS object normaliser', () => {
  it.each([
    [
      'unquoted keys and single quotes',
      "{page:{pageNo:1},result:[{id:'a'}]}",
      { page: { pageNo: 1 }, result: [{ id: 'a' }] },
    ],
    ['colons, commas and braces inside strings', "{t:'时间: 10:30, {x}'}", { t: '时间: 10:30, {x}' }],
    ['double quotes inside single quotes', `{t:'关于"讨薪"问题'}`, { t: '关于"讨薪"问题' }],
    ['escaped single quotes', "{t:'it\\'s'}", { t: "it's" }],
    ['single quotes inside double quotes', `{"t":"it's"}`, { t: "it's" }],
    [
      'escapes: \\n \\t \\\\ \\x41 \\u4e2d \\u{1F600}',
      "{t:'a\\nb\\tc\\\\d\\x41\\u4e2d\\u{1F600}'}",
      { t: 'a\nb\tc\\dA中😀' },
    ],
    ['a line continuation', "{t:'one \\\ntwo'}", { t: 'one two' }],
    ['trailing commas', '{a:[1,2,],b:{c:1,},}', { a: [1, 2], b: { c: 1 } }],
    ['comments', "{a:1, // note\n/* block: 'x' */ b:2}", { a: 1, b: 2 }],
    ['numeric keys and $ keys', "{1:'one',$x:true,_y:null}", { '1': 'one', $x: true, _y: null }],
    [
      'undefined, NaN and numbers JSON cannot write',
      '{a:undefined,b:NaN,c:+1,d:.5,e:-2e3}',
      { a: null, b: null, c: 1, d: 0.5, e: -2000 },
    ],
    ['a trailing semicolon and spaces', "  {a:'b'};  \n", { a: 'b' }],
    ['valid JSON, unchanged', '{"a":[{"b":"c:d"}]}', { a: [{ b: 'c:d' }] }],
  ])('reads %s', (_name, text, expected) => {
    expect(parseJsObject(text)).toEqual(expected);
  });

  it('keeps long numbers digit for digit in the JSON text', () => {
    expect(jsObjectToJson('{id:12345678901234567890}')).toBe('{"id":12345678901234567890}');
  });

  it.each([
    ['an unterminated string', "{a:'open}", /unterminated string/],
    ['a string broken by a newline', "{a:'one\ntwo'}", /unterminated string/],
    ['a bare word as a value', '{a:foo}', /unexpected word "foo"/],
    ['an unterminated comment', '{a:1 /* x', /unterminated comment/],
  ])('refuses %s with a SyntaxError', (_name, text, message) => {
    expect(() => jsObjectToJson(text)).toThrow(message);
  });
});

describe('the dotted path reader', () => {
  const root = {
    data: {
      rows: [
        { id: 1, reply: [{ content: 'a' }, { content: 'b' }] },
        { id: 2, reply: [] },
      ],
      total: 2,
    },
    main: { sn: 'S1' },
    empty: null,
  };
  it.each([
    ['data.total', [2]],
    ['main.sn', ['S1']],
    ['data.rows.1.id', [2]],
    ['data.rows[].id', [1, 2]],
    ['data.rows[].reply[].content', ['a', 'b']],
    ['data.missing.x', []],
    ['main.sn.length', []],
    ['data.rows.id', []],
  ])('%s', (path, expected) => {
    expect(readPath(root, path)).toEqual(expected);
  });

  it('finds the item array, an empty list, or says there is none', () => {
    expect(readItems(root, 'data.rows')).toHaveLength(2);
    expect(readItems(root, 'data.rows[]')).toHaveLength(2);
    expect(readItems(root, 'empty')).toEqual([]);
    expect(readItems(root, 'main')).toBeNull();
    expect(readItems(root, 'nothing')).toBeNull();
  });
});

describe('generic-json lists', () => {
  const FIELDS = {
    id: 'tid',
    title: 'subject',
    text: 'content',
    published_at: 'dateline',
    author: 'nickName',
  };

  it('pages by a page number in the query until the total in records is reached', async () => {
    const rows = (page: number) =>
      [1, 2].map((n) => ({
        tid: `${page}${n}`,
        subject: `标题${page}${n}`,
        content: '拖欠工资',
        dateline: 1767577800,
      }));
    const server = await site((request) => {
      const page = Number(request.url.match(/^\/api\/list\?p=(\d+)&size=2$/)?.[1]);
      return page ? json({ code: 0, data: { total: 3, list: rows(page) } }) : null;
    });
    const pass = await crawlFixtures({
      adapter: genericJsonAdapter,
      options: {
        url: `${server.url}/api/list?p={page}&size=2`,
        items: 'data.list',
        fields: FIELDS,
        max_pages: 9,
        paging: { scheme: 'page_param', per_page: 2, total_records_path: 'data.total' },
      },
      sourceId: 'board',
    });
    expect(server.seen.map((request) => request.url)).toEqual([
      '/api/list?p=1&size=2',
      '/api/list?p=2&size=2',
    ]);
    // No link and no detail: the post points at the list, anchored by its id.
    expect(pass.posts[0]).toMatchObject({
      id: 'board:11',
      url: `${server.url}/api/list?p=1&size=2#11`,
      title: '标题11',
      text: '拖欠工资',
      published_at: '2026-01-05T09:50:00+08:00',
    });
  });

  it('posts a JSON body with the page as a number and follows a keyset (领导留言板 lastItem)', async () => {
    const server = await site((request) => {
      const { lastItem } = JSON.parse(request.body) as { lastItem: string };
      const pages: Record<string, object[]> = {
        '': [
          { tid: 30, subject: '三' },
          { tid: 29, subject: '二' },
        ],
        '29': [{ tid: 28, subject: '一' }],
      };
      return json({ resultData: { data: pages[lastItem] ?? [] } });
    });
    const pass = await crawlFixtures({
      adapter: genericJsonAdapter,
      options: {
        url: `${server.url}/v1/threads/list/df`,
        method: 'POST',
        headers: { Referer: 'https://liuyan.people.com.cn/threads/list?fid=539' },
        body: { fid: 539, lastItem: '{last}', position: '0', rows: 2 },
        items: 'resultData.data',
        fields: { id: 'tid', title: 'subject' },
        max_pages: 9,
        paging: { scheme: 'keyset', last_item_from: 'tid', per_page: 2 },
      },
    });
    expect(server.seen.map((request) => [request.method, request.body])).toEqual([
      ['POST', '{"fid":539,"lastItem":"","position":"0","rows":2}'],
      ['POST', '{"fid":539,"lastItem":"29","position":"0","rows":2}'],
    ]);
    expect(server.seen[0]?.headers).toMatchObject({
      'content-type': 'application/json;charset=UTF-8',
      referer: 'https://liuyan.people.com.cn/threads/list?fid=539',
    });
    expect(pass.posts.map((post) => post.id)).toEqual(['fixture:30', 'fixture:29', 'fixture:28']);
  });

  it('posts a form body with the keyword encoded in the query charset', async () => {
    const server = await site(() => json({ rows: [] }));
    await crawlFixtures({
      adapter: genericJsonAdapter,
      options: {
        url: `${server.url}/search`,
        method: 'POST',
        body: 'kw={keyword}&page={page}',
        keywords: ['欠薪'],
        query_charset: 'gb18030',
        items: 'rows',
        fields: { id: 'id' },
        paging: { scheme: 'page_param' },
      },
    });
    expect(server.seen.map((request) => [request.body, request.headers['content-type']])).toEqual([
      ['kw=%C7%B7%D0%BD&page=1', 'application/x-www-form-urlencoded'],
    ]);
  });

  it('stops paging at a page whose posts are all known', async () => {
    const server = await site(() => json({ rows: [{ id: 7, title: '旧' }] }));
    await crawlFixtures({
      adapter: genericJsonAdapter,
      options: {
        url: `${server.url}/list?page={page}`,
        items: 'rows',
        fields: { id: 'id', title: 'title' },
        paging: { scheme: 'page_param' },
      },
      knownIds: ['fixture:7'],
    });
    expect(server.seen.map((request) => request.url)).toEqual(['/list?page=1']);
  });
});

describe('generic-json details', () => {
  const LIST = {
    data: {
      rows: [
        { id: 1, title: '工地欠薪', created_at: '2026-01-05 10:00:00' },
        { id: 2, title: '厂里欠薪', created_at: '2026-1-4' },
      ],
    },
  };
  const options = (url: string) => ({
    url: `${url}/list`,
    items: 'data.rows',
    fields: { id: 'id', title: 'title', published_at: 'created_at' },
    detail: {
      url: { template: `${url}/detail?id={id}` },
      format: 'json',
      fields: {
        text: 'data.content',
        reply_org: 'data.reply[].name',
        reply_text: 'data.reply[].content',
        extra: { 附件: { path: 'data.files[].name', blank_if: '^无$' } },
      },
    },
  });

  it('completes each item from its JSON detail; HTML inside strings is read as text', async () => {
    const server = await site((request) => {
      if (request.url === '/list') return json(LIST);
      if (request.url === '/detail?id=1')
        return json({
          data: {
            content: '<p>拖欠&nbsp;3个月</p><p>共12人</p>',
            reply: [
              { name: '县人社局', content: '已立案' },
              { name: '县住建局', content: '已约谈' },
            ],
            files: [{ name: '无' }],
          },
        });
      if (request.url === '/detail?id=2') return { headers: JSON_TYPE, body: '{"data":{"content":' };
      return null;
    });
    const pass = await crawlFixtures({ adapter: genericJsonAdapter, options: options(server.url) });
    expect(pass.posts.map((post) => [post.id, post.url, post.text, post.published_at])).toEqual([
      [
        'fixture:1',
        `${server.url}/detail?id=1`,
        '拖欠 3个月\n共12人\n【答复单位】县人社局 县住建局\n【答复】已立案\n已约谈',
        '2026-01-05T10:00:00+08:00',
      ],
      // A truncated detail body: the list version is kept.
      ['fixture:2', `${server.url}/detail?id=2`, '厂里欠薪', '2026-01-04T00:00:00+08:00'],
    ]);
    expect(pass.result).toMatchObject({ found: 2, detailFailures: 1, degraded: 1 });
  });

  it('asks for a detail by POST with a JSON body filled from the item', async () => {
    const server = await site((request) => {
      if (request.url === '/list') return json({ rows: [{ tid: 'a"1', subject: '欠薪' }] });
      if (request.url === '/content' && request.method === 'POST')
        return json({ content: `回复${request.body}` });
      return null;
    });
    const pass = await crawlFixtures({
      adapter: genericJsonAdapter,
      options: {
        url: `${server.url}/list`,
        items: 'rows',
        fields: { id: 'tid', title: 'subject' },
        detail: {
          url: { template: `${server.url}/content` },
          method: 'POST',
          body: '{"tid":"{tid}","fromTrash":0}',
          format: 'json',
          fields: { text: 'content' },
        },
      },
    });
    const detail = server.seen.find((request) => request.url === '/content');
    expect([detail?.body, detail?.headers['content-type']]).toEqual([
      '{"tid":"a\\"1","fromTrash":0}',
      'application/json;charset=UTF-8',
    ]);
    expect(pass.posts.map((post) => post.text)).toEqual(['回复{"tid":"a\\"1","fromTrash":0}']);
  });

  it('reads a list of JavaScript object text when js_object is set', async () => {
    const server = await site(() => ({
      headers: { 'content-type': 'text/html;charset=UTF-8' },
      body: fixture('gov_letters/beijing_letterListJson_p2.documented-shape.js'),
    }));
    const pass = await crawlFixtures({
      adapter: genericJsonAdapter,
      options: {
        url: `${server.url}/letterListJson.action?page.pageNo={page}`,
        js_object: true,
        items: 'result',
        fields: { id: 'originalId', title: 'letterTitle', published_at: 'writeDate' },
        max_pages: 1,
        paging: { scheme: 'page_param', total_pages_path: 'page.totalPages' },
      },
    });
    expect(pass.posts.map((post) => [post.id, post.title])).toEqual([
      ['fixture:AH26010200011', '建议加大欠薪执法力度'],
    ]);
  });
});

describe('generic-json malformed answers', () => {
  const options = genericJsonAdapter.optionsSchema.parse({
    url: 'http://api.test/list',
    items: 'data.rows',
    fields: { id: 'id', title: 'title' },
  });
  const pageOf = (body: string): FetchedPage => ({
    request: { url: 'http://api.test/list', purpose: 'list', page: 1 },
    url: 'http://api.test/list',
    status: 200,
    contentType: 'application/json',
    charset: 'utf-8',
    body,
    fetchedAt: new Date('2026-01-10T02:00:00Z'),
  });
  const parse = (body: string) => genericJsonAdapter.parse(pageOf(body), { sourceId: 'api', options });

  it('throws MalformedPageError for a truncated body or an answer without the item array', () => {
    expect(() => parse('{"data":{"rows":[')).toThrow(MalformedPageError);
    expect(() => parse('{"code":"SN0006","msg":"数据格式错误"}')).toThrow(/no item array at "data.rows"/);
    expect(() => parse('<html>请登录</html>')).toThrow(/unreadable JSON/);
  });

  it('reads an empty list as no posts, and reports items it cannot use', () => {
    expect(parse('{"data":{"rows":null}}')).toEqual({ posts: [], next: [], problems: [] });
    const parsed = parse('{"data":{"rows":[{"title":"无编号"},{"id":5},{"id":6,"title":"好"}]}}');
    expect(parsed.posts.map((post) => post.id)).toEqual(['api:6']);
    expect(parsed.problems.map((problem) => [problem.item, problem.severity, problem.reason])).toEqual([
      [0, 'dropped', 'no id'],
      [1, 'dropped', 'item 5: no text and no title'],
      [2, 'degraded', 'item 6: unreadable time null, fetch time used'],
    ]);
  });

  it('fails the pass through the real fetcher on a malformed list', async () => {
    const server = await site(() => ({ headers: JSON_TYPE, body: '{"data":' }));
    await expect(
      crawlFixtures({ adapter: genericJsonAdapter, options: { ...options, url: `${server.url}/list` } }),
    ).rejects.toThrow(MalformedPageError);
  });
});

describe('generic-json options', () => {
  const BASE = { url: 'http://api.test/list', items: 'data.rows', fields: { id: 'id' } };
  const issues = (options: Record<string, unknown>) => {
    const parsed = genericJsonAdapter.optionsSchema.safeParse({ ...BASE, ...options });
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it.each([
    ['no items path', { items: undefined }, expect.stringMatching(/^items: /)],
    [
      'a bad items path',
      { items: 'data..rows' },
      'items: use a dotted path such as "data.rows" or "reply[].content"',
    ],
    ['no id', { fields: {} }, 'fields.id: required'],
    [
      'a field with path and template',
      { fields: { id: { path: 'id', template: '{id}' } } },
      'fields.id: give exactly one of path and template',
    ],
    [
      'keyset without {last}',
      { paging: { scheme: 'keyset', last_item_from: 'tid' } },
      'url: keyset paging needs {last} in the url or body',
    ],
    ['a detail without url', { detail: { format: 'json', fields: {} } }, 'detail.url: required'],
    [
      'a detail of an unknown format',
      { detail: { url: 'u', format: 'xml', fields: {} } },
      expect.stringMatching(/^detail\.format: /),
    ],
    [
      'a record total without per_page',
      { url: 'http://a.test/l?p={page}', paging: { scheme: 'page_param', total_records_path: 'total' } },
      'paging.per_page: a total in records needs per_page to become a page count',
    ],
  ])('names the field for %s', (_name, options, message) => {
    expect(issues(options)).toEqual([message]);
  });
});
