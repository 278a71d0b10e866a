import type { Classification } from '../src/domain/classification.ts';
import { extractAmount } from './extract/amount.ts';
import { extractMonthsOwed } from './extract/duration.ts';
import { extractOrgs } from './extract/orgs.ts';
import { findPii } from './extract/pii.ts';
import { extractPlace } from './extract/place.ts';
import { findQuantities } from './extract/quantities.ts';
import { extractWorkers } from './extract/workers.ts';

/** Facts rules may require with `has:`. */
export const FACT_NAMES = ['amount', 'workers', 'group', 'months', 'org', 'place'] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** What the extractors read from a text, before any rule looks at it. */
export type Facts = Pick<
  Classification,
  'amount_yuan' | 'amount_range' | 'workers' | 'workers_range' | 'months_owed' | 'place' | 'orgs' | 'pii'
>;

/** The facts, and which of them the text states outright (an inferred single worker is not stated). */
export function extractFacts(
  normalizedText: string,
  townNames: readonly string[],
): { facts: Facts; stated: ReadonlySet<FactName> } {
  const quantities = findQuantities(normalizedText);
  const amount = extractAmount(normalizedText, quantities);
  const workers = extractWorkers(normalizedText, quantities);
  const facts: Facts = {
    amount_yuan: amount.yuan,
    amount_range: amount.range,
    workers: workers.count,
    workers_range: workers.range,
    months_owed: extractMonthsOwed(normalizedText, quantities),
    place: extractPlace(normalizedText, townNames),
    orgs: extractOrgs(normalizedText),
    pii: findPii(normalizedText),
  };
  const stated = presentFacts(facts);
  if (workers.inferred) {
    stated.delete('workers');
    stated.delete('group');
  }
  return { facts, stated };
}

/** Which of the named facts are present (a vague figure counts). */
function presentFacts(facts: Facts): Set<FactName> {
  const present = new Set<FactName>();
  if (facts.amount_yuan !== null || facts.amount_range !== null) present.add('amount');
  if (facts.workers !== null || facts.workers_range !== null) present.add('workers');
  if ((facts.workers ?? facts.workers_range?.min ?? 0) >= 3) present.add('group');
  if (facts.months_owed !== null) present.add('months');
  if (facts.orgs.length > 0) present.add('org');
  if (facts.place !== null) present.add('place');
  return present;
}
