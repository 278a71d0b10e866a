import type { AggregationDimension, PostFilter, PostQuery } from '../post-query.ts';

type Clause = Record<string, unknown>;

/** Filter clauses for a post filter: exact, cached by the cluster, no scoring. */
export function filterClauses(filter: PostFilter): Clause[] {
  const clauses: Clause[] = [];
  if (filter.since || filter.until) {
    clauses.push({
      range: {
        published_at: {
          ...(filter.since ? { gte: filter.since } : {}),
          ...(filter.until ? { lt: filter.until } : {}),
        },
      },
    });
  }
  const terms: [string, readonly string[] | undefined][] = [
    ['level', filter.levels],
    ['categories', filter.categories],
    ['industry', filter.industries],
    ['risks', filter.risks],
    ['town', filter.towns],
    ['departments', filter.departments],
    ['source', filter.sources],
  ];
  for (const [field, values] of terms)
    if (values && values.length > 0) clauses.push({ terms: { [field]: [...values] } });
  if (filter.lead !== undefined) clauses.push({ term: { lead: filter.lead } });
  if (filter.resolved !== undefined) clauses.push({ term: { resolved: filter.resolved } });
  return clauses;
}

/** Every word must occur; words are jieba tokens compared exactly (whitespace analyzer). */
export function postQuery(filter: PostFilter, words: readonly string[]): Clause {
  return { bool: { must: words.map((word) => ({ term: { words: word } })), filter: filterClauses(filter) } };
}

export function postSort(query: PostQuery, hasWords: boolean): unknown[] {
  const byTime = query.sort === 'oldest' ? 'asc' : 'desc';
  const time = [{ published_at: byTime }, { id: byTime }];
  return query.sort === 'relevance' && hasWords ? ['_score', ...time] : time;
}

const DATE_FORMATS = { hour: "yyyy-MM-dd'T'HH", day: 'yyyy-MM-dd' } as const;
const TERM_FIELDS = {
  town: 'town',
  level: 'level',
  source: 'source',
  industry: 'industry',
  category: 'categories',
  department: 'departments',
} as const;

/** Nested aggregations for one or two dimensions, keys in ascending order as the embedded store gives them. */
export function aggregations(by: readonly AggregationDimension[]): Clause {
  const [first, ...rest] = by;
  if (!first) return {};
  const inner = rest.length > 0 ? { aggs: aggregations(rest) } : {};
  if (first === 'hour' || first === 'day') {
    return {
      by: {
        date_histogram: {
          field: 'published_at',
          calendar_interval: first,
          time_zone: '+08:00',
          min_doc_count: 1,
          format: DATE_FORMATS[first],
        },
        ...inner,
      },
    };
  }
  return {
    by: { terms: { field: TERM_FIELDS[first], size: 1000, missing: '', order: { _key: 'asc' } }, ...inner },
  };
}

interface RawBucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
  by?: { buckets: RawBucket[] };
}

export interface Bucket {
  key: string;
  count: number;
  buckets?: Bucket[];
}

export function readBuckets(raw: readonly RawBucket[]): Bucket[] {
  return raw.map((bucket) => ({
    key: bucket.key_as_string ?? String(bucket.key),
    count: bucket.doc_count,
    ...(bucket.by ? { buckets: readBuckets(bucket.by.buckets) } : {}),
  }));
}
