import { type EventRecord, newEvent } from '../../src/events/event-record.ts';
import { sampleClassification, samplePost } from './sample-posts.ts';

/** An event with one post, for tests of what is decided about events. */
export function sampleEvent(over: Partial<EventRecord> = {}): EventRecord {
  const event = newEvent(
    {
      post: samplePost('e1', '河口镇安置房项目三十名农民工被拖欠工资，聚集讨薪', {
        published_at: '2026-11-26T09:00:00+08:00',
      }),
      classification: sampleClassification({
        lead: true,
        level: 'orange',
        town: '河口镇',
        departments: ['人社', '住建'],
      }),
      fingerprint: '0123456789abcdef',
    },
    { maxPosts: 500, maxFingerprints: 8 },
  );
  return { ...event, level: 'orange', ...over };
}
