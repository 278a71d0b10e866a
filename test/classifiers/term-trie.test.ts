import { describe, expect, it } from 'vitest';
import { createTermTrie, termOf } from '../../classifiers/term-trie.ts';

/** Every term the trie holds, found by walking it from the root. */
function lookup(trie: ReturnType<typeof createTermTrie>, text: string): string | null {
  let state = text ? trie.start(text.charCodeAt(0)) : 0;
  for (let i = 1; i < text.length && state !== 0; i++) state = trie.step(state, text.charCodeAt(i));
  const term = state === 0 ? -1 : termOf(state);
  return term < 0 ? null : (trie.terms[term] as string);
}

describe('term trie', () => {
  it('finds each of thousands of terms and nothing else', () => {
    const terms = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(0x4e00 + (i % 97), 0x4e00 + i, 0x9000 + (i % 7)),
    );
    const trie = createTermTrie(terms);
    for (const term of terms) expect(lookup(trie, term)).toBe(term);
    // Prefixes and near misses are not terms.
    for (const term of terms.slice(0, 200)) {
      expect(lookup(trie, term.slice(0, 2))).toBeNull();
      expect(lookup(trie, `${term.slice(0, 2)}丁`)).toBeNull();
    }
  });

  it('keeps a term that is the prefix of another', () => {
    const trie = createTermTrie(['拖欠', '拖欠工资', '欠']);
    expect(['拖欠', '拖欠工资', '欠', '拖', '拖欠工'].map((text) => lookup(trie, text))).toEqual([
      '拖欠',
      '拖欠工资',
      '欠',
      null,
      null,
    ]);
  });
});
