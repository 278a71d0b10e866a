import type { Classification } from '../../src/domain/classification.ts';
import { postContentHash } from '../../src/domain/content-hash.ts';
import type { Post } from '../../src/domain/post.ts';
import type { StoredPost } from '../../src/store/store.ts';

export function samplePost(id: string, text: string, over: Partial<Post> = {}): Post {
  return {
    id: `forum:${id}`,
    source: 'forum',
    url: `http://forum.test/posts/${id}`,
    author: '网友',
    published_at: '2026-11-26T09:00:00+08:00',
    fetched_at: '2026-11-26T09:01:00+08:00',
    title: null,
    text,
    metrics: { reposts: null, comments: null, likes: null },
    place_hints: [],
    ...over,
  };
}

export function sampleClassification(over: Partial<Classification> = {}): Classification {
  const defaults: Classification = {
    lead: false,
    resolved: false,
    categories: [],
    industry: 'none',
    risks: [],
    amount_yuan: null,
    amount_range: null,
    workers: null,
    workers_range: null,
    months_owed: null,
    place: null,
    town: null,
    orgs: [],
    pii: { phones: [], id_numbers: [] },
    departments: [],
    crime_threshold: { reached: null, basis: '' },
    level: 'none',
    score: 0,
    hits: [],
  };
  return Object.assign(defaults, over);
}

/** What the rules say of the 河口镇 安置房 wage-arrears story the lead and event tests tell. */
export function hekouLeadClassification(over: Partial<Classification> = {}): Classification {
  return sampleClassification({
    lead: true,
    level: 'yellow',
    town: '河口镇',
    workers: 30,
    orgs: ['河口镇安置房项目'],
    departments: ['人社', '住建'],
    ...over,
  });
}

export function stored(post: Post, classification: Classification = sampleClassification()): StoredPost {
  return { post, classification, content_hash: postContentHash(post) };
}
