import type { Post } from '../src/domain/post.ts';

/** One HTTP request an adapter wants made; the fetcher decides how and when. */
export interface PageRequest {
  url: string;
  /** List pages are polled; detail pages are fetched once per post. */
  purpose: 'list' | 'detail';
  /** 1-based position in the paging sequence, for the per-pass page cap. */
  page: number;
}

/** A response as adapters see it: decoded to text, with the final URL after redirects. */
export interface FetchedPage {
  request: PageRequest;
  url: string;
  status: number;
  contentType: string | null;
  charset: string;
  body: string;
  fetchedAt: Date;
}

/** What an adapter made of one page: posts, further pages to fetch, and items it could not read. */
export interface ParsedPage {
  posts: Post[];
  next: PageRequest[];
  problems: ItemProblem[];
}

/**
 * An item that could not become a post (`dropped`) or became one with a guessed field
 * (`degraded`), with enough context to find it again.
 */
export interface ItemProblem {
  url: string;
  item: number;
  severity: 'dropped' | 'degraded';
  reason: string;
}
