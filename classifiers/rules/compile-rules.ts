import type { ConfigProblem } from '../../src/errors.ts';
import type { Segmenter } from '../segmenter.ts';
import { createTermMatcher, type GroupMatches, type TermMatcher } from '../term-matcher.ts';
import type { Rule, RuleFile } from './rule-schema.ts';

/** A validated rule file together with where it came from, for cross-file checks. */
export interface LocatedRuleFile {
  file: string;
  lineOf(path: readonly PropertyKey[]): number | null;
  rules: RuleFile;
}

export interface CompiledRuleSet {
  matcher: TermMatcher;
  rules: readonly Rule[];
}

/** Checks what one file's schema cannot: duplicate ids and groups, references to missing groups. */
export function checkRuleFiles(files: readonly LocatedRuleFile[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const groupOwner = new Map<string, string>();
  const ruleOwner = new Map<string, string>();
  for (const { file, lineOf, rules } of files) {
    for (const group of Object.keys(rules.groups)) {
      const other = groupOwner.get(group);
      if (other)
        problems.push({
          file,
          line: lineOf(['groups', group]),
          path: `groups.${group}`,
          message: `group already defined in ${other}`,
        });
      else groupOwner.set(group, file);
    }
  }
  for (const { file, lineOf, rules } of files) {
    rules.rules.forEach((rule, index) => {
      const other = ruleOwner.get(rule.id);
      if (other)
        problems.push({
          file,
          line: lineOf(['rules', index, 'id']),
          path: `rules[${index}].id`,
          message: `rule id "${rule.id}" already used in ${other}`,
        });
      else ruleOwner.set(rule.id, file);
      for (const clause of ['any', 'all', 'none'] as const) {
        rule.match[clause].forEach((group, at) => {
          if (groupOwner.has(group)) return;
          const path = ['rules', index, 'match', clause, at];
          problems.push({
            file,
            line: lineOf(path),
            path: `rules[${index}].match.${clause}[${at}]`,
            message: `unknown group "${group}"`,
          });
        });
      }
    });
  }
  return problems;
}

/** Compiles checked rule files into one matcher over every group's terms. */
export function compileRules(files: readonly RuleFile[], segmenter: Segmenter): CompiledRuleSet {
  const groups = new Map<string, readonly string[]>();
  for (const file of files)
    for (const [name, group] of Object.entries(file.groups)) groups.set(name, group.terms);
  return { matcher: createTermMatcher(groups, segmenter), rules: files.flatMap((file) => file.rules) };
}

/** True when the rule's any/all/none conditions hold for the matched groups. */
export function ruleFires(rule: Rule, matches: GroupMatches): boolean {
  const { any, all, none } = rule.match;
  if (any.length > 0 && !any.some((g) => matches.has(g))) return false;
  if (!all.every((g) => matches.has(g))) return false;
  return !none.some((g) => matches.has(g));
}

/** The terms that made a rule fire, for the evidence a monitor reads. */
export function termsBehind(rule: Rule, matches: GroupMatches): string[] {
  const terms = new Set<string>();
  for (const group of [...rule.match.any, ...rule.match.all])
    for (const term of matches.get(group) ?? []) terms.add(term);
  return [...terms];
}
