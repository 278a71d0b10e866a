import { normalizeText } from '../../classifiers/normalize.ts';
import type { Segmenter } from '../../classifiers/segmenter.ts';

/** Splits text into the words a search index holds, so that both store adapters agree. */
export type SearchTokenizer = (text: string) => string[];

const WORDLIKE = /[\p{L}\p{N}]/u;
const HAN = /^\p{Script=Han}+$/u;

/**
 * The words to index from jieba's precise-mode tokens: each token once, plus every two-character
 * piece of longer Chinese words (农民工 → 农民, 民工), so a query for a part of a long word finds
 * the post. The classify stage computes this from the tokens it already has, so a post is
 * segmented once on its way through the pipeline.
 */
export function searchWords(tokens: readonly string[]): string[] {
  const words = new Set<string>();
  for (const raw of tokens) {
    const token = raw.trim();
    if (!WORDLIKE.test(token)) continue;
    words.add(token);
    if (token.length >= 3 && HAN.test(token))
      for (let i = 0; i + 2 <= token.length; i++) words.add(token.slice(i, i + 2));
  }
  return [...words];
}

/** Queries use precise-mode tokens as they are; the index holds their pieces too. */
export interface SearchTokenizers {
  forIndex: SearchTokenizer;
  forQuery: SearchTokenizer;
}

export function createSearchTokenizers(segmenter: Segmenter): SearchTokenizers {
  return {
    forIndex: (text) => searchWords(segmenter.cut(normalizeText(text))),
    forQuery: (text) =>
      segmenter
        .cut(normalizeText(text))
        .map((t) => t.trim())
        .filter((t) => WORDLIKE.test(t)),
  };
}
