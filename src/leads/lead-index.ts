import { createHash } from 'node:crypto';
import { ConflictError } from '../errors.ts';
import type { RecordAccess } from '../store/store.ts';

/** The leads that ever carried one match key, newest last; kept across campaigns for 回头看. */
interface KeyEntry {
  lead_ids: string[];
}

/** Where one (source, external id) went, and the digest of what was received. */
export interface IntakeEntry {
  lead_id: string;
  digest: string;
}

const KEY_KIND = 'lead-key';
const INTAKE_KIND = 'lead-intake';

/**
 * Lookups that leads need beyond their own records, kept as versioned records in the store so
 * every process sees the same: match key → leads, and (source, external id) → lead.
 */
export function createLeadIndex(store: RecordAccess) {
  return {
    async leadsWithKeys(keys: readonly string[]): Promise<Map<string, string[]>> {
      const found = new Map<string, string[]>();
      for (const key of keys) {
        const entry = await store.getRecord<KeyEntry>(KEY_KIND, key);
        if (entry) found.set(key, entry.data.lead_ids);
      }
      return found;
    },
    /** Adds `leadId` under each key, and takes it out of `dropped` keys (after a split). */
    async setKeys(leadId: string, keys: readonly string[], dropped: readonly string[] = []): Promise<void> {
      for (const key of keys)
        await updateKey(store, key, (ids) => (ids.includes(leadId) ? ids : [...ids, leadId]));
      for (const key of dropped) await updateKey(store, key, (ids) => ids.filter((id) => id !== leadId));
    },
    async intakeEntry(source: string, externalId: string) {
      return store.getRecord<IntakeEntry>(INTAKE_KIND, intakeId(source, externalId));
    },
    async putIntakeEntry(source: string, externalId: string, entry: IntakeEntry, version: string | null) {
      return store.putRecord<IntakeEntry>(INTAKE_KIND, intakeId(source, externalId), entry, version);
    },
  };
}

export type LeadIndex = ReturnType<typeof createLeadIndex>;

async function updateKey(
  store: RecordAccess,
  key: string,
  change: (ids: string[]) => string[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const current = await store.getRecord<KeyEntry>(KEY_KIND, key);
    const ids = current?.data.lead_ids ?? [];
    const next = change(ids);
    if (current && next.length === ids.length && next.every((id, i) => id === ids[i])) return;
    try {
      await store.putRecord<KeyEntry>(KEY_KIND, key, { lead_ids: next }, current?.version ?? null);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 10) throw error;
    }
  }
}

/** Hashed, so any external id (slashes, spaces, 200 characters) makes a safe record id. */
function intakeId(source: string, externalId: string): string {
  return createHash('sha256').update(`${source}\n${externalId}`).digest('hex').slice(0, 40);
}
