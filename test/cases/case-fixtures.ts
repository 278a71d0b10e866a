import { createHash } from 'node:crypto';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { syncReviewQueue } from '../../src/cases/review-queue.ts';
import { createEmbeddedStore } from '../../src/store/embedded/embedded-store.ts';
import type { Evidence, Store } from '../../src/store/store.ts';
import { sampleEvent } from '../helpers/sample-events.ts';
import { samplePost, stored } from '../helpers/sample-posts.ts';
import { sampleLead, sampleReport } from './sample-lead.ts';

export const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A real embedded store in `dir`. */
export function openStore(dir: string): Store {
  return createEmbeddedStore({
    file: join(dir, 'cases.sqlite'),
    tokenizeForIndex: (t) => [t],
    tokenizeForQuery: (t) => [t],
  });
}

/** The gathering event. */
export const queueEvent = sampleEvent({ risks: ['mass_gathering'] });

/**
 * Three subjects that qualify (an event with a gathering, a lead past the crime threshold, a
 * lead with an extreme risk) and two that do not.
 */
export async function seedQueueStore(store: Store): Promise<void> {
  await store.putRecord('event', queueEvent.id, queueEvent, null);
  await store.putRecord('event', 'ev-quiet', sampleEvent({ id: 'ev-quiet' }), null);
  const leads = [
    sampleLead('lead-crime', { crime_threshold_reached: true }),
    sampleLead('lead-extreme', { risks: ['extreme'] }),
    sampleLead('lead-quiet'),
  ];
  for (const lead of leads) await store.putRecord('lead', lead.id, lead, null);
}

export const postA = samplePost('a1', '河口镇安置房项目三十名农民工讨薪，工头电话13812345678', {
  title: '安置房项目欠薪',
  author: '河口老王',
});
export const postB = samplePost('b2', '宏达劳务老板失联，工人聚集在项目部门口', { author: '工地小李' });
export const pageHtml = Buffer.from('<html><body>河口镇安置房项目三十名农民工讨薪</body></html>', 'utf8');
/** A page whose charset is GBK: its bytes are not UTF-8 and must reach the pack unchanged. */
export const pageGbk = iconv.encode(
  '<html><meta charset="gbk"><body>宏达劳务老板失联，工人聚集</body></html>',
  'gbk',
);
export const pageJson = Buffer.from(JSON.stringify({ id: 'a1', text: '讨薪' }), 'utf8');

/** The event both posts belong to; it is criminal and past the crime threshold. */
export const packEvent = sampleEvent({
  risks: ['criminal'],
  crime_threshold_hit: true,
  post_ids: [postA.id, postB.id],
});

export function captureOf(postId: string, body: Buffer, contentType: string, fetchedAt: string): Evidence {
  return {
    post_id: postId,
    url: `http://forum.test/capture/${sha(body).slice(0, 6)}`,
    fetched_at: fetchedAt,
    content_type: contentType,
    sha256: sha(body),
    body,
  };
}

/**
 * Two posts with three captured pages, their event, a lead linked to the event (one of its
 * reports is post A) and an unrelated lead; the review queue synced.
 */
export async function seedPackStore(store: Store, now: Date): Promise<void> {
  await store.upsertPosts([stored(postA), stored(postB)]);
  await store.putEvidence([
    captureOf(postA.id, pageHtml, 'text/html; charset=utf-8', '2026-11-26T09:01:00+08:00'),
    captureOf(postA.id, pageJson, 'application/json', '2026-11-26T09:30:00+08:00'),
    captureOf(postB.id, pageGbk, 'text/html; charset=gbk', '2026-11-26T09:05:00+08:00'),
  ]);
  await store.putRecord('event', packEvent.id, packEvent, null);
  const post = { id: postA.id, url: postA.url, author: postA.author, event_id: packEvent.id };
  const lead = sampleLead('lead-7', { event_ids: [packEvent.id] }, [sampleReport(), sampleReport({ post })]);
  await store.putRecord('lead', lead.id, lead, null);
  await store.putRecord('lead', 'lead-other', sampleLead('lead-other'), null);
  await syncReviewQueue(store, now);
}
