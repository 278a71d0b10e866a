import { describe, expect, it } from 'vitest';
import { createTermTrie } from '../../classifiers/term-trie.ts';

/** Every term the trie holds, found by walking it from the root. */
function lookup(trie: ReturnType<typeof createTermTrie>, text: string): string | null {
  let node = trie.root;
  for (let i = 0; i < text.length && node !== 0; i++) node = trie.step(node, text.charCodeAt(i));
  const term = node === 0 ? -1 : (trie.termAt[node] as number);
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
