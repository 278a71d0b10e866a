import { createJiebaSegmenter } from '../../classifiers/segmenter.ts';
import { createSearchTokenizers, type SearchTokenizers } from '../../src/store/search-tokens.ts';

let shared: SearchTokenizers | undefined;

/** jieba loads its dictionaries once per process; every store test shares the tokenizers. */
export function testTokenizers(): SearchTokenizers {
  shared ??= createSearchTokenizers(createJiebaSegmenter());
  return shared;
}
