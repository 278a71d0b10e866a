import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.ts';
import type { Store } from '../../src/store/store.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';

/**
 * What every store adapter must do. The embedded adapter runs it always; the Elasticsearch
 * adapter runs the same suite when ELASTICSEARCH_URL names a cluster.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });
    const ids = async (query: Parameters<Store['searchPosts']>[0]) =>
      (await store.searchPosts(query)).hits.map((hit) => hit.post.id).sort();

    describe('posts', () => {
      it('inserts once, reports a replay as unchanged, and updates an edit', async () => {
        const post = samplePost('1', '河口镇工地拖欠农民工工资');
        expect(await store.upsertPosts([stored(post)])).toEqual(['inserted']);
        expect(await store.upsertPosts([stored(post)])).toEqual(['unchanged']);
        const edited = { ...post, text: '河口镇工地拖欠农民工工资，已有三个月' };
        expect(await store.upsertPosts([stored(edited)])).toEqual(['updated']);
        expect(await store.countPosts()).toBe(1);
        expect((await store.getPost(post.id))?.post.text).toBe(edited.text);
        expect(await store.getPost('forum:missing')).toBeNull();
      });

      it('updates a post whose classification changed, and reports each item of a batch', async () => {
        const post = samplePost('2', '讨薪');
        await store.upsertPosts([stored(post)]);
        const reclassified = stored(post, sampleClassification({ lead: true, level: 'yellow' }));
        expect(await store.upsertPosts([reclassified, stored(samplePost('3', '新的'))])).toEqual([
          'updated',
          'inserted',
        ]);
        expect((await store.getPost(post.id))?.classification.level).toBe('yellow');
      });

      it('scans every post exactly once, in batches', async () => {
        await store.upsertPosts(Array.from({ length: 7 }, (_, i) => stored(samplePost(`s${i}`, `第${i}条`))));
        const batches: string[][] = [];
        for await (const batch of store.scanPosts(3)) batches.push(batch.map((item) => item.post.id));
        expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
        expect(batches.flat().sort()).toEqual([
          'forum:s0',
          'forum:s1',
          'forum:s2',
          'forum:s3',
          'forum:s4',
          'forum:s5',
          'forum:s6',
        ]);
      });
    });

    describe('search', () => {
      beforeEach(async () => {
        await store.upsertPosts([
          stored(
            samplePost('a', '石桥镇农民工爬上塔吊讨薪', {
              published_at: '2026-11-25T09:00:00+08:00',
              source: 'weibo',
            }),
            sampleClassification({
              lead: true,
              level: 'red',
              town: '石桥镇',
              risks: ['extreme'],
              categories: ['wage_arrears'],
              industry: 'construction',
              departments: ['人社', '住建'],
            }),
          ),
          stored(
            samplePost('b', '县人社局部署根治欠薪工作', {
              published_at: '2026-11-20T09:00:00+08:00',
              source: 'news',
            }),
            sampleClassification({ level: 'blue', categories: ['policy'] }),
          ),
          stored(samplePost('c', '今天天气晴朗', { published_at: '2026-11-26T09:00:00+08:00' })),
          stored(
            samplePost('d', '河口镇包工头跑路，工人讨薪无果', { published_at: '2026-10-02T09:00:00+08:00' }),
            sampleClassification({
              lead: true,
              level: 'orange',
              town: '河口镇',
              risks: ['criminal'],
              categories: ['wage_arrears'],
              resolved: true,
              departments: ['人社', '公安'],
            }),
          ),
        ]);
      });

      it('finds Chinese words, a part of a longer word, and all words together', async () => {
        expect(await ids({ text: '塔吊' })).toEqual(['forum:a']);
        expect(await ids({ text: '农民' })).toEqual(['forum:a']);
        expect(await ids({ text: '讨薪 塔吊' })).toEqual(['forum:a']);
        expect(await ids({ text: '讨薪' })).toEqual(['forum:a', 'forum:d']);
        expect(await ids({ text: '讨薪 天气' })).toEqual([]);
        expect(await store.searchPosts({ text: '，。' })).toEqual({ total: 0, hits: [] });
      });

      it('filters by every field, with or without text', async () => {
        expect(await ids({ text: '讨薪', levels: ['red'] })).toEqual(['forum:a']);
        expect(await ids({ levels: ['red', 'orange'] })).toEqual(['forum:a', 'forum:d']);
        expect(await ids({ lead: true })).toEqual(['forum:a', 'forum:d']);
        expect(await ids({ resolved: true })).toEqual(['forum:d']);
        expect(await ids({ towns: ['河口镇'] })).toEqual(['forum:d']);
        expect(await ids({ text: '讨薪', towns: ['河口镇'] })).toEqual(['forum:d']);
        expect(await ids({ risks: ['extreme'] })).toEqual(['forum:a']);
        expect(await ids({ text: '讨薪', risks: ['criminal'] })).toEqual(['forum:d']);
        expect(await ids({ categories: ['policy'] })).toEqual(['forum:b']);
        expect(await ids({ industries: ['construction'] })).toEqual(['forum:a']);
        expect(await ids({ departments: ['公安'] })).toEqual(['forum:d']);
        expect(await ids({ text: '讨薪', departments: ['住建'] })).toEqual(['forum:a']);
        expect(await ids({ sources: ['weibo', 'news'] })).toEqual(['forum:a', 'forum:b']);
      });

      it('filters by a time range, bounds exact, in any offset', async () => {
        expect(await ids({ since: '2026-11-20T09:00:00+08:00', until: '2026-11-25T09:00:00+08:00' })).toEqual(
          ['forum:b'],
        );
        expect(await ids({ text: '讨薪', since: '2026-11-01T00:00:00+08:00' })).toEqual(['forum:a']);
        expect(
          await ids({ text: '讨薪', since: '2026-09-01T00:00:00+08:00', until: '2026-11-01T00:00:00+08:00' }),
        ).toEqual(['forum:d']);
        expect(await ids({ since: '2026-11-25T01:00:00Z', until: '2026-11-25T01:00:01Z' })).toEqual([
          'forum:a',
        ]);
      });

      it('sorts newest first by default, or oldest first, and pages with a total', async () => {
        const newest = await store.searchPosts({ limit: 2 });
        expect(newest.total).toBe(4);
        expect(newest.hits.map((h) => h.post.id)).toEqual(['forum:c', 'forum:a']);
        const second = await store.searchPosts({ limit: 2, offset: 2 });
        expect(second.hits.map((h) => h.post.id)).toEqual(['forum:b', 'forum:d']);
        expect((await store.searchPosts({ sort: 'oldest', limit: 1 })).hits[0]?.post.id).toBe('forum:d');
        const relevant = await store.searchPosts({ text: '讨薪', sort: 'relevance' });
        expect(relevant.total).toBe(2);
        expect(relevant.hits).toHaveLength(2);
      });

      it('marks the query words in a short excerpt', async () => {
        const [hit] = (await store.searchPosts({ text: '塔吊' })).hits;
        expect(hit?.highlight).toBe('石桥镇农民工爬上【塔吊】讨薪');
        expect((await store.searchPosts({ levels: ['red'] })).hits[0]?.highlight).toBeNull();
      });

      it('keeps search in step with edits', async () => {
        const post = samplePost('c', '今天天气晴朗', { published_at: '2026-11-26T09:00:00+08:00' });
        await store.upsertPosts([stored({ ...post, text: '工资已经结清' })]);
        expect(await ids({ text: '天气' })).toEqual([]);
        expect(await ids({ text: '结清' })).toEqual(['forum:c']);
      });

      it('counts with a filter', async () => {
        expect(await store.countPosts()).toBe(4);
        expect(await store.countPosts({ lead: true, since: '2026-11-01T00:00:00+08:00' })).toBe(1);
      });

      it('aggregates by day, by town, by tag values, and by day × town', async () => {
        const byDay = await store.aggregatePosts({ by: ['day'] });
        expect(byDay.total).toBe(4);
        expect(byDay.buckets).toEqual([
          { key: '2026-10-02', count: 1 },
          { key: '2026-11-20', count: 1 },
          { key: '2026-11-25', count: 1 },
          { key: '2026-11-26', count: 1 },
        ]);
        expect((await store.aggregatePosts({ by: ['town'], filter: { lead: true } })).buckets).toEqual([
          { key: '河口镇', count: 1 },
          { key: '石桥镇', count: 1 },
        ]);
        expect((await store.aggregatePosts({ by: ['department'] })).buckets).toEqual([
          { key: '人社', count: 2 },
          { key: '住建', count: 1 },
          { key: '公安', count: 1 },
        ]);
        expect((await store.aggregatePosts({ by: ['hour'], filter: { levels: ['red'] } })).buckets).toEqual([
          { key: '2026-11-25T09', count: 1 },
        ]);
        const table = await store.aggregatePosts({ by: ['day', 'town'], filter: { lead: true } });
        expect(table.buckets).toEqual([
          { key: '2026-10-02', count: 1, buckets: [{ key: '河口镇', count: 1 }] },
          { key: '2026-11-25', count: 1, buckets: [{ key: '石桥镇', count: 1 }] },
        ]);
      });

      it('buckets days and hours on the Shanghai calendar, whatever the offset written', async () => {
        await store.upsertPosts([
          stored(samplePost('m1', '凌晨讨薪', { published_at: '2026-11-26T00:30:00+08:00' })),
          stored(samplePost('m2', '深夜讨薪', { published_at: '2026-11-26T15:59:00Z' })),
        ]);
        const filter = { since: '2026-11-26T00:00:00+08:00', until: '2026-11-27T00:00:00+08:00' };
        const days = await store.aggregatePosts({ by: ['day'], filter });
        expect(days.buckets.find((b) => b.key === '2026-11-26')?.count).toBe(days.total);
        const hours = (await store.aggregatePosts({ by: ['hour'], filter })).buckets.map((b) => b.key);
        expect(hours).toContain('2026-11-26T00');
        expect(hours).toContain('2026-11-26T23');
      });
    });

    describe('alerts', () => {
      it('records an alert once and keeps every delivery attempt', async () => {
        const alert = {
          key: 'post:forum:1:red',
          post_id: 'forum:1',
          level: 'red' as const,
          title: 't',
          created_at: '2026-11-26T09:00:00+08:00',
        };
        expect(await store.recordAlert(alert)).toBe(true);
        expect(await store.recordAlert(alert)).toBe(false);
        expect(await store.countAlerts()).toBe(1);
        expect(await store.alertsForPost('forum:1')).toEqual([alert]);
        const attempt = { alert_key: alert.key, channel: 'webhook', detail: 'x', at: alert.created_at };
        await store.recordDelivery({ ...attempt, status: 'failed', attempt: 1 });
        await store.recordDelivery({ ...attempt, status: 'delivered', attempt: 2 });
        expect((await store.listDeliveries(alert.key)).map((d) => d.status)).toEqual(['failed', 'delivered']);
      });
    });

    describe('workflow records', () => {
      it('creates once, updates at the version read, and refuses a stale write', async () => {
        const created = await store.putRecord('lead', 'L1', { state: 'new' }, null);
        expect(created).toMatchObject({ kind: 'lead', id: 'L1', data: { state: 'new' } });
        await expect(store.putRecord('lead', 'L1', { state: 'new' }, null)).rejects.toBeInstanceOf(
          ConflictError,
        );
        const assigned = await store.putRecord('lead', 'L1', { state: 'assigned' }, created.version);
        expect(assigned.version).not.toBe(created.version);
        await expect(
          store.putRecord('lead', 'L1', { state: 'closed' }, created.version),
        ).rejects.toBeInstanceOf(ConflictError);
        expect((await store.getRecord('lead', 'L1'))?.data).toEqual({ state: 'assigned' });
        expect(await store.getRecord('lead', 'nope')).toBeNull();
        await expect(store.putRecord('lead', 'nope', {}, '1')).rejects.toBeInstanceOf(ConflictError);
      });

      it('writes a record and its audit entry together, and neither when the write is refused', async () => {
        const entry = (action: string) => ({
          at: '2026-11-26T09:00:00+08:00',
          actor: 'system',
          action,
          target_kind: 'lead',
          target_id: 'L9',
          reason: null,
          before: null,
          after: { state: action },
        });
        const created = await store.putRecord('lead', 'L9', { state: 'new' }, null, entry('create'));
        await expect(
          store.putRecord('lead', 'L9', { state: 'other' }, null, entry('stale')),
        ).rejects.toBeInstanceOf(ConflictError);
        await store.putRecord('lead', 'L9', { state: 'assigned' }, created.version, entry('assign'));
        expect((await store.listAudit({ target_id: 'L9' })).map((e) => e.action)).toEqual([
          'create',
          'assign',
        ]);
        expect((await store.getRecord('lead', 'L9'))?.data).toEqual({ state: 'assigned' });
      });

      it('writes several records at their versions with their audit entries, and refuses a stale one', async () => {
        const entry = (id: string, action: string) => ({
          at: '2026-11-26T09:00:00+08:00',
          actor: 'system',
          action,
          target_kind: 'lead',
          target_id: id,
        });
        const first = await store.putRecord('lead', 'M1', { reports: 1 }, null);
        await store.putRecords([
          { kind: 'lead-intake', id: 'i2', data: { lead_id: 'M1' }, expectedVersion: null, audit: [] },
          {
            kind: 'lead',
            id: 'M1',
            data: { reports: 3 },
            expectedVersion: first.version,
            audit: [entry('M1', 'merge 2'), entry('M1', 'merge 3')],
          },
        ]);
        const merged = await store.getRecord('lead', 'M1');
        expect(merged?.data).toEqual({ reports: 3 });
        expect(merged?.version).not.toBe(first.version);
        expect((await store.getRecord('lead-intake', 'i2'))?.data).toEqual({ lead_id: 'M1' });
        expect((await store.listAudit({ target_id: 'M1' })).map((e) => e.action)).toEqual([
          'merge 2',
          'merge 3',
        ]);
        await expect(
          store.putRecords([
            { kind: 'lead', id: 'M1', data: { reports: 4 }, expectedVersion: first.version, audit: [] },
          ]),
        ).rejects.toBeInstanceOf(ConflictError);
        expect((await store.getRecord('lead', 'M1'))?.data).toEqual({ reports: 3 });
      });

      it('lists records of a kind by id, page by page', async () => {
        for (const id of ['c', 'a', 'b']) await store.putRecord('case', id, { id }, null);
        await store.putRecord('lead', 'x', {}, null);
        const first = await store.listRecords('case', { limit: 2 });
        expect(first.map((r) => r.id)).toEqual(['a', 'b']);
        expect((await store.listRecords('case', { after: 'b' })).map((r) => r.id)).toEqual(['c']);
      });
    });

    describe('audit log and evidence', () => {
      it('appends audit entries and reads them by target', async () => {
        const entry = {
          at: '2026-11-26T09:00:00+08:00',
          actor: 'hr-1',
          action: 'assign',
          target_kind: 'lead',
          target_id: 'L1',
          reason: '属地',
          before: { state: 'new' },
          after: { state: 'assigned' },
        };
        await store.appendAudit(entry);
        await store.appendAudit({
          ...entry,
          target_id: 'L2',
          reason: null,
          before: undefined,
          after: undefined,
        });
        expect(await store.listAudit({ target_kind: 'lead', target_id: 'L1' })).toEqual([entry]);
        expect(await store.listAudit()).toHaveLength(2);
      });

      it('keeps captured pages byte for byte with their hash', async () => {
        const body = Buffer.from('<html><body>讨薪</body></html>');
        const sha256 = createHash('sha256').update(body).digest('hex');
        await store.putEvidence({
          post_id: 'forum:1',
          url: 'http://forum.test/1',
          fetched_at: '2026-11-26T09:00:00+08:00',
          content_type: 'text/html',
          sha256,
          body,
        });
        const [captured] = await store.listEvidence('forum:1');
        expect(captured).toMatchObject({
          sha256,
          url: 'http://forum.test/1',
          fetched_at: '2026-11-26T09:00:00+08:00',
        });
        expect(
          createHash('sha256')
            .update(captured?.body ?? '')
            .digest('hex'),
        ).toBe(sha256);
      });
    });

    describe('retention', () => {
      it('deletes old posts, their captures and their search entries, and keeps the audit log', async () => {
        await store.upsertPosts([
          stored(samplePost('old', '欠薪旧帖', { published_at: '2025-01-01T09:00:00+08:00' })),
          stored(samplePost('new', '欠薪新帖', { published_at: '2026-11-01T09:00:00+08:00' })),
        ]);
        const body = Buffer.from('old page');
        await store.putEvidence({
          post_id: 'forum:old',
          url: 'http://forum.test/old',
          fetched_at: '2025-01-01T10:00:00+08:00',
          content_type: null,
          sha256: createHash('sha256').update(body).digest('hex'),
          body,
        });
        await store.appendAudit({
          at: '2025-01-01T09:00:00+08:00',
          actor: 'a',
          action: 'view',
          target_kind: 'post',
          target_id: 'forum:old',
        });
        expect(await store.deleteOlderThan('2026-01-01T00:00:00+08:00')).toEqual({ posts: 1, evidence: 1 });
        expect(await store.getPost('forum:old')).toBeNull();
        expect(await ids({ text: '欠薪' })).toEqual(['forum:new']);
        expect(await store.listEvidence('forum:old')).toEqual([]);
        expect(await store.listAudit({ target_id: 'forum:old' })).toHaveLength(1);
      });
    });
  });
}
