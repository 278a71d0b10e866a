import { type CharTable, charTable, hasCode } from './char-table.ts';
import { GroupMatches, type Occurrence } from './group-matches.ts';
import { normalizeText } from './normalize.ts';
import { createTermTrie, type TermTrie, termOf } from './term-trie.ts';

export { GroupMatches, type Occurrence } from './group-matches.ts';

/** Finds terms within words or across whole consecutive words, never across a word's edge mid-way. */
export interface TermMatcher {
  /** The group names, indexed by the ids that compiled rules use. */
  readonly groupIds: ReadonlyMap<string, number>;
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

const CLAUSE_MARKS = charTable('，。！？；：,.!?;:\n…');
const SENTENCE_MARKS = charTable('。！？；.!?;\n…');

/** True when every character of the token is one of the marks (a token of punctuation only). */
function allMarks(token: string, marks: CharTable): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) if (!hasCode(marks, token.charCodeAt(i))) return false;
  return true;
}

interface Negation {
  group: number;
  by: number;
  within: number;
}

/**
 * Builds a matcher for named term groups over jieba's words. A term matches when it lies inside
 * one word (工资 in 发工资, 欠薪 in 根治欠薪) or when it covers several words with at least one
 * of its ends on a word boundary (假如 as 假/如, 老板跑路 as 老板/跑路, 干了 in 厨干/了). It never
 * matches text cut mid-word at both ends (工资 in 加工/资料): the point of segmenting first.
 */
export function createTermMatcher(groups: ReadonlyMap<string, GroupSpec>): TermMatcher {
  // Public groups first, so their ids are the same whether or not a group has exceptions.
  const names = [...groups.keys()];
  const excepted = [...groups].filter(([, spec]) => spec.except && spec.except.length > 0);
  for (const [group] of excepted) names.push(exceptGroup(group));
  const groupIds = new Map(names.map((name, id) => [name, id]));
  const idOf = (name: string) => groupIds.get(name) as number;

  const termGroups = new Map<string, number[]>();
  const add = (group: string, terms: readonly string[]) => {
    for (const raw of terms) {
      const term = normalizeText(raw);
      if (!term) continue;
      const list = termGroups.get(term) ?? [];
      if (!list.includes(idOf(group))) list.push(idOf(group));
      termGroups.set(term, list);
    }
  };
  for (const [group, spec] of groups) add(group, spec.terms);
  for (const [group, spec] of excepted) add(exceptGroup(group), spec.except ?? []);

  const trie = createTermTrie([...termGroups.keys()]);
  const groupsOfTerm = flatGroups(trie.terms.map((term) => termGroups.get(term) as number[]));
  // Pairs in a flat array, read by index: destructuring a pair in a loop allocated an iterator
  // per pair and post, a third of the matcher's garbage.
  const exceptions = Int32Array.from(excepted.flatMap(([group]) => [idOf(group), idOf(exceptGroup(group))]));
  const negations: Negation[] = [...groups].flatMap(([group, spec]) =>
    (spec.negatedBy ?? []).map((n) => ({ group: idOf(group), by: idOf(n.group), within: n.within })),
  );
  const publicCount = groups.size;

  return {
    groupIds: new Map([...groupIds].slice(0, publicCount)),
    match(tokens) {
      const found: (Occurrence[] | undefined)[] = new Array(names.length);
      findOccurrences(trie, groupsOfTerm, tokens, found);
      for (let e = 0; e < exceptions.length; e += 2)
        dropExceptions(found, exceptions[e] as number, exceptions[e + 1] as number);
      for (const negation of negations) dropNegated(found, negation);
      found.length = publicCount;
      return new GroupMatches(names, groupIds, found);
    },
  };
}

/** Each term's groups in one array, term by term: one compact block, where arrays of arrays are scattered. */
interface FlatGroups {
  /** Term `t`'s groups are `ids[starts[t]]` up to `ids[starts[t + 1]]`. */
  starts: Int32Array;
  ids: Int32Array;
}

function flatGroups(groups: readonly (readonly number[])[]): FlatGroups {
  const starts = new Int32Array(groups.length + 1);
  groups.forEach((list, term) => {
    starts[term + 1] = (starts[term] as number) + list.length;
  });
  return { starts, ids: Int32Array.from(groups.flat()) };
}

/** Every occurrence of every term, by group id. */
function findOccurrences(
  trie: TermTrie,
  groupsOfTerm: FlatGroups,
  tokens: readonly string[],
  found: (Occurrence[] | undefined)[],
): void {
  let clause = 0;
  let sentence = 0;
  for (let first = 0; first < tokens.length; first++) {
    const token = tokens[first] as string;
    for (let from = 0; from < token.length; from++) {
      // Walk the trie along the text from here, moving into the following words as needed.
      let state = trie.start(token.charCodeAt(from));
      let last = first;
      let at = from;
      let word = token;
      while (state !== 0) {
        const term = termOf(state);
        // Inside one word anywhere; across words only when at least one end sits on a word
        // boundary, so 干了 is found in 厨干/了 (jieba's slip) but 工资 never in 加工/资料.
        if (term >= 0 && (last === first || from === 0 || at === word.length - 1)) {
          const occurrence = { term: trie.terms[term] as string, at: first, end: last, clause, sentence };
          const { starts, ids } = groupsOfTerm;
          for (let g = starts[term] as number; g < (starts[term + 1] as number); g++) {
            const group = ids[g] as number;
            const list = found[group];
            if (list) list.push(occurrence);
            else found[group] = [occurrence];
          }
        }
        if (++at === word.length) {
          if (++last === tokens.length) break;
          word = tokens[last] as string;
          at = 0;
        }
        state = trie.step(state, word.charCodeAt(at));
      }
    }
    if (allMarks(token, CLAUSE_MARKS)) {
      clause++;
      if (allMarks(token, SENTENCE_MARKS)) sentence++;
    }
  }
}

function dropExceptions(found: (Occurrence[] | undefined)[], group: number, except: number): void {
  const occurrences = found[group];
  const exceptions = found[except];
  if (!occurrences || !exceptions) return;
  const kept = occurrences.filter((o) => !exceptions.some((e) => e.at <= o.at && o.end <= e.end));
  found[group] = kept.length > 0 ? kept : undefined;
}

function dropNegated(found: (Occurrence[] | undefined)[], negation: Negation): void {
  const occurrences = found[negation.group];
  const negators = found[negation.by];
  if (!occurrences || !negators) return;
  const kept = occurrences.filter(
    (o) => !negators.some((n) => n.clause === o.clause && n.end < o.at && o.at - n.end <= negation.within),
  );
  found[negation.group] = kept.length > 0 ? kept : undefined;
}
