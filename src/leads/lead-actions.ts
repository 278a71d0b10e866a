import { z } from 'zod';
import type { Actor, Role } from '../domain/roles.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { PermanentError } from '../errors.ts';
import { isOwnCase, type Lead, type LeadState, OPEN_STATES } from './lead-record.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-01');

/** Everything anyone can do to a lead, each with the fields it needs. */
export const leadActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('assign'),
    town: text(40),
    departments: z.array(text(20)).min(1).optional(),
  }),
  z.strictObject({ action: z.literal('forward'), to: text(100), note: text(500) }),
  z.strictObject({ action: z.literal('sign') }),
  z.strictObject({ action: z.literal('return'), reason: text(500) }),
  z.strictObject({ action: z.literal('verify'), note: text(2000) }),
  z.strictObject({ action: z.literal('unfound'), reason: text(2000) }),
  z.strictObject({
    action: z.literal('resolve'),
    paid_yuan: z.number().nonnegative(),
    workers_paid: z.int().nonnegative(),
    paid_on: day,
    note: text(2000),
  }),
  z.strictObject({
    action: z.literal('follow_up'),
    result: z.enum(['satisfied', 'unsatisfied', 'unreachable']),
    note: text(1000),
  }),
  z.strictObject({ action: z.literal('close'), note: text(1000).optional() }),
  z.strictObject({ action: z.literal('reopen'), reason: text(1000) }),
]);
export type LeadAction = z.infer<typeof leadActionSchema>;
export type LeadActionName = LeadAction['action'];

type Who = Role | 'system' | 'owner';

/** From which states each action may start, and who may take it (`owner`: the owning unit). */
const RULES: Readonly<Record<LeadActionName, { from: readonly LeadState[]; who: readonly Who[] }>> = {
  assign: { from: ['new', 'assigned'], who: ['admin', 'hr'] },
  forward: { from: ['new'], who: ['admin', 'hr'] },
  sign: { from: ['assigned'], who: ['owner'] },
  return: { from: ['assigned'], who: ['owner'] },
  verify: { from: ['verifying'], who: ['owner', 'hr', 'admin'] },
  unfound: { from: ['verifying'], who: ['owner', 'hr', 'admin'] },
  resolve: { from: ['verified'], who: ['owner', 'hr', 'admin'] },
  follow_up: { from: ['resolved'], who: ['owner', 'hr', 'admin'] },
  close: { from: ['resolved', 'unfounded'], who: ['hr', 'admin'] },
  reopen: { from: ['resolved', 'closed', 'unfounded'], who: ['hr', 'admin', 'system'] },
};

export const LEAD_ACTION_ZH: Readonly<Record<LeadActionName, string>> = {
  assign: '分派',
  forward: '转办',
  sign: '签收',
  return: '退单',
  verify: '核实',
  unfound: '认定不属实',
  resolve: '解决',
  follow_up: '回访',
  close: '办结',
  reopen: '重新打开',
};

export interface LeadActionContext {
  now: string;
  towns: readonly string[];
  /** The deadline that starts when the owning unit signs. */
  deadlineFor(lead: Lead, signedAt: string): { days: number; due_at: string };
}

/** Whether `actor` belongs to a unit that owns the lead (its township or one of its departments). */
export function ownsLead(actor: Actor, lead: Lead): boolean {
  if (actor.role !== 'unit' || !actor.unit) return false;
  return lead.work.owner_town === actor.unit || lead.work.owner_departments.includes(actor.unit);
}

/** Whether `actor` may take `action` on `lead` in its present state; the reason in Chinese if not. */
export function checkLeadAction(lead: Lead, action: LeadActionName, actor: Actor): string | null {
  const rule = RULES[action];
  const allowed = rule.who.includes(actor.role) || (rule.who.includes('owner') && ownsLead(actor, lead));
  if (!allowed) return `无权对该线索执行“${LEAD_ACTION_ZH[action]}”`;
  if (!rule.from.includes(lead.work.state)) return `线索当前状态不能执行“${LEAD_ACTION_ZH[action]}”`;
  return null;
}

/** What the ledger offers beyond the state machine: merging leads and splitting a wrong merge. */
export type LedgerActionName = LeadActionName | 'merge' | 'split';

/**
 * The actions `actor` may take on `lead` now, so the console offers only those (the server checks
 * again on every request).
 */
export function allowedLeadActions(lead: Lead, actor: Actor): LedgerActionName[] {
  const allowed: LedgerActionName[] = (Object.keys(RULES) as LeadActionName[]).filter(
    (action) => checkLeadAction(lead, action, actor) === null,
  );
  const organizer = actor.role === 'hr' || actor.role === 'admin';
  if (organizer && isOwnCase(lead) && OPEN_STATES.includes(lead.work.state)) allowed.push('merge');
  if (organizer && !lead.work.merged_into && lead.reports.length > 1) allowed.push('split');
  return allowed;
}

/**
 * Applies one action to a lead: checks the role, the state and the fields, and returns the lead
 * as it is after. Pure: the caller stores it (with its version) and writes the audit entry.
 */
export function applyLeadAction(lead: Lead, input: unknown, actor: Actor, ctx: LeadActionContext): Lead {
  const parsed = leadActionSchema.safeParse(input, ZH_ERRORS);
  if (!parsed.success)
    throw new PermanentError(
      `操作内容不完整：${parsed.error.issues.map((i) => `${i.path.join('.') || '操作'}：${i.message}`).join('；')}`,
      {
        code: 'invalid_action',
      },
    );
  const action = parsed.data;
  const refusal = checkLeadAction(lead, action.action, actor);
  if (refusal) throw new PermanentError(refusal, { code: refusalCode(lead, action.action, actor) });
  const stamp = { by: actor.name, at: ctx.now };
  const work = { ...lead.work };
  switch (action.action) {
    case 'assign':
      if (!ctx.towns.includes(action.town))
        throw new PermanentError(`“${action.town}”不是本县的乡镇（街道、园区）`, { code: 'invalid_action' });
      Object.assign(work, {
        state: 'assigned',
        owner_town: action.town,
        owner_departments: action.departments ?? lead.facts.departments,
        routed_by_hand: true,
        signed: null,
        due_at: null,
        deadline_days: null,
      });
      break;
    case 'forward':
      Object.assign(work, { state: 'closed', forwarded: { to: action.to, note: action.note, ...stamp } });
      break;
    case 'sign': {
      const deadline = ctx.deadlineFor(lead, ctx.now);
      Object.assign(work, {
        state: 'verifying',
        signed: stamp,
        due_at: deadline.due_at,
        deadline_days: deadline.days,
      });
      break;
    }
    case 'return':
      Object.assign(work, {
        state: 'new',
        owner_town: null,
        owner_departments: [],
        routed_by_hand: false,
        returns: [...work.returns, { ...stamp, reason: action.reason }],
      });
      break;
    case 'verify':
      Object.assign(work, { state: 'verified', verification: { note: action.note, ...stamp } });
      break;
    case 'unfound':
      Object.assign(work, { state: 'unfounded', unfounded_reason: action.reason });
      break;
    case 'resolve': {
      const { action: _, ...paid } = action;
      Object.assign(work, { state: 'resolved', resolution: { ...paid, ...stamp }, follow_up: null });
      break;
    }
    case 'follow_up':
      work.follow_up = { result: action.result, note: action.note, ...stamp };
      break;
    case 'close':
      if (
        lead.work.state === 'resolved' &&
        lead.work.follow_up?.result !== 'satisfied' &&
        lead.work.follow_up?.result !== 'unreachable'
      )
        throw new PermanentError(
          lead.work.follow_up ? '回访不满意，不能办结：请重新打开继续处理' : '办结前须先登记回访结果',
          { code: 'invalid_action' },
        );
      work.state = 'closed';
      work.closed = { ...stamp, note: action.note ?? null };
      break;
    case 'reopen':
      Object.assign(work, {
        state: work.signed ? 'verifying' : 'new',
        reopened: [...work.reopened, { ...stamp, reason: action.reason }],
        resolution: null,
        follow_up: null,
        closed: null,
        supervision: { step: 'none', at: null },
      });
      break;
  }
  return { ...lead, updated_at: ctx.now, work };
}

/** 403 when the person may never do this to this lead; 409 when only its state is wrong now. */
function refusalCode(lead: Lead, action: LeadActionName, actor: Actor): string {
  const rule = RULES[action];
  const allowed = rule.who.includes(actor.role) || (rule.who.includes('owner') && ownsLead(actor, lead));
  return allowed ? 'invalid_state' : 'forbidden';
}
