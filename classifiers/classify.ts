import type { Category, Classification, Risk, RuleHit } from '../src/domain/classification.ts';
import type { TownFinder } from './gazetteer.ts';
import { decideLevel } from './level-policy.ts';
import { normalizeText } from './normalize.ts';
import { type CompiledRuleSet, ruleFires, termsBehind } from './rules/compile-rules.ts';
import type { LevelPolicy } from './rules/rule-schema.ts';
import type { Segmenter } from './segmenter.ts';

export interface ClassifierDeps {
  rules: CompiledRuleSet;
  levels: LevelPolicy;
  findTown: TownFinder;
  segmenter: Segmenter;
}

export interface ClassifierInput {
  title?: string | null;
  text: string;
}

export type Classifier = (input: ClassifierInput) => Classification;

/** A pure classifier: same text and rules, same answer; no I/O, no clock. */
export function createClassifier(deps: ClassifierDeps): Classifier {
  return (input) => {
    const text = normalizeText(input.title ? `${input.title}。${input.text}` : input.text);
    const matches = deps.rules.matcher.match(deps.segmenter.cut(text));
    const hits: RuleHit[] = [];
    const categories = new Set<Category>();
    const risks = new Set<Risk>();
    let leadVotes = 0;
    let vetoed = false;
    let resolved = false;
    let score = 0;
    for (const rule of deps.rules.rules) {
      if (!ruleFires(rule, matches)) continue;
      hits.push({ rule: rule.id, terms: termsBehind(rule, matches), score: rule.score });
      score += rule.score;
      for (const category of rule.set.categories) categories.add(category);
      for (const risk of rule.set.risks) risks.add(risk);
      if (rule.set.lead === true) leadVotes++;
      if (rule.set.lead === false) vetoed = true;
      if (rule.set.resolved === true) resolved = true;
    }
    const lead = leadVotes > 0 && !vetoed;
    const facts = { lead, resolved, risks: [...risks], categories: [...categories], score };
    return {
      ...facts,
      town: deps.findTown(text),
      level: decideLevel(deps.levels, facts),
      hits,
    };
  };
}
