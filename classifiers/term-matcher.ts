import { normalizeText } from './normalize.ts';

/**
 * One place a term occurs: the term, the indexes of its first and last word, its clause (split
 * at commas too) and its sentence (split at 。！？； only).
 */
export interface Occurrence {
  term: string;
  at: number;
  end: number;
  clause: number;
  sentence: number;
}

/** Where the terms of each group occur in a token stream. */
export type GroupMatches = ReadonlyMap<string, readonly Occurrence[]>;

/** Finds terms within words or across whole consecutive words, never across a word's edge mid-way. */
export interface TermMatcher {
  match(tokens: readonly string[]): GroupMatches;
}

export interface GroupSpec {
  terms: readonly string[];
  /** Drop an occurrence when a term of one of these groups ends up to `within` words before it, same clause. */
  negatedBy?: readonly { group: string; within: number }[] | undefined;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when a term ends here: the term and the groups it belongs to. */
  term?: { text: string; groups: string[] };
}

const CLAUSE_END = /^[，。！？；：,.!?;:\n…]+$/;
const SENTENCE_END = /^[。！？；.!?;\n…]+$/;

/**
 * Builds a matcher for named term groups over jieba's words. A term matches when it lies inside
 * one word (工资 in 发工资, 欠薪 in 根治欠薪) or when it covers several words with at least one
 * of its ends on a word boundary (假如 as 假/如, 老板跑路 as 老板/跑路, 干了 in 厨干/了). It never
 * matches text cut mid-word at both ends (工资 in 加工/资料): the point of segmenting first.
 */
export function createTermMatcher(groups: ReadonlyMap<string, GroupSpec>): TermMatcher {
  const root: TrieNode = { next: new Map() };
  for (const [group, spec] of groups) {
    for (const raw of spec.terms) {
      const term = normalizeText(raw);
      if (!term) continue;
      let node = root;
      for (const char of term) {
        let child = node.next.get(char);
        if (!child) {
          child = { next: new Map() };
          node.next.set(char, child);
        }
        node = child;
      }
      node.term ??= { text: term, groups: [] };
      if (!node.term.groups.includes(group)) node.term.groups.push(group);
    }
  }
  const negations = [...groups].flatMap(([group, spec]) =>
    (spec.negatedBy ?? []).map((negation) => [group, negation] as const),
  );

  return {
    match(tokens) {
      const found = new Map<string, Occurrence[]>();
      const text = tokens.join('');
      // For each character: the token it belongs to, and whether a token starts or ends there.
      const tokenAt = new Int32Array(text.length);
      const tokenEnds = new Int32Array(tokens.length);
      const clauseOf = new Int32Array(tokens.length);
      const sentenceOf = new Int32Array(tokens.length);
      let offset = 0;
      let clause = 0;
      let sentence = 0;
      tokens.forEach((token, index) => {
        tokenAt.fill(index, offset, offset + token.length);
        offset += token.length;
        tokenEnds[index] = offset;
        clauseOf[index] = clause;
        sentenceOf[index] = sentence;
        if (CLAUSE_END.test(token)) {
          clause++;
          if (SENTENCE_END.test(token)) sentence++;
        }
      });
      for (let start = 0; start < text.length; start++) {
        const first = tokenAt[start] as number;
        const atTokenStart = start === 0 || tokenAt[start - 1] !== first;
        let node: TrieNode | undefined = root;
        for (let at = start; at < text.length; at++) {
          node = node.next.get(text[at] as string);
          if (!node) break;
          if (!node.term) continue;
          const last = tokenAt[at] as number;
          const endsAtTokenEnd = at + 1 === tokenEnds[last];
          // Inside one word anywhere; across words only when at least one end sits on a word
          // boundary, so 干了 is found in 厨干/了 (jieba's slip) but 工资 never in 加工/资料.
          if (last !== first && !atTokenStart && !endsAtTokenEnd) continue;
          const occurrence = {
            term: node.term.text,
            at: first,
            end: last,
            clause: clauseOf[first] as number,
            sentence: sentenceOf[first] as number,
          };
          for (const group of node.term.groups) {
            const list = found.get(group);
            if (list) list.push(occurrence);
            else found.set(group, [occurrence]);
          }
        }
      }
      for (const [group, negation] of negations) dropNegated(found, group, negation);
      return found;
    },
  };
}

function dropNegated(
  found: Map<string, Occurrence[]>,
  group: string,
  negatedBy: { group: string; within: number },
): void {
  const occurrences = found.get(group);
  const negators = found.get(negatedBy.group);
  if (!occurrences || !negators) return;
  const kept = occurrences.filter(
    (o) => !negators.some((n) => n.clause === o.clause && n.end < o.at && o.at - n.end <= negatedBy.within),
  );
  if (kept.length > 0) found.set(group, kept);
  else found.delete(group);
}
