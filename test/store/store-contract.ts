import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';
import { sampleClassification, samplePost, stored } from '../helpers/sample-posts.ts';

/**
 * What every store adapter must do. The embedded adapter runs it always; an Elasticsearch
 * adapter runs the same suite when a cluster is configured.
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

    it('inserts once, reports a replay as unchanged, and updates an edit', async () => {
      const post = samplePost('1', '河口镇工地拖欠农民工工资');
      expect(await store.upsertPosts([stored(post)])).toEqual(['inserted']);
      expect(await store.upsertPosts([stored(post)])).toEqual(['unchanged']);
      const edited = { ...post, text: '河口镇工地拖欠农民工工资，已有三个月' };
      expect(await store.upsertPosts([stored(edited)])).toEqual(['updated']);
      expect(await store.countPosts()).toBe(1);
      expect((await store.getPost(post.id))?.post.text).toBe(edited.text);
    });

    it('updates a post whose classification changed', async () => {
      const post = samplePost('2', '讨薪');
      await store.upsertPosts([stored(post)]);
      const reclassified = stored(post, sampleClassification({ lead: true, level: 'yellow' }));
      expect(await store.upsertPosts([reclassified])).toEqual(['updated']);
      expect((await store.getPost(post.id))?.classification.level).toBe('yellow');
    });

    it('finds posts by Chinese words, including a part of a longer word, and filters', async () => {
      await store.upsertPosts([
        stored(
          samplePost('a', '石桥镇农民工爬上塔吊讨薪'),
          sampleClassification({ lead: true, level: 'red' }),
        ),
        stored(samplePost('b', '县人社局部署根治欠薪工作'), sampleClassification({ level: 'blue' })),
        stored(samplePost('c', '今天天气晴朗')),
      ]);
      const ids = async (query: Parameters<Store['searchPosts']>[0]) =>
        (await store.searchPosts(query)).hits.map((hit) => hit.post.id).sort();
      expect(await ids({ text: '塔吊' })).toEqual(['forum:a']);
      expect(await ids({ text: '农民' })).toEqual(['forum:a']);
      expect(await ids({ text: '讨薪 塔吊' })).toEqual(['forum:a']);
      expect(await ids({ text: '讨薪 天气' })).toEqual([]);
      expect(await ids({ text: '欠薪' })).toEqual(['forum:b']);
      expect(await ids({ text: '欠薪', lead: true })).toEqual([]);
      expect(await ids({ text: '塔吊', levels: ['red', 'orange'] })).toEqual(['forum:a']);
      expect(await store.searchPosts({ text: '，。' })).toEqual({ total: 0, hits: [] });
    });

    it('pages search results and counts them all', async () => {
      await store.upsertPosts(
        Array.from({ length: 25 }, (_, i) => stored(samplePost(`p${i}`, `第${i}条 欠薪 求助`))),
      );
      const first = await store.searchPosts({ text: '欠薪', limit: 10 });
      const third = await store.searchPosts({ text: '欠薪', limit: 10, offset: 20 });
      expect(first.total).toBe(25);
      expect(first.hits).toHaveLength(10);
      expect(third.hits).toHaveLength(5);
    });

    it('scans every post in batches, in insertion order', async () => {
      await store.upsertPosts(Array.from({ length: 7 }, (_, i) => stored(samplePost(`s${i}`, `第${i}条`))));
      const batches: string[][] = [];
      for await (const batch of store.scanPosts(3)) batches.push(batch.map((item) => item.post.id));
      expect(batches).toEqual([
        ['forum:s0', 'forum:s1', 'forum:s2'],
        ['forum:s3', 'forum:s4', 'forum:s5'],
        ['forum:s6'],
      ]);
    });

    it('keeps search in step with edits', async () => {
      const post = samplePost('e', '工地欠薪');
      await store.upsertPosts([stored(post)]);
      await store.upsertPosts([stored({ ...post, text: '工资已经结清' })]);
      expect((await store.searchPosts({ text: '欠薪' })).total).toBe(0);
      expect((await store.searchPosts({ text: '结清' })).total).toBe(1);
    });

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
}
