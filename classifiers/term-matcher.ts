import { normalizeText } from './normalize.ts';
import type { Segmenter } from './segmenter.ts';

/** Which terms of which groups occur in a token stream. */
export type GroupMatches = ReadonlyMap<string, ReadonlySet<string>>;

interface TermPattern {
  term: string;
  groups: readonly string[];
  tokens: readonly string[];
}

/** Matches terms on token boundaries, so 工资 never matches inside an unrelated longer word. */
export interface TermMatcher {
  match(tokens: readonly string[]): GroupMatches;
}

/**
 * Builds a matcher for named term groups. Terms are taught to the segmenter first so that
 * jieba keeps them whole; a term it still splits is matched as a token sequence.
 */
export function createTermMatcher(
  groups: ReadonlyMap<string, readonly string[]>,
  segmenter: Segmenter,
): TermMatcher {
  const groupsByTerm = new Map<string, string[]>();
  for (const [group, terms] of groups) {
    for (const raw of terms) {
      const term = normalizeText(raw);
      const owners = groupsByTerm.get(term) ?? [];
      if (!owners.includes(group)) owners.push(group);
      groupsByTerm.set(term, owners);
    }
  }
  segmenter.addWords(groupsByTerm.keys());

  const byFirstToken = new Map<string, TermPattern[]>();
  for (const [term, owners] of groupsByTerm) {
    const tokens = segmenter.cut(term).filter((t) => t.trim() !== '');
    const first = tokens[0];
    if (first === undefined) continue;
    const patterns = byFirstToken.get(first) ?? [];
    patterns.push({ term, groups: owners, tokens });
    byFirstToken.set(first, patterns);
  }

  return {
    match(tokens) {
      const found = new Map<string, Set<string>>();
      for (let i = 0; i < tokens.length; i++) {
        const candidates = byFirstToken.get(tokens[i] as string);
        if (!candidates) continue;
        for (const pattern of candidates) {
          if (!startsAt(tokens, i, pattern.tokens)) continue;
          for (const group of pattern.groups) {
            const terms = found.get(group) ?? new Set<string>();
            terms.add(pattern.term);
            found.set(group, terms);
          }
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
