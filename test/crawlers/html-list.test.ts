import { describe, expect, it } from 'vitest';
import { type HtmlListOptions, htmlListAdapter } from '../../crawlers/adapters/html-list.ts';
import type { FetchedPage } from '../../crawlers/page.ts';

const options: HtmlListOptions = htmlListAdapter.optionsSchema.parse({
  url: 'http://forum.test/posts',
  max_pages: 2,
  item: 'article.post',
  fields: {
    id: '@data-id',
    title: 'h2 a',
    text: 'div.body',
    link: 'h2 a@href',
    author: '.author',
    published_at: 'time@datetime',
  },
  next: 'a.next@href',
});

function pageOf(body: string, page = 1): FetchedPage {
  return {
    request: { url: 'http://forum.test/posts', purpose: 'list', page },
    url: 'http://forum.test/posts',
    status: 200,
    contentType: 'text/html',
    charset: 'utf-8',
    body,
    fetchedAt: new Date('2026-11-26T02:00:00Z'),
  };
}

const LIST = `<html><body>
<article class="post" data-id="a1"><h2><a href="/posts/a1">讨薪 &amp; 求助</a></h2><span class="author">老王</span>
  <time datetime="2026-11-26 09:05">今天</time><div class="body">  工地欠薪
  三个月  </div></article>
<article class="post" data-id="a2"><h2><a href="/posts/a2">无时间</a></h2><div class="body">正文</div></article>
<article class="post" data-id="a3"><h2><a href="/posts/a3">空正文</a></h2><div class="body"> </div></article>
<article class="post"><h2><a href="/posts/a4">无编号</a></h2><div class="body">正文</div></article>
<a class="next" href="/posts?page=2">下一页</a>
</body></html>`;

describe('html-list adapter', () => {
  const parsed = htmlListAdapter.parse(pageOf(LIST), { sourceId: 'forum', options });

  it('turns items into posts with stable ids, absolute urls, decoded text and +08:00 times', () => {
    expect(parsed.posts[0]).toEqual({
      id: 'forum:a1',
      source: 'forum',
      url: 'http://forum.test/posts/a1',
      author: '老王',
      published_at: '2026-11-26T09:05:00+08:00',
      fetched_at: '2026-11-26T10:00:00+08:00',
      title: '讨薪 & 求助',
      text: '工地欠薪 三个月',
      metrics: { reposts: null, comments: null, likes: null },
      place_hints: [],
    });
  });

  it('keeps a post without a readable time, using the fetch time, and says so', () => {
    expect(parsed.posts[1]).toMatchObject({ id: 'forum:a2', published_at: '2026-11-26T10:00:00+08:00' });
    expect(parsed.problems).toContainEqual(expect.objectContaining({ item: 1, severity: 'degraded' }));
  });

  it('reports every item it could not read, with the reason, instead of dropping it silently', () => {
    expect(parsed.posts).toHaveLength(2);
    expect(parsed.problems.filter((p) => p.severity === 'dropped')).toEqual([
      expect.objectContaining({ item: 2, reason: 'item a3: no text at "div.body"' }),
      expect.objectContaining({ item: 3, reason: 'no id at "@data-id"' }),
    ]);
  });

  it('follows the next link up to max_pages', () => {
    expect(parsed.next).toEqual([{ url: 'http://forum.test/posts?page=2', purpose: 'list', page: 2 }]);
    expect(htmlListAdapter.parse(pageOf(LIST, 2), { sourceId: 'forum', options }).next).toEqual([]);
  });

  it('reads a page with no items as empty, not as an error', () => {
    expect(
      htmlListAdapter.parse(pageOf('<html><body><p>暂无内容</p></body></html>'), {
        sourceId: 'forum',
        options,
      }),
    ).toEqual({
      posts: [],
      next: [],
      problems: [],
    });
  });
});
