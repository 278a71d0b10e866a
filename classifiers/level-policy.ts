import type { Category, Level, Risk } from '../src/domain/classification.ts';
import type { LevelCondition, LevelPolicy } from './rules/rule-schema.ts';

/** The facts a level decision looks at. */
export interface LevelFacts {
  lead: boolean;
  resolved: boolean;
  risks: readonly Risk[];
  categories: readonly Category[];
  score: number;
  workers: number | null;
  amountYuan: number | null;
  crimeThresholdReached: boolean;
}

/** First policy entry whose conditions all hold; `none` when nothing matches. */
export function decideLevel(policy: LevelPolicy, facts: LevelFacts): Level {
  for (const entry of policy.levels) if (holds(entry.when, facts)) return entry.level;
  return 'none';
}

function holds(condition: LevelCondition, facts: LevelFacts): boolean {
  if (condition.lead !== undefined && condition.lead !== facts.lead) return false;
  if (condition.resolved !== undefined && condition.resolved !== facts.resolved) return false;
  if (condition.risks_any && !condition.risks_any.some((r) => facts.risks.includes(r))) return false;
  if (condition.categories_any && !condition.categories_any.some((c) => facts.categories.includes(c)))
    return false;
  if (condition.min_score !== undefined && facts.score < condition.min_score) return false;
  if (condition.min_workers !== undefined && (facts.workers ?? 0) < condition.min_workers) return false;
  if (condition.min_amount_yuan !== undefined && (facts.amountYuan ?? 0) < condition.min_amount_yuan)
    return false;
  return condition.crime_threshold === undefined || facts.crimeThresholdReached;
}
