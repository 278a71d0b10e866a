import { z } from 'zod';
import { RISKS, type Risk } from '../domain/classification.ts';
import type { Actor } from '../domain/roles.ts';
import { ZH_ERRORS } from '../domain/zh-errors.ts';
import { PermanentError } from '../errors.ts';
import type { EventRecord } from '../events/event-record.ts';
import type { Lead } from '../leads/lead-record.ts';

/** Store kind of a case in the public-security (公安) review queue. */
export const CASE_KIND = 'police-case';

export const CASE_DECISIONS = ['file_investigation', 'transfer', 'no_case', 'keep_watching'] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];

export const CASE_DECISION_ZH: Readonly<Record<CaseDecision, string>> = {
  file_investigation: '立案侦查',
  transfer: '移交',
  no_case: '不予立案',
  keep_watching: '持续关注',
};

export type CaseStatus = 'pending' | 'decided';

export const CASE_STATUS_ZH: Readonly<Record<CaseStatus, string>> = {
  pending: '待研判',
  decided: '已研判',
};

export const CASE_SUBJECT_ZH: Readonly<Record<CaseSubject['kind'], string>> = {
  lead: '欠薪线索',
  event: '舆情事件',
};

/** Why a risk sends a subject to public security, as the reason reads in the queue. */
export const CASE_RISK_ZH: Readonly<Record<Risk, string>> = {
  criminal: '涉嫌犯罪',
  extreme: '存在极端行为风险',
  mass_gathering: '存在群体聚集风险',
};

export const CRIME_THRESHOLD_ZH = '达到拒不支付劳动报酬罪立案标准';

/** Who may decide a case or export its evidence. */
export const CASE_ROLES: readonly Actor['role'][] = ['police', 'admin'];

export interface CaseSubject {
  kind: 'lead' | 'event';
  id: string;
}

/** An event or a lead as read from the store, tagged with which it is. */
export type CaseSubjectRecord = { kind: 'event'; event: EventRecord } | { kind: 'lead'; lead: Lead };

export interface CaseFlag {
  qualifies: boolean;
  risks: Risk[];
  crime_threshold: boolean;
  /** In Chinese, the order fixed (crime first): the same facts always give the same list. */
  reasons: string[];
}

export interface CaseDecisionEntry {
  decision: CaseDecision;
  reason: string;
  by: string;
  at: string;
  transfer_to?: string;
}

/** One subject (event or lead) flagged for public security, with every decision taken on it. */
export interface PoliceCase {
  id: string;
  subject: CaseSubject;
  title: string;
  town: string | null;
  risks: Risk[];
  crime_threshold: boolean;
  /** Every reason ever seen: reasons only accumulate, so a risk that flickers does not reopen. */
  reasons: string[];
  flagged_at: string;
  status: CaseStatus;
  decisions: CaseDecisionEntry[];
  /** The first flag, then each time new reasons appeared (which sends a decided case back). */
  flag_history: { at: string; added: string[] }[];
  updated_at: string;
}

/** `case:event:ev-20261126-…`: one case per subject, so a rerun of the sync collapses. */
export function caseIdFor(subject: CaseSubject): string {
  return `case:${subject.kind}:${subject.id}`;
}

/** Whether an event or a lead goes to the public-security queue and why (pure). */
export function flagReasons(subject: CaseSubjectRecord): CaseFlag {
  const known = new Set<string>(RISKS);
  const raw = subject.kind === 'event' ? subject.event.risks : subject.lead.facts.risks;
  const present = new Set(raw.filter((r): r is Risk => known.has(r)));
  const threshold =
    subject.kind === 'event' ? subject.event.crime_threshold_hit : subject.lead.facts.crime_threshold_reached;
  const risks = (['criminal', 'extreme', 'mass_gathering'] as const).filter((r) => present.has(r));
  const reasons = [
    ...(present.has('criminal') ? [CASE_RISK_ZH.criminal] : []),
    ...(threshold ? [CRIME_THRESHOLD_ZH] : []),
    ...risks.filter((r) => r !== 'criminal').map((r) => CASE_RISK_ZH[r]),
  ];
  return { qualifies: reasons.length > 0, risks, crime_threshold: threshold, reasons };
}

/** The subject's id, title and town, whichever kind it is. */
export function describeSubject(
  subject: CaseSubjectRecord,
): CaseSubject & { title: string; town: string | null } {
  return subject.kind === 'event'
    ? { kind: 'event', id: subject.event.id, title: subject.event.title, town: subject.event.town }
    : { kind: 'lead', id: subject.lead.id, title: subject.lead.facts.title, town: subject.lead.facts.town };
}

/** A new pending case for a subject that qualifies. */
export function newCase(subject: CaseSubjectRecord, flag: CaseFlag, at: string): PoliceCase {
  const { title, town, ...ref } = describeSubject(subject);
  return {
    id: caseIdFor(ref),
    subject: ref,
    title,
    town,
    risks: flag.risks,
    crime_threshold: flag.crime_threshold,
    reasons: flag.reasons,
    flagged_at: at,
    status: 'pending',
    decisions: [],
    flag_history: [{ at, added: flag.reasons }],
    updated_at: at,
  };
}

/**
 * The case with the reasons the subject gained since it was flagged, back in the queue
 * (`pending`) if it had been decided; null when nothing new appeared.
 */
export function withGrownFlag(current: PoliceCase, flag: CaseFlag, at: string): PoliceCase | null {
  const added = flag.reasons.filter((r) => !current.reasons.includes(r));
  if (added.length === 0) return null;
  return {
    ...current,
    risks: [...new Set([...current.risks, ...flag.risks])],
    crime_threshold: current.crime_threshold || flag.crime_threshold,
    reasons: [...current.reasons, ...added],
    status: 'pending',
    flag_history: [...current.flag_history, { at, added }],
    updated_at: at,
  };
}

const text = (max: number, what: string) =>
  z
    .string({ error: `须填写${what}` })
    .trim()
    .min(1, `须填写${what}`)
    .max(max, `${what}不超过 ${max} 字`);

/** What a decision must carry: a reason always, and the receiving body for a transfer. */
export const caseDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('transfer'),
    reason: text(2000, '研判理由'),
    transfer_to: text(100, '移交单位'),
  }),
  z.strictObject({
    decision: z.enum(['file_investigation', 'no_case', 'keep_watching']),
    reason: text(2000, '研判理由'),
  }),
]);
export type CaseDecisionInput = z.infer<typeof caseDecisionSchema>;

/** Refuses anyone but public security and administrators, in Chinese, with code `forbidden`. */
export function assertCaseRole(actor: Actor, what: string): void {
  if (!CASE_ROLES.includes(actor.role))
    throw new PermanentError(`无权${what}：仅公安机关或管理员可以操作`, { code: 'forbidden' });
}

/**
 * The case after one more decision (pure). Every decision, `keep_watching` included, marks the
 * case decided; new flag reasons found by a later sync put it back in the queue.
 */
export function applyDecision(current: PoliceCase, input: unknown, actor: Actor, at: string): PoliceCase {
  assertCaseRole(actor, '研判该案件');
  const parsed = caseDecisionSchema.safeParse(input, ZH_ERRORS);
  if (!parsed.success)
    throw new PermanentError(
      `研判内容不完整：${parsed.error.issues.map((i) => `${i.path.join('.') || '操作'}：${i.message}`).join('；')}`,
      {
        code: 'invalid_action',
      },
    );
  const entry: CaseDecisionEntry = { ...parsed.data, by: actor.name, at };
  return { ...current, status: 'decided', decisions: [...current.decisions, entry], updated_at: at };
}
