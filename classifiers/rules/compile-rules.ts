import { FACT_NAMES, type FactName } from '../facts.ts';
import {
  createTermMatcher,
  type GroupMatches,
  type GroupSpec,
  type Occurrence,
  type TermMatcher,
} from '../term-matcher.ts';
import type { IndustryRule, Rule, RuleFile } from './rule-schema.ts';

/** A rule with its group names turned into the matcher's ids and its facts into a bit mask. */
export interface CompiledRule {
  id: string;
  set: Rule['set'];
  score: number;
  scope: Rule['match']['scope'];
  any: readonly number[];
  all: readonly number[];
  none: readonly number[];
  has: number;
  lacks: number;
  later: readonly [number, number] | null;
  atLeast: { group: number; terms: number } | null;
  near: readonly { a: number; b: number; within: number; sameSentence: boolean }[];
  /** The groups whose terms explain a hit: all, any, then near. */
  evidence: readonly number[];
}

export interface CompiledRuleSet {
  matcher: TermMatcher;
  rules: readonly CompiledRule[];
  industries: readonly IndustryRule[];
  triggers: RuleTriggers;
}

/**
 * Per rule, groups of which at least one must be found for it to fire at all (a group it needs,
 * or its `any` list); none for a rule that needs no group. Kept in two flat arrays so that
 * passing over the rules that cannot fire (most of them, in most posts) reads a few cache lines
 * instead of every rule's objects.
 */
export interface RuleTriggers {
  /** Rule `r`'s trigger groups are `groups[starts[r]]` up to `groups[starts[r + 1]]`. */
  starts: Int32Array;
  groups: Int32Array;
}

/** Compiles checked rule files into one matcher over every group's terms. */
export function compileRules(files: readonly RuleFile[]): CompiledRuleSet {
  const groups = new Map<string, GroupSpec>();
  for (const file of files) {
    for (const [name, group] of Object.entries(file.groups)) {
      groups.set(name, { terms: group.terms, negatedBy: group.negated_by, except: group.except });
    }
  }
  const matcher = createTermMatcher(groups);
  const rules = files.flatMap((file) => file.rules).map((rule) => compileRule(rule, matcher.groupIds));
  return {
    matcher,
    rules,
    industries: files.flatMap((file) => file.industries),
    triggers: ruleTriggers(rules),
  };
}

function ruleTriggers(rules: readonly CompiledRule[]): RuleTriggers {
  const perRule = rules.map((rule) => {
    const needed = [
      ...rule.all,
      ...rule.near.flatMap((n) => [n.a, n.b]),
      ...(rule.later ? [rule.later[0]] : []),
      ...(rule.atLeast && rule.atLeast.terms > 0 ? [rule.atLeast.group] : []),
    ];
    // One needed group is enough to rule a rule out; an unknown one (-1) is never found.
    return needed.length > 0 ? [needed[0] as number] : rule.any;
  });
  const starts = new Int32Array(rules.length + 1);
  perRule.forEach((groups, r) => {
    starts[r + 1] = (starts[r] as number) + groups.length;
  });
  return { starts, groups: Int32Array.from(perRule.flat()) };
}

/** False when none of rule `r`'s trigger groups is found, so it cannot fire; true otherwise. */
export function mayFire(triggers: RuleTriggers, r: number, lists: GroupMatches['lists']): boolean {
  const from = triggers.starts[r] as number;
  const to = triggers.starts[r + 1] as number;
  if (from === to) return true;
  for (let i = from; i < to; i++) if (lists[triggers.groups[i] as number] !== undefined) return true;
  return false;
}

/** The bit of each fact in a fact mask. */
const FACT_BIT = new Map(FACT_NAMES.map((name, index) => [name, 1 << index]));

export function factMask(facts: Iterable<FactName>): number {
  let mask = 0;
  for (const fact of facts) mask |= FACT_BIT.get(fact) as number;
  return mask;
}

/** Group names a rule set does not define never match (the rule checker reports them first). */
export function compileRule(rule: Rule, groupIds: ReadonlyMap<string, number>): CompiledRule {
  const id = (group: string) => groupIds.get(group) ?? -1;
  const { match } = rule;
  const near = match.near.map((n) => ({
    a: id(n.groups[0]),
    b: id(n.groups[1]),
    within: n.within,
    sameSentence: n.same_sentence,
  }));
  return {
    id: rule.id,
    set: rule.set,
    score: rule.score,
    scope: match.scope,
    any: match.any.map(id),
    all: match.all.map(id),
    none: match.none.map(id),
    has: factMask(match.has),
    lacks: factMask(match.lacks),
    later: match.later ? [id(match.later[0]), id(match.later[1])] : null,
    atLeast: match.at_least ? { group: id(match.at_least.group), terms: match.at_least.terms } : null,
    near,
    evidence: [...match.all, ...match.any, ...match.near.flatMap((n) => n.groups)]
      .map(id)
      .filter((g) => g >= 0),
  };
}

/** Group matches of a title and body matched as one stream, readable per scope. */
export interface ScopedMatches {
  any: GroupMatches;
  title(): GroupMatches;
  text(): GroupMatches;
}

/** `titleLength` words of the stream are the title (plus one separator word); -1 for no title. */
export function scopeMatches(matches: GroupMatches, titleLength: number): ScopedMatches {
  return new LazyScopes(matches, titleLength);
}

/** Each scope filtered on first use: most posts have no title and most rules look at both. */
class LazyScopes implements ScopedMatches {
  private titleOnly: GroupMatches | undefined;
  private textOnly: GroupMatches | undefined;

  constructor(
    readonly any: GroupMatches,
    private readonly titleLength: number,
  ) {}

  title(): GroupMatches {
    const titleLength = this.titleLength;
    this.titleOnly ??= titleLength < 0 ? this.any.none() : this.any.filter((o) => o.at < titleLength);
    return this.titleOnly;
  }

  text(): GroupMatches {
    const titleLength = this.titleLength;
    this.textOnly ??= titleLength < 0 ? this.any : this.any.filter((o) => o.at > titleLength);
    return this.textOnly;
  }
}

/** True when the rule's conditions hold in its scope. Plain loops: this runs for every rule of every post. */
export function ruleFires(rule: CompiledRule, scoped: ScopedMatches, facts: number): boolean {
  if ((facts & rule.has) !== rule.has || (facts & rule.lacks) !== 0) return false;
  const matchesIn =
    rule.scope === 'title' ? scoped.title() : rule.scope === 'text' ? scoped.text() : scoped.any;
  const lists = matchesIn.lists;
  if (rule.any.length > 0 && !hasAny(lists, rule.any)) return false;
  for (const group of rule.all) if (lists[group] === undefined) return false;
  if (hasAny(lists, rule.none)) return false;
  if (rule.later && !comesLater(lists[rule.later[0]], lists[rule.later[1]])) return false;
  if (rule.atLeast && matchesIn.termsOf(rule.atLeast.group).length < rule.atLeast.terms) return false;
  for (const near of rule.near) {
    if (!occurNear(lists[near.a], lists[near.b], near.within, near.sameSentence)) return false;
  }
  return true;
}

type Lists = GroupMatches['lists'];

function hasAny(lists: Lists, groups: readonly number[]): boolean {
  for (const group of groups) if (lists[group] !== undefined) return true;
  return false;
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
  return lastAt(a) > lastAt(b);
}

function lastAt(occurrences: readonly Occurrence[]): number {
  let last = -1;
  for (let i = 0; i < occurrences.length; i++) last = Math.max(last, (occurrences[i] as Occurrence).at);
  return last;
}

/** At most this many terms per hit: enough to see why, without bloating every stored post. */
const TERMS_PER_HIT = 5;

/** The terms that made a rule fire, longest first, for the evidence a monitor reads. */
export function termsBehind(rule: CompiledRule, matches: GroupMatches): string[] {
  const terms: string[] = [];
  for (const group of rule.evidence) {
    if (matches.lists[group] === undefined) continue;
    for (const term of matches.termsOf(group)) if (!terms.includes(term)) insertLongestFirst(terms, term);
  }
  if (terms.length > TERMS_PER_HIT) terms.length = TERMS_PER_HIT;
  return terms;
}

/**
 * After the terms at least as long, so equally long terms keep their order (a stable insertion
 * sort, for a few words). Shifted by hand: `splice` allocates an array of what it removes.
 */
function insertLongestFirst(terms: string[], term: string): void {
  let at = terms.length;
  terms.push(term);
  while (at > 0 && (terms[at - 1] as string).length < term.length) {
    terms[at] = terms[at - 1] as string;
    at--;
  }
  terms[at] = term;
}
