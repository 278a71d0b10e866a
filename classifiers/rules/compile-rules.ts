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
      groups.set(name, { terms: group.terms, negatedBy: group.negated_by, except: group.except });
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

/** True when the rule's conditions hold in its scope. Plain loops: this runs for every rule of every post. */
export function ruleFires(rule: Rule, scoped: ScopedMatches, facts: ReadonlySet<FactName>): boolean {
  const match = rule.match;
  const matches =
    match.scope === 'title' ? scoped.title() : match.scope === 'text' ? scoped.text() : scoped.any;
  if (match.any.length > 0 && !hasAny(matches, match.any)) return false;
  for (const group of match.all) if (!matches.has(group)) return false;
  for (const fact of match.has) if (!facts.has(fact)) return false;
  for (const fact of match.lacks) if (facts.has(fact)) return false;
  if (hasAny(matches, match.none)) return false;
  if (match.later && !comesLater(matches.get(match.later[0]), matches.get(match.later[1]))) return false;
  if (match.at_least && distinctTerms(matches.get(match.at_least.group)) < match.at_least.terms) return false;
  for (const near of match.near) {
    if (
      !occurNear(matches.get(near.groups[0]), matches.get(near.groups[1]), near.within, near.same_sentence)
    ) {
      return false;
    }
  }
  return true;
}

function hasAny(matches: GroupMatches, groups: readonly string[]): boolean {
  for (const group of groups) if (matches.has(group)) return true;
  return false;
}

function distinctTerms(occurrences: readonly Occurrence[] | undefined): number {
  return new Set((occurrences ?? []).map((o) => o.term)).size;
}

/** Some term of one group and some term of the other within `within` words (of one sentence, by default). */
function occurNear(
  a: readonly Occurrence[] | undefined,
  b: readonly Occurrence[] | undefined,
  within: number,
  sameSentence: boolean,
): boolean {
  if (!a || !b) return false;
  for (const x of a) {
    for (const y of b) {
      if (sameSentence && x.sentence !== y.sentence) continue;
      if (x.at === y.at && x.term === y.term) continue;
      if (Math.abs(x.at - y.at) <= within) return true;
    }
  }
  return false;
}

/** The first group occurs, and its last occurrence comes after every occurrence of the second. */
function comesLater(a: readonly Occurrence[] | undefined, b: readonly Occurrence[] | undefined): boolean {
  if (!a) return false;
  if (!b) return true;
  return Math.max(...a.map((o) => o.at)) > Math.max(...b.map((o) => o.at));
}

/** At most this many terms per hit: enough to see why, without bloating every stored post. */
const TERMS_PER_HIT = 5;

/** The terms that made a rule fire, longest first, for the evidence a monitor reads. */
export function termsBehind(rule: Rule, matches: GroupMatches): string[] {
  const terms = new Set<string>();
  const groups = [...rule.match.all, ...rule.match.any, ...rule.match.near.flatMap((n) => n.groups)];
  for (const group of groups) for (const { term } of matches.get(group) ?? []) terms.add(term);
  return [...terms].sort((a, b) => b.length - a.length).slice(0, TERMS_PER_HIT);
}
