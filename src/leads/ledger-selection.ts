import { z } from 'zod';
import { LEAD_STATES, type Lead } from './lead-record.ts';

/** The ledger's filters, the same for the list, the console and the export. */
export const ledgerFilterSchema = z.strictObject({
  state: z.enum(LEAD_STATES).optional(),
  town: z.string().trim().min(1).max(40).optional(),
});
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>;

/** The leads a filter selects among those `visible` to the reader, newest first. */
export function selectLedger(
  leads: readonly Lead[],
  filter: LedgerFilter,
  visible: (lead: Lead) => boolean,
): Lead[] {
  return leads
    .filter(visible)
    .filter((lead) => !filter.state || lead.work.state === filter.state)
    .filter((lead) => !filter.town || (lead.work.owner_town ?? lead.facts.town) === filter.town)
    .sort((a, b) => b.facts.first_received_at.localeCompare(a.facts.first_received_at));
}
