import type { ZodType } from 'zod';
import type { FetchedPage, PageRequest, ParsedPage } from '../page.ts';

/**
 * One source kind: how to build its requests and how to read its responses. Fetching,
 * politeness and retries live in the fetcher, never here.
 */
export interface SourceAdapter<Options> {
  kind: string;
  optionsSchema: ZodType<Options>;
  /** The first requests of a collection pass. */
  start(options: Options): PageRequest[];
  /** Posts in a response, and further requests (next page, details). */
  parse(page: FetchedPage, sourceId: string, options: Options): ParsedPage;
}
