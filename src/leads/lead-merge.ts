import type { Actor } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import type { Store, VersionedRecord } from '../store/store.ts';
import { deriveLeadFacts, type LeadFactsContext } from './lead-facts.ts';
import type { LeadIndex } from './lead-index.ts';
import { isOwnCase, type Lead, type LeadReport, OPEN_STATES } from './lead-record.ts';
import { LEAD_KIND, saveLead } from './lead-store.ts';

export interface LeadMergeDeps {
  store: Store;
  index: LeadIndex;
  facts: Omit<LeadFactsContext, 'repeatOffender'>;
  now: () => Date;
}

const TRIES = 8;
/** More at once is a data-cleaning job, not a ledger action. */
export const MERGE_MAX = 20;

const sameReport = (a: LeadReport, b: LeadReport) => a.source === b.source && a.external_id === b.external_id;

/**
 * Merges leads the automatic matching kept apart (a complainant who gave a different phone, a
 * company under two names): their reports move to lead `targetId`, whose facts are worked out
 * again, and each merged lead is closed as 「已并入」 with its work kept for the record.
 *
 * Order matters for a crash halfway: the target is written first (its reports de-duplicated, so a
 * retry adds nothing twice), then each merged lead, then the indexes; a retry of the same merge
 * finishes the job. The target keeps its own state, owner and deadline.
 */
export async function mergeLeads(
  deps: LeadMergeDeps,
  targetId: string,
  mergedIds: readonly string[],
  actor: Actor,
  reason: string,
): Promise<{ target: Lead; merged: Lead[] }> {
  if (actor.role !== 'hr' && actor.role !== 'admin')
    throw new PermanentError('只有人社局或管理员可以合并线索', { code: 'forbidden' });
  if (!reason.trim()) throw new PermanentError('合并须说明原因', { code: 'invalid_action' });
  const ids = [...new Set(mergedIds)];
  if (ids.length === 0) throw new PermanentError('请选择要并入的线索', { code: 'invalid_action' });
  if (ids.length > MERGE_MAX)
    throw new PermanentError(`一次最多合并 ${MERGE_MAX} 条线索`, { code: 'invalid_action' });
  if (ids.includes(targetId)) throw new PermanentError('线索不能并入自身', { code: 'invalid_action' });

  const sources = await Promise.all(ids.map((id) => load(deps.store, id)));
  for (const { data } of sources) {
    if (data.work.merged_into?.id === targetId) continue; // a retry after a crash
    if (!OPEN_STATES.includes(data.work.state) || !isOwnCase(data))
      throw new PermanentError(`线索 ${data.id} 已办结、转办或并入其他线索，不能再合并`, {
        code: 'invalid_action',
      });
  }
  const target = await writeTarget(deps, targetId, sources, actor, reason);
  const merged: Lead[] = [];
  for (const { data } of sources) merged.push(await closeMerged(deps, data.id, targetId, actor, reason));

  for (const { data } of sources) {
    for (const r of data.reports)
      await deps.index.putIntakeEntry(
        r.source,
        r.external_id,
        { lead_id: targetId, digest: r.digest },
        (await deps.index.intakeEntry(r.source, r.external_id))?.version ?? null,
      );
    await deps.index.setKeys(data.id, [], data.facts.match_keys);
  }
  await deps.index.setKeys(targetId, target.facts.match_keys);
  return { target, merged };
}

async function load(store: Store, id: string): Promise<VersionedRecord<Lead>> {
  const record = await store.getRecord<Lead>(LEAD_KIND, id);
  if (!record) throw new PermanentError(`没有编号为 ${id} 的线索`, { code: 'not_found' });
  return record;
}

async function writeTarget(
  deps: LeadMergeDeps,
  targetId: string,
  sources: readonly VersionedRecord<Lead>[],
  actor: Actor,
  reason: string,
): Promise<Lead> {
  for (let attempt = 1; ; attempt++) {
    const record = await load(deps.store, targetId);
    const lead = record.data;
    if (!isOwnCase(lead) || lead.work.state === 'closed')
      throw new PermanentError(`目标线索 ${targetId} 已办结、转办或并入其他线索，不能接收合并`, {
        code: 'invalid_action',
      });
    const reports = [...lead.reports];
    for (const { data } of sources)
      for (const report of data.reports)
        if (!reports.some((r) => sameReport(r, report))) reports.push(report);
    const repeatOf = [...new Set([...lead.repeat_of, ...sources.flatMap((s) => s.data.repeat_of)])].sort();
    const next: Lead = {
      ...lead,
      reports,
      reposts: mergedReposts([lead, ...sources.map((s) => s.data)]),
      facts: deriveLeadFacts(reports, { ...deps.facts, repeatOffender: repeatOf.length > 0 }),
      repeat_of: repeatOf,
      merged_from: [...new Set([...(lead.merged_from ?? []), ...sources.map((s) => s.data.id)])],
      updated_at: toShanghaiIso(deps.now()),
    };
    try {
      await saveLead(deps.store, next, record.version, {
        actor: actor.name,
        action: 'lead.merge_in',
        reason,
        before: { reports: lead.reports.length },
        after: { reports: reports.length, from: sources.map((s) => s.data.id) },
      });
      return next;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= TRIES) throw error;
    }
  }
}

async function closeMerged(
  deps: LeadMergeDeps,
  id: string,
  targetId: string,
  actor: Actor,
  reason: string,
): Promise<Lead> {
  for (let attempt = 1; ; attempt++) {
    const record = await load(deps.store, id);
    if (record.data.work.merged_into?.id === targetId) return record.data;
    const at = toShanghaiIso(deps.now());
    const next: Lead = {
      ...record.data,
      work: {
        ...record.data.work,
        state: 'closed',
        closed: { by: actor.name, at, note: `已并入线索 ${targetId}` },
        merged_into: { id: targetId, reason, by: actor.name, at },
      },
      updated_at: at,
    };
    try {
      await saveLead(deps.store, next, record.version, {
        actor: actor.name,
        action: 'lead.merged_into',
        reason,
        before: { state: record.data.work.state },
        after: { state: 'closed', merged_into: targetId },
      });
      return next;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= TRIES) throw error;
    }
  }
}

/** The counted reposts of leads merged into one, each post once. */
function mergedReposts(leads: readonly Lead[]): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const lead of leads)
    for (const [eventId, ids] of Object.entries(lead.reposts ?? {}))
      merged[eventId] = [...new Set([...(merged[eventId] ?? []), ...ids])];
  return merged;
}
