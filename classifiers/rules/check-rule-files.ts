import type { ConfigProblem } from '../../src/errors.ts';
import type { Rule, RuleFile } from './rule-schema.ts';

/** A validated rule file together with where it came from, for cross-file checks. */
export interface LocatedRuleFile {
  file: string;
  lineOf(path: readonly PropertyKey[]): number | null;
  rules: RuleFile;
}

/** Checks what one file's schema cannot: duplicate ids and groups, references to missing groups. */
export function checkRuleFiles(files: readonly LocatedRuleFile[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const groupOwner = new Map<string, string>();
  for (const { file, lineOf, rules } of files) {
    for (const group of Object.keys(rules.groups)) {
      const other = groupOwner.get(group);
      if (other) {
        problems.push({
          file,
          line: lineOf(['groups', group]),
          path: `groups.${group}`,
          message: `group already defined in ${other}`,
        });
      } else groupOwner.set(group, file);
    }
  }
  const ruleOwner = new Map<string, string>();
  for (const { file, lineOf, rules } of files) {
    rules.rules.forEach((rule, index) => {
      const other = ruleOwner.get(rule.id);
      if (other) {
        const message = `rule id "${rule.id}" already used in ${other}`;
        problems.push({ file, line: lineOf(['rules', index, 'id']), path: `rules[${index}].id`, message });
      } else ruleOwner.set(rule.id, file);
      for (const { group, path } of groupReferences(rule)) {
        if (groupOwner.has(group)) continue;
        problems.push({
          file,
          line: lineOf(['rules', index, 'match', ...path]),
          path: `rules[${index}].match.${path
            .map((p) => (typeof p === 'number' ? `[${p}]` : p))
            .join('.')
            .replace(/\.\[/g, '[')}`,
          message: `unknown group "${group}"`,
        });
      }
    });
  }
  return problems;
}

/** Every group a rule names, with the path under `match` where it is named. */
function groupReferences(rule: Rule): { group: string; path: (string | number)[] }[] {
  const clauses = (['any', 'all', 'none'] as const).flatMap((clause) =>
    rule.match[clause].map((group, at) => ({ group, path: [clause, at] })),
  );
  const near = (rule.match.near?.groups ?? []).map((group, at) => ({ group, path: ['near', 'groups', at] }));
  return [...clauses, ...near];
}
