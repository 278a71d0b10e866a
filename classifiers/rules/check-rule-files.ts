import type { ConfigProblem } from '../../src/errors.ts';
import type { Rule, RuleFile } from './rule-schema.ts';

/** A validated rule file together with where it came from, for cross-file checks. */
export interface LocatedRuleFile {
  file: string;
  lineOf(path: readonly PropertyKey[]): number | null;
  rules: RuleFile;
}

type Reference = { group: string; path: (string | number)[] };

/** Checks what one file's schema cannot: duplicates across files and references to missing groups. */
export function checkRuleFiles(files: readonly LocatedRuleFile[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const owners = {
    group: new Map<string, string>(),
    rule: new Map<string, string>(),
    industry: new Map<string, string>(),
  };
  const claim = (
    kind: keyof typeof owners,
    id: string,
    file: string,
    lineOf: LocatedRuleFile['lineOf'],
    path: (string | number)[],
  ) => {
    const other = owners[kind].get(id);
    if (other)
      problems.push({
        file,
        line: lineOf(path),
        path: dotted(path),
        message: `${kind} "${id}" is already defined in ${other}`,
      });
    else owners[kind].set(id, file);
  };
  for (const { file, lineOf, rules } of files) {
    for (const group of Object.keys(rules.groups)) claim('group', group, file, lineOf, ['groups', group]);
  }
  for (const { file, lineOf, rules } of files) {
    const references: Reference[] = [
      ...Object.entries(rules.groups).flatMap(([name, group]) =>
        group.negated_by.map((negation, at) => ({
          group: negation.group,
          path: ['groups', name, 'negated_by', at, 'group'],
        })),
      ),
      ...rules.rules.flatMap((rule, index) =>
        ruleReferences(rule).map((r) => ({ ...r, path: ['rules', index, 'match', ...r.path] })),
      ),
      ...rules.industries.flatMap((industry, index) =>
        industry.groups.map((group, at) => ({ group, path: ['industries', index, 'groups', at] })),
      ),
    ];
    for (const [index, rule] of rules.rules.entries())
      claim('rule', rule.id, file, lineOf, ['rules', index, 'id']);
    for (const [index, industry] of rules.industries.entries()) {
      claim('industry', industry.id, file, lineOf, ['industries', index, 'id']);
    }
    for (const { group, path } of references) {
      if (!owners.group.has(group))
        problems.push({ file, line: lineOf(path), path: dotted(path), message: `unknown group "${group}"` });
    }
  }
  return problems;
}

/** Every group a rule names, with the path under `match` where it is named. */
function ruleReferences(rule: Rule): Reference[] {
  const clauses = (['any', 'all', 'none'] as const).flatMap((clause) =>
    rule.match[clause].map((group, at) => ({ group, path: [clause, at] })),
  );
  const near = rule.match.near.flatMap((entry, index) =>
    entry.groups.map((group, at) => ({ group, path: ['near', index, 'groups', at] })),
  );
  const later = (rule.match.later ?? []).map((group, at) => ({ group, path: ['later', at] }));
  const atLeast = rule.match.at_least
    ? [{ group: rule.match.at_least.group, path: ['at_least', 'group'] }]
    : [];
  return [...clauses, ...near, ...later, ...atLeast];
}

function dotted(path: readonly (string | number)[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}
