import type { FactName } from '../facts.ts';
import {
  createTermMatcher,
  type GroupMatches,
  type GroupSpec,
  type Occurrence,
  type TermMatcher,
} from '../term-matcher.ts';
import type { IndustryRule, Rule, RuleFile } from './rule-schema.ts';

export interface CompiledRuleSet {
  matcher: TermMatcher;
  rules: readonly Rule[];
  industries: readonly IndustryRule[];
}

/** Compiles checked rule files into one matcher over every group's terms. */
export function compileRules(files: readonly RuleFile[]): CompiledRuleSet {
  const groups = new Map<string, GroupSpec>();
  for (const file of files) {
    for (const [name, group] of Object.entries(file.groups)) {
      groups.set(name, { terms: group.terms, negatedBy: group.negated_by });
    }
  }
  return {
    matcher: createTermMatcher(groups),
    rules: files.flatMap((file) => file.rules),
    industries: files.flatMap((file) => file.industries),
  };
}

/** Group matches of a title and body matched as one stream, readable per scope. */
export interface ScopedMatches {
  any: GroupMatches;
  title(): GroupMatches;
  text(): GroupMatches;
}

/** `titleLength` words of the stream are the title (plus one separator word). */
export function scopeMatches(matches: GroupMatches, titleLength: number): ScopedMatches {
  let title: GroupMatches | undefined;
  let text: GroupMatches | undefined;
  const filtered = (keep: (o: Occurrence) => boolean) => {
    const out = new Map<string, Occurrence[]>();
    for (const [group, list] of matches) {
      const kept = list.filter(keep);
      if (kept.length > 0) out.set(group, kept);
    }
    return out;
  };
  return {
    any: matches,
    title: () => {
      title ??= filtered((o) => o.at < titleLength);
      return title;
    },
    text: () => {
      text ??= titleLength === 0 ? matches : filtered((o) => o.at > titleLength);
      return text;
    },
  };
}

/** True when the rule's any/all/near/has/none conditions hold in its scope. */
export function ruleFires(rule: Rule, scoped: ScopedMatches, facts: ReadonlySet<FactName>): boolean {
  const { any, all, near, has, lacks, later, at_least: atLeast, none, scope } = rule.match;
  const matches = scope === 'title' ? scoped.title() : scope === 'text' ? scoped.text() : scoped.any;
  if (any.length > 0 && !any.some((g) => matches.has(g))) return false;
  if (!all.every((g) => matches.has(g))) return false;
  if (!has.every((fact) => facts.has(fact))) return false;
  if (lacks.some((fact) => facts.has(fact))) return false;
  if (later && !comesLater(matches.get(later[0]), matches.get(later[1]))) return false;
  if (atLeast && new Set((matches.get(atLeast.group) ?? []).map((o) => o.term)).size < atLeast.terms)
    return false;
  for (const { groups, within } of near)
    if (!occurNear(matches.get(groups[0]), matches.get(groups[1]), within)) return false;
  return !none.some((g) => matches.has(g));
}

/** Some term of one group and some term of the other within `within` words of one sentence. */
function occurNear(
  a: readonly Occurrence[] | undefined,
  b: readonly Occurrence[] | undefined,
  within: number,
): boolean {
  if (!a || !b) return false;
  return a.some((x) =>
    b.some(
      (y) =>
        x.sentence === y.sentence && (x.at !== y.at || x.term !== y.term) && Math.abs(x.at - y.at) <= within,
    ),
  );
}

/** The first group occurs, and its last occurrence comes after every occurrence of the second. */
function comesLater(a: readonly Occurrence[] | undefined, b: readonly Occurrence[] | undefined): boolean {
  if (!a) return false;
  if (!b) return true;
  return Math.max(...a.map((o) => o.at)) > Math.max(...b.map((o) => o.at));
}

/** The terms that made a rule fire, for the evidence a monitor reads. */
export function termsBehind(rule: Rule, matches: GroupMatches): string[] {
  const terms = new Set<string>();
  const groups = [...rule.match.any, ...rule.match.all, ...rule.match.near.flatMap((n) => n.groups)];
  for (const group of groups) for (const { term } of matches.get(group) ?? []) terms.add(term);
  return [...terms];
}
