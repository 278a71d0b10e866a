import type { ZodType } from 'zod';
import type { FetchedPage, PageRequest, ParsedPage } from '../page.ts';

/** What an adapter knows when a pass starts. */
export interface StartContext<Options> {
  sourceId: string;
  options: Options;
  now: Date;
  /**
   * The newest publication time this source has handed on before, or null on a first pass.
   * Adapters whose sites filter by time (a search window, a keyset) may start from it; all
   * others may ignore it: the pass stops paging once a list page holds only known posts.
   */
  newestSeen: string | null;
}

/** What an adapter knows when a response comes back. */
export interface ParseContext<Options> {
  sourceId: string;
  options: Options;
}

/**
 * One source kind: how to build its requests and how to read its responses. Fetching,
 * politeness, retries, credentials and evidence live elsewhere, never here; `parse` is a pure
 * function of the page, so adapters are tested on fixtures alone.
 */
export interface SourceAdapter<Options> {
  kind: string;
  optionsSchema: ZodType<Options>;
  /** The first requests of a collection pass. */
  start(context: StartContext<Options>): PageRequest[];
  /** Posts in a response, further requests (next page, details), problems, or a block. */
  parse(page: FetchedPage, context: ParseContext<Options>): ParsedPage;
}
