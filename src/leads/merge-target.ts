import type { RecordAccess, VersionedRecord } from '../store/store.ts';
import type { LeadIndex } from './lead-index.ts';
import { isOwnCase, type Lead, type LeadState } from './lead-record.ts';
import { isVerifiedCase } from './verified-case.ts';

const DAY_MS = 86_400_000;
/** A case still being worked, or worked recently enough that a new report is the same case. */
const MERGEABLE: readonly LeadState[] = ['new', 'assigned', 'verifying', 'verified', 'resolved'];

/**
 * The lead a new report belongs to: one sharing a match key (company, project, phone, ID
 * number), still mergeable, and last reported within the window. Of several, the one sharing
 * the most keys, then the most recent. A lead of the same online event comes before all. A lead
 * that shares only a project, and whose township is known and not the report's (`town`), is not
 * the same case.
 */
export async function findMergeTarget(
  store: RecordAccess,
  index: LeadIndex,
  keys: readonly string[],
  receivedAt: string,
  windowDays: number,
  town: string | null = null,
): Promise<VersionedRecord<Lead> | null> {
  const withKeys = await index.leadsWithKeys(keys);
  // A later post in the same incident belongs to its lead whatever became of it (it may reopen
  // it). Looked at first: most online reports are such posts, and leads of a busy company are
  // large records not worth reading when the answer is already known.
  const sameEvent = new Set(
    [...withKeys].filter(([key]) => key.startsWith('event:')).flatMap(([, ids]) => ids),
  );
  const read = new Map<string, VersionedRecord<Lead> | null>();
  for (const id of sameEvent) {
    const record = await store.getRecord<Lead>('lead', id);
    if (record && isOwnCase(record.data)) return record;
    read.set(id, record);
  }
  const shared = new Map<string, number>();
  /** Leads met through a key other than a project's. */
  const strongly = new Set<string>();
  for (const [key, ids] of withKeys)
    for (const id of ids) {
      shared.set(id, (shared.get(id) ?? 0) + 1);
      if (!key.startsWith('project:')) strongly.add(id);
    }
  const at = Date.parse(receivedAt);
  let best: { record: VersionedRecord<Lead>; keys: number; last: number } | null = null;
  for (const [id, count] of shared) {
    const record = read.has(id) ? read.get(id) : await store.getRecord<Lead>('lead', id);
    if (!record || !MERGEABLE.includes(record.data.work.state)) continue;
    // A project named only by its kind (安置房项目, 河道治理工程) is built in many townships: met
    // through the project alone, a lead of another township is another case.
    const leadTown = record.data.work.owner_town ?? record.data.facts.town;
    if (!strongly.has(id) && town && leadTown && town !== leadTown) continue;
    const last = Math.max(...record.data.reports.map((r) => Date.parse(r.received_at)));
    if (Math.abs(at - last) > windowDays * DAY_MS) continue;
    if (!best || count > best.keys || (count === best.keys && last > best.last))
      best = { record, keys: count, last };
  }
  return best?.record ?? null;
}

/** Earlier leads about the same company or project whose arrears were verified (回头看). */
export async function verifiedEarlier(
  store: RecordAccess,
  index: LeadIndex,
  keys: readonly string[],
  leadId: string,
): Promise<string[]> {
  const orgKeys = keys.filter((k) => k.startsWith('company:') || k.startsWith('project:'));
  const ids = new Set([...(await index.leadsWithKeys(orgKeys)).values()].flat());
  ids.delete(leadId);
  const earlier: string[] = [];
  for (const id of ids) {
    const record = await store.getRecord<Lead>('lead', id);
    if (record && isVerifiedCase(record.data)) earlier.push(id);
  }
  return earlier.sort();
}
