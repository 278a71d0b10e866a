import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SourceAdapter } from '../../crawlers/adapters/source-adapter.ts';
import type { Post } from '../../src/domain/post.ts';
import { NO_METRICS } from '../../src/domain/post.ts';
import { crawlFixtures, startFixtureSite } from '../helpers/crawl-fixtures.ts';

/**
 * A tiny JSON source to test the pass itself: `/list?page=N` gives ids; a post whose id ends in
 * "L" has long text behind `/detail/<id>`. `{"blocked":true}` is the site's login answer.
 */
const options = z.strictObject({ base_url: z.string() });
type Options = z.infer<typeof options>;

const post = (id: string, text: string, fetchedAt: Date): Post => ({
  id: `t:${id}`,
  source: 't',
  url: `http://t.test/${id}`,
  author: null,
  published_at: '2026-11-26T09:00:00+08:00',
  fetched_at: fetchedAt.toISOString().replace('Z', '+00:00'),
  title: null,
  text,
  metrics: NO_METRICS,
  place_hints: [],
});

const testAdapter: SourceAdapter<Options> = {
  kind: 'test-json',
  optionsSchema: options,
  start: ({ options: o }) => [{ url: `${o.base_url}/list?page=1`, purpose: 'list', page: 1 }],
  parse(page, { options: o }) {
    const data = JSON.parse(page.body) as { blocked?: boolean; ids?: string[]; text?: string; id?: string };
    if (data.blocked)
      return {
        posts: [],
        next: [],
        problems: [],
        blocked: { reason: 'credential_expired', detail: 'login page' },
      };
    if (page.request.purpose === 'detail')
      return {
        posts: data.text ? [post(data.id as string, data.text, page.fetchedAt)] : [],
        next: [],
        problems: [],
      };
    const ids = data.ids ?? [];
    const short = ids.filter((id) => !id.endsWith('L'));
    const long = ids.filter((id) => id.endsWith('L'));
    return {
      posts: short.map((id) => post(id, `短文${id}`, page.fetchedAt)),
      next: [
        ...long.map((id) => ({
          url: `${o.base_url}/detail/${id}`,
          purpose: 'detail' as const,
          page: 1,
          partial: post(id, `摘要${id}`, page.fetchedAt),
        })),
        ...(ids.length > 0
          ? [
              {
                url: `${o.base_url}/list?page=${page.request.page + 1}`,
                purpose: 'list' as const,
                page: page.request.page + 1,
              },
            ]
          : []),
      ],
      problems: [],
    };
  },
};

const LIST: Record<string, string[]> = { '1': ['a', 'bL', 'c'], '2': ['d', 'e'], '3': ['f'], '4': [] };

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function site(detail: (id: string) => { status?: number; body: string }) {
  const server = await startFixtureSite((request) => {
    const list = request.url.match(/^\/list\?page=(\d+)$/);
    if (list)
      return {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ids: LIST[list[1] as string] ?? [] }),
      };
    const id = request.url.match(/^\/detail\/(\w+)$/)?.[1];
    if (id) return { headers: { 'content-type': 'application/json' }, ...detail(id) };
    return null;
  });
  close = server.close;
  return server;
}

describe('a collection pass', () => {
  it('follows pages to the end and fetches details for long posts', async () => {
    const server = await site((id) => ({ body: JSON.stringify({ id, text: `全文${id}` }) }));
    const pass = await crawlFixtures({ adapter: testAdapter, options: { base_url: server.url } });
    expect(pass.posts.map((p) => `${p.id}=${p.text}`).sort()).toEqual([
      't:a=短文a',
      't:bL=全文bL',
      't:c=短文c',
      't:d=短文d',
      't:e=短文e',
      't:f=短文f',
    ]);
    expect(pass.result).toMatchObject({ pages: 5, found: 6, blocked: null, detailFailures: 0 });
  });

  it('stops paging at a list page that holds only known posts', async () => {
    const server = await site((id) => ({ body: JSON.stringify({ id, text: `全文${id}` }) }));
    const pass = await crawlFixtures({
      adapter: testAdapter,
      options: { base_url: server.url },
      knownIds: ['t:d', 't:e', 't:f'],
    });
    expect(pass.posts.map((p) => p.id).sort()).toEqual(['t:a', 't:bL', 't:c', 't:d', 't:e']);
    expect(server.seen.map((r) => r.url)).not.toContain('/list?page=3');
  });

  it('keeps the list version of a post whose detail page fails', async () => {
    const server = await site(() => ({ status: 404, body: '{}' }));
    const pass = await crawlFixtures({ adapter: testAdapter, options: { base_url: server.url } });
    expect(pass.posts.find((p) => p.id === 't:bL')?.text).toBe('摘要bL');
    expect(pass.result.detailFailures).toBe(1);
  });

  it('keeps the list version of a post whose detail page cannot be read', async () => {
    const server = await site(() => ({ body: '{"id": "bL", "text": ' }));
    const pass = await crawlFixtures({ adapter: testAdapter, options: { base_url: server.url } });
    expect(pass.posts.find((p) => p.id === 't:bL')?.text).toBe('摘要bL');
    expect(pass.result.detailFailures).toBe(1);
  });

  it('reports a block page instead of "no posts", and stops', async () => {
    const server = await startFixtureSite(() => ({ body: JSON.stringify({ blocked: true }) }));
    close = server.close;
    const pass = await crawlFixtures({ adapter: testAdapter, options: { base_url: server.url } });
    expect(pass.result.blocked).toEqual({ reason: 'credential_expired', detail: 'login page' });
    expect(server.seen).toHaveLength(1);
  });

  it('stops at the request cap and says so', async () => {
    const server = await site((id) => ({ body: JSON.stringify({ id, text: `全文${id}` }) }));
    const pass = await crawlFixtures({
      adapter: testAdapter,
      options: { base_url: server.url },
      maxRequests: 2,
    });
    expect(pass.result).toMatchObject({ pages: 2, truncated: true });
  });
});
