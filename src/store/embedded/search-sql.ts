import type { SearchQuery } from '../store.ts';

export interface SearchSql {
  countSql: string;
  pageSql: string;
  params: unknown[];
  limit: number;
  offset: number;
}

/** FTS5 wants each word quoted; a double quote inside a word is written twice. */
function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/** SQL for a search: every query word must match; filters narrow; best matches first. */
export function buildSearch(query: SearchQuery, words: readonly string[]): SearchSql | null {
  if (words.length === 0) return null;
  const where = ['post_words MATCH ?'];
  const params: unknown[] = [words.map(ftsPhrase).join(' AND ')];
  if (query.levels && query.levels.length > 0) {
    where.push(`posts.level IN (${query.levels.map(() => '?').join(', ')})`);
    params.push(...query.levels);
  }
  if (query.lead !== undefined) {
    where.push('posts.lead = ?');
    params.push(query.lead ? 1 : 0);
  }
  const from = `FROM post_words JOIN posts ON posts.seq = post_words.rowid WHERE ${where.join(' AND ')}`;
  return {
    countSql: `SELECT count(*) AS n ${from}`,
    pageSql: `SELECT posts.seq, posts.content_hash, posts.classification_json, posts.post_json ${from}
              ORDER BY post_words.rank, posts.published_at DESC LIMIT ? OFFSET ?`,
    params,
    limit: Math.min(Math.max(query.limit ?? 20, 1), 200),
    offset: Math.max(query.offset ?? 0, 0),
  };
}
