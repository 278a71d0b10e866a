import type { Segmenter } from '../segmenter.ts';
import { createTermMatcher, type GroupMatches, type Occurrence, type TermMatcher } from '../term-matcher.ts';
import type { Rule, RuleFile } from './rule-schema.ts';

export interface CompiledRuleSet {
  matcher: TermMatcher;
  rules: readonly Rule[];
}

/** Compiles checked rule files into one matcher over every group's terms. */
export function compileRules(files: readonly RuleFile[], segmenter: Segmenter): CompiledRuleSet {
  const groups = new Map<string, readonly string[]>();
  for (const file of files)
    for (const [name, group] of Object.entries(file.groups)) groups.set(name, group.terms);
  return { matcher: createTermMatcher(groups, segmenter), rules: files.flatMap((file) => file.rules) };
}

/** True when the rule's any/all/near/none conditions hold for the matched groups. */
export function ruleFires(rule: Rule, matches: GroupMatches): boolean {
  const { any, all, near, none } = rule.match;
  if (any.length > 0 && !any.some((g) => matches.has(g))) return false;
  if (!all.every((g) => matches.has(g))) return false;
  if (near && !occurNear(matches.get(near.groups[0]), matches.get(near.groups[1]), near.within)) return false;
  return !none.some((g) => matches.has(g));
}

/** Some term of one group and some term of the other within `within` tokens, in either order. */
function occurNear(
  a: readonly Occurrence[] | undefined,
  b: readonly Occurrence[] | undefined,
  within: number,
): boolean {
  if (!a || !b) return false;
  return a.some((x) => b.some((y) => x.at !== y.at && Math.abs(x.at - y.at) <= within));
}

/** The terms that made a rule fire, for the evidence a monitor reads. */
export function termsBehind(rule: Rule, matches: GroupMatches): string[] {
  const terms = new Set<string>();
  const groups = [...rule.match.any, ...rule.match.all, ...(rule.match.near?.groups ?? [])];
  for (const group of groups) for (const { term } of matches.get(group) ?? []) terms.add(term);
  return [...terms];
}
