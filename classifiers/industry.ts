import type { Industry } from '../src/domain/classification.ts';
import type { IndustryRule } from './rules/rule-schema.ts';
import type { GroupMatches } from './term-matcher.ts';

/**
 * The sector of the owed workers: the first industry, in config order, whose groups match.
 * Order is priority because general building words (工地, 施工, 包工头) appear in road, water
 * and developer projects too; the specific sectors are listed first and win. Only a concrete
 * case (a lead or a settled story) has owed workers; wage texts with no sector words are `other`.
 */
export function decideIndustry(
  industries: readonly IndustryRule[],
  matches: GroupMatches,
  concreteCase: boolean,
): Industry {
  if (!concreteCase) return 'none';
  const found = industries.find((industry) => industry.groups.some((group) => matches.has(group)));
  return found?.id ?? 'other';
}
