import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../domain/roles.ts';
import { toShanghaiIso } from '../domain/shanghai-time.ts';
import { PermanentError } from '../errors.ts';
import { loadAll } from '../store/all-records.ts';
import type { Store } from '../store/store.ts';
import type { LedgerFilter } from './ledger-selection.ts';

export const EXPORT_KIND = 'lead-export';
/** An approval is for one download session, not a standing licence. */
const VALID_MS = 24 * 3_600_000;
/** Who may approve someone else's bulk export. */
export const APPROVER_ROLES: readonly Role[] = ['admin', 'hr'];

export type ExportStatus = 'pending' | 'approved' | 'rejected';

/** A bulk export of the ledger waiting for (or given) a second person's approval. */
export interface ExportRequest {
  id: string;
  requester: { name: string; role: Actor['role']; unit: string | null };
  filter: LedgerFilter;
  unmask: boolean;
  reason: string;
  rows: number;
  created_at: string;
  status: ExportStatus;
  decision: { by: string; at: string; note: string | null } | null;
  /** Until when the approved export may be downloaded. */
  expires_at: string | null;
}

type Person = Actor;

/** Records a request for a bulk export (audited); a second person must approve it. */
export async function requestExport(
  store: Store,
  input: { requester: Person; filter: LedgerFilter; unmask: boolean; reason: string; rows: number },
  now: Date,
): Promise<ExportRequest> {
  const request: ExportRequest = {
    id: randomUUID(),
    requester: {
      name: input.requester.name,
      role: input.requester.role,
      unit: 'unit' in input.requester ? (input.requester.unit ?? null) : null,
    },
    filter: input.filter,
    unmask: input.unmask,
    reason: input.reason,
    rows: input.rows,
    created_at: toShanghaiIso(now),
    status: 'pending',
    decision: null,
    expires_at: null,
  };
  await store.putRecord(EXPORT_KIND, request.id, request, null);
  await store.appendAudit({
    at: request.created_at,
    actor: request.requester.name,
    action: 'export.request',
    target_kind: EXPORT_KIND,
    target_id: request.id,
    reason: input.reason,
    after: { filter: input.filter, unmask: input.unmask, rows: input.rows },
  });
  return request;
}

/**
 * Approves or rejects a pending request. The approver must be another person: four eyes on every
 * bulk release of the ledger.
 */
export async function decideExport(
  store: Store,
  id: string,
  approver: Person,
  decision: 'approved' | 'rejected',
  note: string | null,
  now: Date,
): Promise<ExportRequest> {
  const record = await store.getRecord<ExportRequest>(EXPORT_KIND, id);
  if (!record) throw new PermanentError('没有这条导出申请', { code: 'not_found' });
  const request = record.data;
  if (approver.role === 'system' || !APPROVER_ROLES.includes(approver.role))
    throw new PermanentError('只有人社局或管理员可以审批导出', { code: 'forbidden' });
  if (request.requester.name === approver.name)
    throw new PermanentError('导出申请须由申请人以外的人审批', { code: 'forbidden' });
  if (request.status !== 'pending')
    throw new PermanentError('这条导出申请已经审批过了', { code: 'invalid_state' });
  const at = toShanghaiIso(now);
  const decided: ExportRequest = {
    ...request,
    status: decision,
    decision: { by: approver.name, at, note },
    expires_at: decision === 'approved' ? toShanghaiIso(new Date(now.getTime() + VALID_MS)) : null,
  };
  await store.putRecord(EXPORT_KIND, id, decided, record.version);
  await store.appendAudit({
    at,
    actor: approver.name,
    action: decision === 'approved' ? 'export.approve' : 'export.reject',
    target_kind: EXPORT_KIND,
    target_id: id,
    reason: note,
    before: { status: 'pending' },
    after: { status: decision, requester: request.requester.name, rows: request.rows },
  });
  return decided;
}

/** The approved request `person` may download now; otherwise why not, in Chinese. */
export async function approvedExport(
  store: Store,
  id: string,
  person: Person,
  now: Date,
): Promise<ExportRequest> {
  const request = (await store.getRecord<ExportRequest>(EXPORT_KIND, id))?.data;
  if (!request) throw new PermanentError('没有这条导出申请', { code: 'not_found' });
  if (request.requester.name !== person.name)
    throw new PermanentError('只有申请人可以下载审批通过的导出', { code: 'forbidden' });
  if (request.status !== 'approved')
    throw new PermanentError(request.status === 'pending' ? '导出申请尚未审批' : '导出申请未获批准', {
      code: 'invalid_state',
    });
  if (request.expires_at && Date.parse(request.expires_at) < now.getTime())
    throw new PermanentError('审批已过期（24 小时内有效），请重新申请', { code: 'invalid_state' });
  return request;
}

/** Requests an approver sees (all), or a requester's own; newest first. */
export async function listExports(store: Store, person: Person): Promise<ExportRequest[]> {
  return (await loadAll<ExportRequest>(store, EXPORT_KIND))
    .filter(
      (request) =>
        (person.role !== 'system' && APPROVER_ROLES.includes(person.role)) ||
        request.requester.name === person.name,
    )
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(0, 200);
}
