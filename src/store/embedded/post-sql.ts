import type { AggregationDimension, PostFilter, PostQuery } from '../post-query.ts';
import { bucketsCovering } from '../time-buckets.ts';
import { toEpoch } from './row-codec.ts';

export interface Sql {
  text: string;
  params: unknown[];
}

/** FTS5 wants each word quoted; a double quote inside a word is written twice. */
function phrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

function anyOf(tokens: readonly string[]): string {
  return tokens.length === 1 ? phrase(tokens[0] as string) : `(${tokens.map(phrase).join(' OR ')})`;
}

/**
 * The MATCH expression for a text search: every word, and the time range as the day or month
 * buckets that cover it. Exact bounds and the other filters are checked on the row.
 */
export function matchExpression(words: readonly string[], filter: PostFilter): string {
  const parts = words.map(phrase);
  const buckets = bucketsCovering(filter.since, filter.until);
  if (buckets && buckets.length > 0) parts.push(anyOf(buckets.map((b) => `_${b}`)));
  return parts.join(' AND ');
}

/** WHERE conditions on `posts p` for a filter (exact, with or without the full-text index). */
export function whereFilter(filter: PostFilter): Sql {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const tagged = (prefix: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    where.push(`p.seq IN (SELECT seq FROM post_tags WHERE tag IN (${values.map(() => '?').join(', ')}))`);
    params.push(...values.map((v) => `${prefix}:${v}`));
  };
  if (filter.since) {
    where.push('p.published_s >= ?');
    params.push(toEpoch(filter.since));
  }
  if (filter.until) {
    where.push('p.published_s < ?');
    params.push(toEpoch(filter.until));
  }
  inList('p.level', filter.levels);
  inList('p.industry', filter.industries);
  inList('p.town', filter.towns);
  inList('p.source', filter.sources);
  tagged('c', filter.categories);
  tagged('r', filter.risks);
  tagged('d', filter.departments);
  if (filter.lead !== undefined) {
    where.push('p.lead = ?');
    params.push(filter.lead ? 1 : 0);
  }
  if (filter.resolved !== undefined) {
    where.push('p.resolved = ?');
    params.push(filter.resolved ? 1 : 0);
  }
  return { text: where.length > 0 ? where.join(' AND ') : '1', params };
}

const POST_COLUMNS =
  'p.seq, p.id, p.source, p.published_s, p.content_hash, p.classification_json, p.post_json';

/** The page and the count of a search, with or without text. */
export function searchSql(
  query: PostQuery,
  words: readonly string[],
  page: { limit: number; offset: number },
): { page: Sql; count: Sql } {
  const filter = whereFilter(query);
  // Relevance is scored in code over the newest matches (see relevance.ts).
  const order = query.sort === 'oldest' ? 'p.published_s ASC, p.seq ASC' : 'p.published_s DESC, p.seq DESC';
  if (words.length === 0) {
    return {
      page: {
        text: `SELECT ${POST_COLUMNS} FROM posts p WHERE ${filter.text} ORDER BY ${order} LIMIT ? OFFSET ?`,
        params: [...filter.params, page.limit, page.offset],
      },
      count: { text: `SELECT count(*) AS n FROM posts p WHERE ${filter.text}`, params: filter.params },
    };
  }
  const from = `FROM post_index JOIN posts p ON p.seq = post_index.rowid WHERE post_index MATCH ? AND ${filter.text}`;
  const params = [matchExpression(words, query), ...filter.params];
  // Sort only (time, seq) pairs and read whole rows for the page alone: sorting the rows
  // themselves copies every match's JSON into the sorter (3× slower for common words at 1M).
  return {
    page: {
      text: `SELECT ${POST_COLUMNS} FROM posts p WHERE p.seq IN (SELECT p.seq ${from} ORDER BY ${order} LIMIT ? OFFSET ?) ORDER BY ${order}`,
      params: [...params, page.limit, page.offset],
    },
    count: { text: `SELECT count(*) AS n ${from}`, params },
  };
}

const SHANGHAI_OFFSET_S = 8 * 3600;

/** `2026-11-26` for a day number, `2026-11-26T09` for an hour number, as the SQL above makes them. */
export function timeBucketKey(dim: 'hour' | 'day', value: number): string {
  return dim === 'day'
    ? new Date(value * 86_400_000).toISOString().slice(0, 10)
    : new Date(value * 3_600_000).toISOString().slice(0, 13);
}

/** Whether a dimension can put one post in several buckets (so bucket counts overlap). */
export function isMultiValued(dim: AggregationDimension): boolean {
  return dimension(dim, 't').tag !== null;
}

/** The SQL expression for one aggregation dimension over `posts p` (and `t` for tags). */
function dimension(dim: AggregationDimension, tagAlias: string): { expression: string; tag: string | null } {
  switch (dim) {
    // Whole hours and days since the epoch on the Shanghai calendar (UTC+8, no daylight saving);
    // integer keys group faster than formatted dates, and the caller names them (timeBucketKey).
    case 'hour':
      return { expression: `(p.published_s + ${SHANGHAI_OFFSET_S}) / 3600`, tag: null };
    case 'day':
      return { expression: `(p.published_s + ${SHANGHAI_OFFSET_S}) / 86400`, tag: null };
    case 'town':
      return { expression: "coalesce(p.town, '')", tag: null };
    case 'level':
      return { expression: 'p.level', tag: null };
    case 'source':
      return { expression: 'p.source', tag: null };
    case 'industry':
      return { expression: 'p.industry', tag: null };
    case 'category':
      return { expression: `substr(${tagAlias}.tag, 3)`, tag: 'c' };
    default:
      return { expression: `substr(${tagAlias}.tag, 3)`, tag: 'd' };
  }
}

/** Counts grouped by one or two dimensions; tag dimensions join `post_tags`. */
export function aggregationSql(filter: PostFilter, by: readonly AggregationDimension[]): Sql {
  const where = whereFilter(filter);
  const joins: string[] = [];
  const params: unknown[] = [];
  const keys = by.map((dim, index) => {
    const alias = `t${index}`;
    const { expression, tag } = dimension(dim, alias);
    if (tag) {
      joins.push(
        `JOIN post_tags ${alias} ON ${alias}.seq = p.seq AND ${alias}.tag >= ? AND ${alias}.tag < ?`,
      );
      params.push(`${tag}:`, `${tag};`);
    }
    return expression;
  });
  const select = keys.map((key, i) => `${key} AS k${i}`).join(', ');
  const group = keys.map((_, i) => `k${i}`).join(', ');
  return {
    text: `SELECT ${select}, count(*) AS n FROM posts p ${joins.join(' ')} WHERE ${where.text} GROUP BY ${group} ORDER BY ${group}`,
    params: [...params, ...where.params],
  };
}
