import { parseComplaintPage } from './heimao/complaint-page.ts';
import { type HeimaoOptions, heimaoOptionsSchema } from './heimao/options.ts';
import { searchRequest } from './heimao/requests.ts';
import { parseSearchPage } from './heimao/search-page.ts';
import { randomNonce } from './heimao/sign.ts';
import type { SourceAdapter } from './source-adapter.ts';

export type { HeimaoOptions } from './heimao/options.ts';

export interface HeimaoDeps {
  /** The `rs` value of each signed request; tests pass a fixed one to get exact URLs. */
  nonce?: () => string;
}

/**
 * 黑猫投诉 (tousu.sina.com.cn): the signed keyword-search API for new complaints, then each
 * complaint's page for its full text and the merchant's replies.
 */
export function createHeimaoAdapter(deps: HeimaoDeps = {}): SourceAdapter<HeimaoOptions> {
  const nonce = deps.nonce ?? randomNonce;
  return {
    kind: 'heimao',
    optionsSchema: heimaoOptionsSchema,
    start: ({ options, now }) =>
      options.keywords.map((keyword) => searchRequest(options, keyword, 1, now, nonce())),
    parse: (page, context) =>
      page.request.purpose === 'detail' ? parseComplaintPage(page) : parseSearchPage(page, context, nonce),
  };
}

export const heimaoAdapter = createHeimaoAdapter();
