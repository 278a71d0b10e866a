import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/auth/accounts.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';
import { testTokenizers } from '../helpers/search-tokenizers.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const PASSWORD = 'Gongzi-Qingling-2027';

describe('舆情检索 over HTTP', () => {
  let store: Store;
  let app: FastifyInstance;
  beforeEach(async () => {
    const { forIndex, forQuery } = testTokenizers();
    store = createEmbeddedStore({
      file: join(await tempDir(), 's.sqlite'),
      tokenizeForIndex: forIndex,
      tokenizeForQuery: forQuery,
    });
    await store.upsertPosts([
      stored(
        samplePost('a', '河口镇安置房项目三十名农民工讨薪，联系电话13812345678。', {
          published_at: '2026-11-25T09:00:00+08:00',
        }),
        sampleClassification({ lead: true, level: 'orange', town: '河口镇' }),
      ),
      stored(
        samplePost('b', '县人社局召开根治欠薪冬季专项行动部署会。', {
          published_at: '2026-11-24T09:00:00+08:00',
        }),
      ),
    ]);
    const body = Buffer.from('<html>讨薪</html>');
    await store.putEvidence({
      post_id: 'forum:a',
      url: 'http://forum.test/posts/a',
      fetched_at: '2026-11-25T09:01:00+08:00',
      content_type: 'text/html',
      sha256: createHash('sha256').update(body).digest('hex'),
      body,
    });
    for (const [username, role, unit] of [
      ['duty', 'monitor', undefined],
      ['hekou', 'unit', '河口镇'],
    ] as const)
      await createAccount(store, {
        username,
        display_name: username,
        role,
        ...(unit ? { unit } : {}),
        password: PASSWORD,
        createdBy: 'first-run',
      });
    app = await buildHttpServer({ store, linkKey: null });
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const login = async (username: string) =>
    Object.fromEntries(
      (
        await app.inject({ method: 'POST', url: '/api/login', payload: { username, password: PASSWORD } })
      ).cookies.map((c) => [c.name, c.value]),
    );

  it('finds posts by Chinese words and filters, highlights the words, masks phones, and shows the captured page', async () => {
    const cookies = await login('duty');
    const found = (
      await app.inject({ method: 'GET', url: '/api/search?q=讨薪&level=orange', cookies })
    ).json();
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ id: 'forum:a', level: 'orange', lead: true, town: '河口镇' });
    expect(found.items[0].highlight).toContain('【讨薪】');
    expect(JSON.stringify(found)).not.toContain('13812345678');
    const byDay = (
      await app.inject({ method: 'GET', url: '/api/search?since=2026-11-24&until=2026-11-24', cookies })
    ).json();
    expect(byDay.items.map((i: { id: string }) => i.id)).toEqual(['forum:b']);
    const detail = (await app.inject({ method: 'GET', url: '/api/posts/forum:a', cookies })).json();
    expect(detail.post.text).toContain('138****5678');
    expect(detail.evidence).toEqual([
      expect.objectContaining({ fetched_at: '2026-11-25T09:01:00+08:00', bytes: 19 }),
    ]);
    expect((await app.inject({ method: 'GET', url: '/api/search?level=purple', cookies })).statusCode).toBe(
      400,
    );
  });

  it('is for the watchers: 401 for nobody, 403 for a unit', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/search?q=讨薪' })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'GET', url: '/api/search?q=讨薪', cookies: await login('hekou') }))
        .statusCode,
    ).toBe(403);
  });
});
