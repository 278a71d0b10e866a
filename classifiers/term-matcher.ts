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
  /** Longer words that contain a term but mean something else: an occurrence inside one is dropped. */
  except?: readonly string[] | undefined;
}

/** Hidden group holding a group's exceptions; `:` cannot appear in group names. */
const exceptGroup = (group: string) => `${group}:except`;

interface TrieNode {
  /** Children by UTF-16 code unit: numeric keys avoid making a string per character looked up. */
  next: Map<number, TrieNode>;
  /** Set when a term ends here: the term and the groups it belongs to. */
  term?: { text: string; groups: string[] };
}

const CLAUSE_MARKS = new Set([...'，。！？；：,.!?;:\n…'].map((c) => c.charCodeAt(0)));
const SENTENCE_MARKS = new Set([...'。！？；.!?;\n…'].map((c) => c.charCodeAt(0)));

/** True when every character of the token is one of the marks (a token of punctuation only). */
function allMarks(token: string, marks: ReadonlySet<number>): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) if (!marks.has(token.charCodeAt(i))) return false;
  return true;
}

/**
 * Builds a matcher for named term groups over jieba's words. A term matches when it lies inside
 * one word (工资 in 发工资, 欠薪 in 根治欠薪) or when it covers several words with at least one
 * of its ends on a word boundary (假如 as 假/如, 老板跑路 as 老板/跑路, 干了 in 厨干/了). It never
 * matches text cut mid-word at both ends (工资 in 加工/资料): the point of segmenting first.
 */
export function createTermMatcher(groups: ReadonlyMap<string, GroupSpec>): TermMatcher {
  const root: TrieNode = { next: new Map() };
  const entries = [...groups].flatMap(([group, spec]) => [
    [group, spec.terms] as const,
    ...(spec.except && spec.except.length > 0 ? [[exceptGroup(group), spec.except] as const] : []),
  ]);
  for (const [group, terms] of entries) {
    for (const raw of terms) {
      const term = normalizeText(raw);
      if (!term) continue;
      let node = root;
      for (let i = 0; i < term.length; i++) {
        const code = term.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) {
          child = { next: new Map() };
          node.next.set(code, child);
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
      let clause = 0;
      let sentence = 0;
      for (let first = 0; first < tokens.length; first++) {
        const token = tokens[first] as string;
        for (let from = 0; from < token.length; from++) {
          // Walk the trie along the text from here, moving into the following words as needed.
          let node: TrieNode | undefined = root;
          let last = first;
          let at = from;
          let word = token;
          while (node) {
            node = node.next.get(word.charCodeAt(at));
            if (!node) break;
            if (node.term) {
              const endsAtWordEnd = at === word.length - 1;
              // Inside one word anywhere; across words only when at least one end sits on a word
              // boundary, so 干了 is found in 厨干/了 (jieba's slip) but 工资 never in 加工/资料.
              if (last === first || from === 0 || endsAtWordEnd) {
                const occurrence = { term: node.term.text, at: first, end: last, clause, sentence };
                for (const group of node.term.groups) {
                  const list = found.get(group);
                  if (list) list.push(occurrence);
                  else found.set(group, [occurrence]);
                }
              }
            }
            if (++at === word.length) {
              if (++last === tokens.length) break;
              word = tokens[last] as string;
              at = 0;
            }
          }
        }
        if (allMarks(token, CLAUSE_MARKS)) {
          clause++;
          if (allMarks(token, SENTENCE_MARKS)) sentence++;
        }
      }
      for (const [group, spec] of groups)
        if (spec.except && spec.except.length > 0) dropExceptions(found, group);
      for (const [group, negation] of negations) dropNegated(found, group, negation);
      return found;
    },
  };
}

function dropExceptions(found: Map<string, Occurrence[]>, group: string): void {
  const occurrences = found.get(group);
  const exceptions = found.get(exceptGroup(group));
  found.delete(exceptGroup(group));
  if (!occurrences || !exceptions) return;
  const kept = occurrences.filter((o) => !exceptions.some((e) => e.at <= o.at && o.end <= e.end));
  if (kept.length > 0) found.set(group, kept);
  else found.delete(group);
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
