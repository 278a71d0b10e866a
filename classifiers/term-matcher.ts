import { normalizeText } from './normalize.ts';
import type { Segmenter } from './segmenter.ts';

/** One place a term occurs: the term and the index of its (first) token. */
export interface Occurrence {
  term: string;
  at: number;
}

/** Where the terms of each group occur in a token stream. */
export type GroupMatches = ReadonlyMap<string, readonly Occurrence[]>;

/** Finds terms within words or across consecutive words, never across a word's edge mid-way. */
export interface TermMatcher {
  match(tokens: readonly string[]): GroupMatches;
}

interface Term {
  term: string;
  groups: readonly string[];
}

/**
 * Builds a matcher for named term groups. A term matches when it lies inside one jieba word
 * (工资 in 发工资, 欠薪 in 根治欠薪) or when it spans whole consecutive words (老板/跑路). It
 * never matches text that straddles a word boundary (工资 in 加工/资料), which is the point
 * of segmenting first. Terms are also taught to the segmenter, so they tend to stay whole.
 */
export function createTermMatcher(
  groups: ReadonlyMap<string, readonly string[]>,
  segmenter: Segmenter,
): TermMatcher {
  const byText = new Map<string, Term>();
  for (const [group, terms] of groups) {
    for (const raw of terms) {
      const term = normalizeText(raw);
      const known = byText.get(term);
      byText.set(term, { term, groups: known ? [...new Set([...known.groups, group])] : [group] });
    }
  }
  segmenter.addWords(byText.keys());
  const longest = Math.max(0, ...[...byText.keys()].map((term) => term.length));
  const sequences = new Map<string, { tokens: readonly string[]; term: Term }[]>();
  for (const term of byText.values()) {
    const tokens = segmenter.cut(term.term).filter((t) => t.trim() !== '');
    if (tokens.length < 2) continue;
    const list = sequences.get(tokens[0] as string) ?? [];
    list.push({ tokens, term });
    sequences.set(tokens[0] as string, list);
  }

  return {
    match(tokens) {
      const found = new Map<string, Occurrence[]>();
      const add = (term: Term, at: number) => {
        for (const group of term.groups) {
          const list = found.get(group) ?? [];
          list.push({ term: term.term, at });
          found.set(group, list);
        }
      };
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as string;
        for (let start = 0; start < token.length; start++) {
          const stop = Math.min(token.length, start + longest);
          for (let end = start + 1; end <= stop; end++) {
            const term = byText.get(token.slice(start, end));
            if (term) add(term, i);
          }
        }
        for (const sequence of sequences.get(token) ?? []) {
          if (startsAt(tokens, i, sequence.tokens)) add(sequence.term, i);
        }
      }
      return found;
    },
  };
}

function startsAt(tokens: readonly string[], at: number, sequence: readonly string[]): boolean {
  for (let k = 1; k < sequence.length; k++) if (tokens[at + k] !== sequence[k]) return false;
  return true;
}
