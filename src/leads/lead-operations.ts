import { createHash } from 'node:crypto';
import type { Actor } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { applyLeadAction, type LeadActionContext } from './lead-actions.ts';
import { deriveLeadFacts, type LeadFactsContext } from './lead-facts.ts';
import type { LeadIndex } from './lead-index.ts';
import { mergeLeads } from './lead-merge.ts';
import type { Lead, LeadReport } from './lead-record.ts';
import { emptyWork, LEAD_KIND, saveLead } from './lead-store.ts';
import { onlineSourceOf } from './online-lead.ts';

export interface LeadOperationsDeps {
  store: Store;
  index: LeadIndex;
  facts: Omit<LeadFactsContext, 'repeatOffender'>;
  towns: readonly string[];
  deadlineFor: LeadActionContext['deadlineFor'];
  now?: () => Date;
}

const TRIES = 8;

/**
 * What people do to leads, each step read, checked, written at the version read and audited
 * with who, when, before and after: the actions of the state machine, merging leads the matching
 * kept apart, and splitting a wrong merge.
 */
export function createLeadOperations(deps: LeadOperationsDeps) {
  const now = deps.now ?? (() => new Date());

  async function load(id: string) {
    const record = await deps.store.getRecord<Lead>(LEAD_KIND, id);
    if (!record) throw new PermanentError(`没有编号为 ${id} 的线索`, { code: 'not_found' });
    return record;
  }

  async function act(id: string, input: unknown, actor: Actor, reason?: string): Promise<Lead> {
    for (let attempt = 1; ; attempt++) {
      const record = await load(id);
      const at = toShanghaiIso(now());
      const next = applyLeadAction(record.data, input, actor, {
        now: at,
        towns: deps.towns,
        deadlineFor: deps.deadlineFor,
      });
      try {
        await saveLead(deps.store, next, record.version, {
          actor: actor.name,
          action: `lead.${(input as { action: string }).action}`,
          reason: reason ?? null,
          before: record.data.work,
          after: next.work,
        });
        return next;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= TRIES) throw error;
      }
    }
  }

  /**
   * Undoes a wrong merge: the named reports leave lead `id` for a new lead of their own, and both
   * leads' facts are worked out again from the reports each now holds. The new lead starts over
   * (待分派 or routed by its place); the old one keeps its work.
   */
  async function split(
    id: string,
    reportRefs: readonly { source: string; external_id: string }[],
    actor: Actor,
    reason: string,
  ): Promise<{ kept: Lead; split_off: Lead }> {
    if (actor.role !== 'hr' && actor.role !== 'admin')
      throw new PermanentError('只有人社局或管理员可以拆分线索', { code: 'forbidden' });
    if (!reason.trim()) throw new PermanentError('拆分须说明原因', { code: 'invalid_action' });
    const record = await load(id);
    const lead = record.data;
    if (lead.work.merged_into)
      throw new PermanentError(`线索 ${id} 已并入 ${lead.work.merged_into.id}，请拆分该线索`, {
        code: 'invalid_action',
      });
    const isMoved = (r: Lead['reports'][number]) =>
      reportRefs.some((ref) => ref.source === r.source && ref.external_id === r.external_id);
    const moved = lead.reports.filter(isMoved);
    const kept = lead.reports.filter((r) => !isMoved(r));
    if (moved.length !== reportRefs.length)
      throw new PermanentError('要拆出的来源记录不在这条线索里', { code: 'invalid_action' });
    if (kept.length === 0)
      throw new PermanentError('拆分后原线索不能没有来源记录', { code: 'invalid_action' });
    const at = toShanghaiIso(now());
    const newId = `${id}-S${createHash('sha256')
      .update(moved.map((r) => `${r.source}\n${r.external_id}`).join('\n'))
      .digest('hex')
      .slice(0, 4)}`;
    const ctx = { ...deps.facts, repeatOffender: lead.repeat_of.length > 0 };
    // Counted reposts go with their event's posts when none of those stays behind.
    const [movedReposts, keptReposts] = splitReposts(lead.reposts ?? {}, moved, kept);
    const keptLead: Lead = {
      ...lead,
      reposts: keptReposts,
      reports: kept,
      facts: deriveLeadFacts(kept, ctx),
      split: { ...lead.split, into: [...lead.split.into, newId] },
      updated_at: at,
    };
    const facts = deriveLeadFacts(moved, ctx);
    const routed = facts.town && !facts.outside_county;
    const splitOff: Lead = {
      id: newId,
      created_at: at,
      updated_at: at,
      reports: moved,
      reposts: movedReposts,
      facts,
      work: routed
        ? { ...emptyWork(), state: 'assigned', owner_town: facts.town, owner_departments: facts.departments }
        : emptyWork(),
      split: { from: id, into: [] },
      repeat_of: lead.repeat_of,
    };
    // The new lead first: a crash after it leaves both holding the moved reports, which a retry
    // of the same split settles (same new id, already there); the other order could lose them.
    if (!(await deps.store.getRecord<Lead>(LEAD_KIND, newId)))
      await saveLead(deps.store, splitOff, null, {
        actor: actor.name,
        action: 'lead.split_off',
        reason,
        after: { from: id, reports: moved.length },
      });
    await saveLead(deps.store, keptLead, record.version, {
      actor: actor.name,
      action: 'lead.split',
      reason,
      before: { reports: lead.reports.length },
      after: { reports: kept.length, into: newId },
    });
    for (const r of moved)
      await deps.index.putIntakeEntry(
        r.source,
        r.external_id,
        { lead_id: newId, digest: r.digest },
        (await deps.index.intakeEntry(r.source, r.external_id))?.version ?? null,
      );
    for (const externalId of Object.values(movedReposts).flat()) {
      const source = onlineSourceOf(externalId);
      const entry = await deps.index.intakeEntry(source, externalId);
      if (entry && entry.data.lead_id !== newId)
        await deps.index.putIntakeEntry(source, externalId, { ...entry.data, lead_id: newId }, entry.version);
    }
    const droppedKeys = lead.facts.match_keys.filter((k) => !keptLead.facts.match_keys.includes(k));
    await deps.index.setKeys(id, keptLead.facts.match_keys, droppedKeys);
    await deps.index.setKeys(newId, facts.match_keys);
    return { kept: keptLead, split_off: splitOff };
  }

  async function merge(targetId: string, mergedIds: readonly string[], actor: Actor, reason: string) {
    return mergeLeads({ ...deps, now }, targetId, mergedIds, actor, reason);
  }

  return { act, split, merge, load };
}

export type LeadOperations = ReturnType<typeof createLeadOperations>;

/** A lead's counted reposts split as its reports are: an event's go where all its posts go. */
function splitReposts(
  reposts: Readonly<Record<string, string[]>>,
  moved: readonly LeadReport[],
  kept: readonly LeadReport[],
): [moved: Record<string, string[]>, kept: Record<string, string[]>] {
  const stays = new Set(kept.map((r) => r.post?.event_id));
  const goes = new Set(moved.map((r) => r.post?.event_id));
  const out: Record<string, string[]> = {};
  const remain: Record<string, string[]> = {};
  for (const [eventId, ids] of Object.entries(reposts)) {
    if (goes.has(eventId) && !stays.has(eventId)) out[eventId] = ids;
    else remain[eventId] = ids;
  }
  return [out, remain];
}
