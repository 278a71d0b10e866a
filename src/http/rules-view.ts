import type { RuleFiles } from '../settings/rule-files.ts';

/** Terms shown per group; the count says how many more there are. */
const EXAMPLE_TERMS = 8;

/**
 * The rule set as the 规则 view shows it: per file, each rule's scope, groups and weight (its
 * score) and what it sets; each term group with its size and a few terms; the level policy.
 */
export function rulesView({ files, ruleSet }: RuleFiles) {
  const groups = files.flatMap(({ rules }) => Object.values(rules.groups));
  return {
    totals: {
      files: files.length,
      rules: files.reduce((n, { rules }) => n + rules.rules.length, 0),
      groups: groups.length,
      terms: groups.reduce((n, group) => n + group.terms.length, 0),
    },
    lead_min_score: ruleSet.levels.lead.min_score,
    levels: ruleSet.levels.levels.map(({ level, description, when }) => ({
      level,
      description: description ?? null,
      when,
    })),
    files: files.map(({ file, rules }) => ({
      file,
      rules: rules.rules.map(({ id, description, match, set, score }) => ({
        id,
        description: description ?? null,
        scope: match.scope,
        score,
        any: match.any,
        all: match.all,
        none: match.none,
        near: match.near.map(({ groups: pair, within }) => ({ groups: pair, within })),
        has: match.has,
        lacks: match.lacks,
        sets: {
          lead: set.lead ?? null,
          resolved: set.resolved ?? null,
          categories: set.categories,
          risks: set.risks,
        },
      })),
      groups: Object.entries(rules.groups).map(([name, group]) => ({
        name,
        description: group.description ?? null,
        terms: group.terms.length,
        examples: group.terms.slice(0, EXAMPLE_TERMS),
        negated_by: group.negated_by.map((n) => n.group),
      })),
      industries: rules.industries.map(({ id, groups: names }) => ({ id, groups: names })),
    })),
  };
}
