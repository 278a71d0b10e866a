import { loadAll } from '../store/all-records.ts';
import type { RecordAccess, Store, VersionedRecord } from '../store/store.ts';
import type { Lead, LeadWork } from './lead-record.ts';

export const LEAD_KIND = 'lead';

export function emptyWork(): LeadWork {
  return {
    state: 'new',
    owner_town: null,
    owner_departments: [],
    routed_by_hand: false,
    signed: null,
    due_at: null,
    deadline_days: null,
    supervision: { step: 'none', at: null },
    returns: [],
    verification: null,
    unfounded_reason: null,
    resolution: null,
    follow_up: null,
    reopened: [],
    closed: null,
    forwarded: null,
  };
}

export interface LeadAuditNote {
  actor: string;
  action: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes a lead at the version it was read (ConflictError if someone else wrote in between)
 * together with its audit entry, so a change is never left unaudited (store.ts says how each
 * store keeps the two together).
 */
export async function saveLead(
  store: RecordAccess,
  lead: Lead,
  version: string | null,
  note: LeadAuditNote,
): Promise<VersionedRecord<Lead>> {
  return store.putRecord<Lead>(LEAD_KIND, lead.id, lead, version, {
    at: lead.updated_at,
    actor: note.actor,
    action: note.action,
    target_kind: LEAD_KIND,
    target_id: lead.id,
    reason: note.reason ?? null,
    before: note.before ?? null,
    after: note.after ?? null,
  });
}

export async function loadLeads(store: Store): Promise<Lead[]> {
  return loadAll<Lead>(store, LEAD_KIND);
}
