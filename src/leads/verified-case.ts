import type { Lead } from './lead-record.ts';

/**
 * Whether a lead's arrears were found real: verified or resolved, closed after a resolution, or
 * verified and then reopened. A lead found unfounded, or closed without payment (after 不属实,
 * or forwarded out of the county), is not: it must not make a company a repeat offender. Nor is
 * one merged into another lead: that lead carries its case.
 */
export function isVerifiedCase(lead: Lead): boolean {
  const { work } = lead;
  if (work.merged_into) return false;
  if (work.state === 'verified' || work.state === 'resolved') return true;
  if (work.state === 'closed') return work.resolution !== null;
  return work.state !== 'unfounded' && work.verification !== null;
}
