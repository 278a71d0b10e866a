import type { Actor } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { ConflictError, PermanentError } from '../errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import { loadLeads } from '../leads/lead-store.ts';
import type { Store, VersionedRecord } from '../store/store.ts';
import {
  applyDecision,
  assertCaseRole,
  CASE_KIND,
  type CaseFlag,
  type CaseStatus,
  type CaseSubjectRecord,
  caseIdFor,
  describeSubject,
  flagReasons,
  newCase,
  type PoliceCase,
  withGrownFlag,
} from './police-case.ts';

const ATTEMPTS = 5;

export interface SyncResult {
  /** Cases made for subjects that had none. */
  created: number;
  /** Cases, decided or not, whose subject gained flag reasons; decided ones went back to pending. */
  regrown: number;
  /** Subjects that qualify now; each has a case afterwards. */
  total: number;
}

/**
 * Puts every event and lead that qualifies (flagReasons) in the public-security queue: creates
 * the missing cases, and sends a decided case back to `pending` when its subject gained reasons
 * since. Idempotent: a second run with nothing new writes nothing.
 */
export async function syncReviewQueue(store: Store, now: Date = new Date()): Promise<SyncResult> {
  const at = toShanghaiIso(now);
  const result: SyncResult = { created: 0, regrown: 0, total: 0 };
  const subjects: CaseSubjectRecord[] = (await loadLeads(store)).map((lead) => ({ kind: 'lead', lead }));
  for await (const record of allRecords<EventRecord>(store, 'event'))
    subjects.push({ kind: 'event', event: record.data });
  for (const subject of subjects) {
    const flag = flagReasons(subject);
    if (!flag.qualifies) continue;
    result.total++;
    const outcome = await ensureCase(store, subject, flag, at);
    if (outcome !== 'unchanged') result[outcome]++;
  }
  return result;
}

async function ensureCase(
  store: Store,
  subject: CaseSubjectRecord,
  flag: CaseFlag,
  at: string,
): Promise<'created' | 'regrown' | 'unchanged'> {
  const id = caseIdFor(describeSubject(subject));
  for (let attempt = 1; ; attempt++) {
    const current = await store.getRecord<PoliceCase>(CASE_KIND, id);
    const next = current ? withGrownFlag(current.data, flag, at) : newCase(subject, flag, at);
    if (!next) return 'unchanged';
    try {
      await store.putRecord(CASE_KIND, id, next, current?.version ?? null);
    } catch (error) {
      // Another sync created or changed it first: re-read, and add only what is still new.
      if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
    await store.appendAudit({
      at,
      actor: 'system',
      action: current ? 'case.reflag' : 'case.flag',
      target_kind: CASE_KIND,
      target_id: id,
      reason: next.flag_history.at(-1)?.added.join('；') ?? null,
      before: current ? { status: current.data.status, reasons: current.data.reasons } : null,
      after: { status: next.status, reasons: next.reasons },
    });
    return current ? 'regrown' : 'created';
  }
}

/**
 * The cases, most recently queued first (the last time a case was flagged or gained reasons),
 * optionally only those in one status.
 */
export async function listCases(store: Store, filter: { status?: CaseStatus } = {}): Promise<PoliceCase[]> {
  const cases: PoliceCase[] = [];
  for await (const record of allRecords<PoliceCase>(store, CASE_KIND)) {
    if (!filter.status || record.data.status === filter.status) cases.push(record.data);
  }
  const queuedAt = (c: PoliceCase) => Date.parse(c.flag_history.at(-1)?.at ?? c.flagged_at);
  return cases.sort((a, b) => queuedAt(b) - queuedAt(a) || (a.id < b.id ? -1 : 1));
}

/**
 * Records public security's decision on a case (police or admin only; a reason always, the
 * receiving body for a transfer), audited with before and after. Re-reads and tries again if
 * another writer got there first.
 */
export async function decideCase(
  store: Store,
  caseId: string,
  input: unknown,
  actor: Actor,
  now: Date = new Date(),
): Promise<PoliceCase> {
  assertCaseRole(actor, '研判该案件');
  const at = toShanghaiIso(now);
  for (let attempt = 1; ; attempt++) {
    const current = await store.getRecord<PoliceCase>(CASE_KIND, caseId);
    if (!current) throw new PermanentError(`没有该案件：${caseId}`, { code: 'unknown_case' });
    const next = applyDecision(current.data, input, actor, at);
    try {
      await store.putRecord(CASE_KIND, caseId, next, current.version);
    } catch (error) {
      if (error instanceof ConflictError && attempt < ATTEMPTS) continue;
      throw error;
    }
    const entry = next.decisions.at(-1)!;
    await store.appendAudit({
      at,
      actor: actor.name,
      action: 'case.decide',
      target_kind: CASE_KIND,
      target_id: caseId,
      reason: entry.reason,
      before: { status: current.data.status, decision: current.data.decisions.at(-1)?.decision ?? null },
      after: { status: next.status, decision: entry.decision, transfer_to: entry.transfer_to ?? null },
    });
    return next;
  }
}

/** Every record of one kind, page by page. */
async function* allRecords<T>(store: Store, kind: string, pageSize = 500): AsyncIterable<VersionedRecord<T>> {
  let after: string | undefined;
  for (;;) {
    const page = await store.listRecords<T>(kind, { limit: pageSize, ...(after ? { after } : {}) });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]?.id;
  }
}
