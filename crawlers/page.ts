import type { Post } from '../src/domain/post.ts';
import { TransientError } from '../src/errors.ts';

/** One HTTP request an adapter wants made; the fetcher decides how and when. */
export interface PageRequest {
  url: string;
  /** List pages are polled (and may stop at known posts); detail pages are fetched once per post. */
  purpose: 'list' | 'detail';
  /** 1-based position in the paging sequence, for the per-pass page cap. */
  page: number;
  /** GET unless said otherwise (signed JSON APIs POST). */
  method?: 'GET' | 'POST';
  /** Extra headers (Referer, X-Requested-With, Content-Type); credentials are added by the fetcher. */
  headers?: Readonly<Record<string, string>>;
  body?: string;
  /**
   * The post as known from the list, for a detail request: if the detail page cannot be had
   * (deleted, blocked, malformed), this is handed on as it is, so the post is never lost.
   */
  partial?: Post;
  /** Whatever else the adapter wants back with the response (paging state); JSON only. */
  context?: unknown;
}

/** A response as adapters see it: decoded to text, with the final URL after redirects. */
export interface FetchedPage {
  request: PageRequest;
  url: string;
  status: number;
  contentType: string | null;
  charset: string;
  body: string;
  /** The raw bytes as received (after content decoding), kept as evidence. */
  bytes?: Uint8Array;
  /** The server said the list page has not changed since the last fetch (HTTP 304): nothing to read. */
  notModified?: boolean;
  fetchedAt: Date;
}

/**
 * Why a response is not content: the platform answered with a login page, a captcha, a block
 * code or a throttling shape. Reported as a source health problem, never as "no posts".
 */
export interface BlockedPage {
  reason: 'credential_expired' | 'captcha' | 'throttled' | 'forbidden';
  detail: string;
}

/** What an adapter made of one page: posts, further pages to fetch, and items it could not read. */
export interface ParsedPage {
  posts: Post[];
  next: PageRequest[];
  problems: ItemProblem[];
  blocked?: BlockedPage;
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

export const emptyPage = (): ParsedPage => ({ posts: [], next: [], problems: [] });

/**
 * A response that cannot be read at all (truncated or malformed JSON, HTML without the page's
 * frame). Transient: the pass fails and is retried later, and the source's health records it.
 */
export class MalformedPageError extends TransientError {
  constructor(url: string, reason: string) {
    super(`${url}: malformed page: ${reason}`, { code: 'malformed_page' });
  }
}
