import { normalizeText } from '../../classifiers/normalize.ts';
import type { Segmenter } from '../../classifiers/segmenter.ts';

/** Splits text into the words a search index holds, so that both store adapters agree. */
export type SearchTokenizer = (text: string) => string[];

const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Indexing uses jieba's search mode (农民工 → 农民, 农民工) and queries its precise mode, so a
 * query for either the long word or a part of it finds the post.
 */
export function createSearchTokenizers(segmenter: Segmenter): {
  forIndex: SearchTokenizer;
  forQuery: SearchTokenizer;
} {
  const clean = (tokens: string[]) => tokens.map((t) => t.trim()).filter((t) => WORDLIKE.test(t));
  return {
    forIndex: (text) => clean(segmenter.cutForSearch(normalizeText(text))),
    forQuery: (text) => clean(segmenter.cut(normalizeText(text))),
  };
}
