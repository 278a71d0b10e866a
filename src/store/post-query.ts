import type { Category, Industry, Level, Risk } from '../domain/classification.ts';
import type { StoredPost } from './store.ts';

/** Which posts: every field narrows; lists match any of their values. Times are ISO 8601. */
export interface PostFilter {
  /** Published at or after. */
  since?: string;
  /** Published before. */
  until?: string;
  levels?: readonly Level[];
  categories?: readonly Category[];
  industries?: readonly Industry[];
  risks?: readonly Risk[];
  towns?: readonly string[];
  departments?: readonly string[];
  sources?: readonly string[];
  lead?: boolean;
  resolved?: boolean;
}

export type PostSort = 'newest' | 'oldest' | 'relevance';

export interface PostQuery extends PostFilter {
  /** Free Chinese text: every word must occur. Empty: filters only. */
  text?: string;
  /** `newest` by default; `relevance` needs text. */
  sort?: PostSort;
  limit?: number;
  offset?: number;
}

export interface SearchHit extends StoredPost {
  /** A short excerpt with the query words marked 【like this】, or null without text. */
  highlight: string | null;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

/** What to count posts by; two dimensions give a table (day × town). */
export const AGGREGATION_DIMENSIONS = [
  'hour',
  'day',
  'town',
  'category',
  'level',
  'source',
  'department',
  'industry',
] as const;
export type AggregationDimension = (typeof AGGREGATION_DIMENSIONS)[number];

export interface AggregationQuery {
  filter?: PostFilter;
  by: readonly [AggregationDimension] | readonly [AggregationDimension, AggregationDimension];
}

export interface AggregationBucket {
  /** `2026-11-26` for a day, `2026-11-26T09` for an hour (Asia/Shanghai), else the value. */
  key: string;
  count: number;
  buckets?: AggregationBucket[];
}

export interface AggregationResult {
  total: number;
  buckets: AggregationBucket[];
}

/** Limits every adapter applies the same way. */
export const SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 200, maxOffset: 10_000 } as const;

export function pageOf(query: Pick<PostQuery, 'limit' | 'offset'>): { limit: number; offset: number } {
  return {
    limit: Math.min(Math.max(query.limit ?? SEARCH_LIMITS.defaultLimit, 1), SEARCH_LIMITS.maxLimit),
    offset: Math.min(Math.max(query.offset ?? 0, 0), SEARCH_LIMITS.maxOffset),
  };
}
