import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/events/event-record.ts';
import { buildHttpServer } from '../../src/http/server.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { type SignedIn, signedIn } from '../helpers/signed-in.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** Six events across levels, towns, states and days (last seen on 11-20 + n). */
const EVENTS: Partial<EventRecord>[] = [
  { id: 'ev-1', level: 'red', town: '河口镇', status: 'open', title: '河口镇安置房项目讨薪' },
  { id: 'ev-2', level: 'orange', town: '石桥镇', status: 'acknowledged', title: '石桥镇砖厂拖欠工资' },
  { id: 'ev-3', level: 'yellow', town: '河口镇', status: 'resolved', title: '河口镇餐馆欠薪' },
  {
    id: 'ev-4',
    level: 'blue',
    town: null,
    status: 'open',
    title: '网友咨询劳动仲裁',
    summary: '询问 Arbitration 流程',
  },
  { id: 'ev-5', level: 'orange', town: '河口镇', status: 'open', title: '河口镇物流园临时工' },
  { id: 'ev-6', level: 'red', town: '石桥镇', status: 'open', title: '石桥镇工地农民工聚集' },
];

describe('GET /api/events: filters and paging on the server', () => {
  let store: Store;
  let app: FastifyInstance;
  let duty: SignedIn;
  beforeEach(async () => {
    store = createEmbeddedStore({
      file: join(await tempDir(), 'ev.sqlite'),
      tokenizeForIndex: (t) => [t],
      tokenizeForQuery: (t) => [t],
    });
    for (const [index, over] of EVENTS.entries()) {
      const day = String(21 + index);
      const event = sampleEvent({
        summary: '摘要',
        ...over,
        first_seen: `2026-11-${day}T08:00:00+08:00`,
        last_seen: `2026-11-${day}T18:00:00+08:00`,
      });
      await store.putRecord('event', event.id, event, null);
    }
    app = await buildHttpServer({ store, linkKey: null });
    duty = await signedIn(app, store, 'duty', 'monitor');
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  const ids = async (query: string) => {
    const res = await duty.call({ method: 'GET', url: `/api/events${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((item) => item.id);
  };

  it('lists unresolved events by default, highest level then latest, with the total and the page', async () => {
    const res = await duty.call({ method: 'GET', url: '/api/events' });
    expect(res.json()).toMatchObject({ total: 5, page: 1, page_size: 50 });
    expect(res.json().items.map((e: EventRecord) => e.id)).toEqual(['ev-6', 'ev-1', 'ev-5', 'ev-2', 'ev-4']);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(
      [
        'amount_yuan',
        'first_seen',
        'id',
        'last_seen',
        'level',
        'post_count',
        'sources',
        'status',
        'summary',
        'title',
        'town',
        'workers',
      ].sort(),
    );
  });

  it('filters by status, several levels, town, words and the days seen', async () => {
    expect(await ids('?status=all')).toHaveLength(6);
    expect(await ids('?status=open')).toEqual(['ev-6', 'ev-1', 'ev-5', 'ev-4']);
    expect(await ids('?status=acknowledged')).toEqual(['ev-2']);
    expect(await ids('?status=resolved')).toEqual(['ev-3']);
    expect(await ids('?level=red,blue')).toEqual(['ev-6', 'ev-1', 'ev-4']);
    expect(await ids(`?town=${encodeURIComponent('河口镇')}&status=all`)).toEqual(['ev-1', 'ev-5', 'ev-3']);
    expect(await ids(`?q=${encodeURIComponent('拖欠')}`)).toEqual(['ev-2']);
    // The summary counts too, and Latin letters match in any case.
    expect(await ids('?q=arbitration')).toEqual(['ev-4']);
    // A day is a whole Shanghai day; a time is taken as it is.
    expect(await ids('?since=2026-11-24&until=2026-11-25')).toEqual(['ev-5', 'ev-4']);
    expect(await ids(`?since=${encodeURIComponent('2026-11-26T00:00:00+08:00')}`)).toEqual(['ev-6']);
    expect(await ids('?until=2026-11-21')).toEqual(['ev-1']);
  });

  it('pages through what the filters keep', async () => {
    const first = (await duty.call({ method: 'GET', url: '/api/events?status=all&page_size=4' })).json();
    expect(first).toMatchObject({ total: 6, page: 1, page_size: 4 });
    expect(first.items).toHaveLength(4);
    const second = (
      await duty.call({ method: 'GET', url: '/api/events?status=all&page_size=4&page=2' })
    ).json();
    expect(second.items.map((e: EventRecord) => e.id)).toEqual(['ev-3', 'ev-4']);
    expect(await ids('?status=all&page_size=4&page=3')).toEqual([]);
  });

  it('refuses a bad query with 400, naming the field in Chinese', async () => {
    const problems: [string, string][] = [
      ['?level=purple', 'level'],
      ['?status=closed', 'status'],
      ['?page_size=500', 'page_size'],
      ['?page=0', 'page'],
      ['?since=yesterday', 'since'],
      ['?since=2026-11-25&until=2026-11-20', 'until'],
      ['?limit=10', 'limit'],
    ];
    for (const [query, field] of problems) {
      const res = await duty.call({ method: 'GET', url: `/api/events${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().code).toBe('invalid_query');
      expect(res.json().message, query).toMatch(/^查询参数有误：/);
      expect(res.json().message, query).toContain(field);
    }
    expect((await duty.call({ method: 'GET', url: '/api/events?page_size=500' })).json().message).toBe(
      '查询参数有误：page_size 须为 1–200 的整数',
    );
  });
});
