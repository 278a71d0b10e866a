import { createHash } from 'node:crypto';
import type { StoredPost } from '../store.ts';
import { monthKey } from '../time-buckets.ts';

/** A post as Elasticsearch holds it: filter fields, jieba words, and the domain objects unindexed. */
export interface PostDocument {
  id: string;
  source: string;
  published_at: string;
  words: string;
  level: string;
  lead: boolean;
  resolved: boolean;
  industry: string;
  town: string | null;
  categories: string[];
  risks: string[];
  departments: string[];
  content_hash: string;
  classification_hash: string;
  post: StoredPost['post'];
  classification: StoredPost['classification'];
}

export function toPostDocument(item: StoredPost, words: readonly string[]): PostDocument {
  const c = item.classification;
  return {
    id: item.post.id,
    source: item.post.source,
    published_at: item.post.published_at,
    words: words.join(' '),
    level: c.level,
    lead: c.lead,
    resolved: c.resolved,
    industry: c.industry,
    town: c.town,
    categories: c.categories,
    risks: c.risks,
    departments: c.departments,
    content_hash: item.content_hash,
    classification_hash: createHash('sha256').update(JSON.stringify(c)).digest('hex').slice(0, 32),
    post: item.post,
    classification: c,
  };
}

export function fromPostDocument(doc: PostDocument): StoredPost {
  return { post: doc.post, classification: doc.classification, content_hash: doc.content_hash };
}

/** The monthly index a post lives in, by its publication month in Shanghai. */
export function postMonth(item: StoredPost): string {
  return monthKey(item.post.published_at);
}

/**
 * Replaces the stored post only when its content or classification changed, so a replay is a
 * `noop` and the bulk response says created, updated or noop for each post.
 */
export const UPSERT_SCRIPT =
  'if (ctx._source.content_hash == params.doc.content_hash && ctx._source.classification_hash == params.doc.classification_hash) ' +
  "{ ctx.op = 'noop' } else { ctx._source = params.doc }";
